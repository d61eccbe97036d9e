import { describe, expect, it } from 'vitest';
import { findNumbers } from './germanNumbers.ts';
import { annualOf, isMoneyToken, isNet, salariesIn, weeklyHoursIn } from './payFigures.ts';

const first = (text: string) => findNumbers(text)[0]!;
const annual = (text: string, hours: number | null = null, salaries: number | null = null) =>
  annualOf(first(text), text, { text, hours, salaries }, 'now');

describe('pay figures as annual gross', () => {
  it('multiplies monthly figures by the salaries said, hourly ones by the hours said', () => {
    expect(annual('Ich komme auf 3.900 im Monat.')).toBe(46800);
    expect(annual('Es sind 3.900 im Monat, dreizehn Gehälter.')).toBe(50700);
    expect(annual('Ich kriege 17,50 die Stunde.', 38)).toBe(34580);
    expect(annual('Ich kriege 17,50 die Stunde.')).toBeNull();
    expect(annual('So um die 64 im Jahr.')).toBe(64000);
  });

  it('reads the weekly hours and the number of salaries only when said once', () => {
    expect(weeklyHoursIn('Das ist eine 39-Stunden-Woche.')).toBe(39);
    expect(weeklyHoursIn('Ich arbeite dreißig Wochenstunden.')).toBe(30);
    expect(weeklyHoursIn('Mal 30 Stunden die Woche, mal 40 Stunden die Woche.')).toBeNull();
    expect(salariesIn('Wir kriegen vierzehn Monatsgehälter.')).toBe(14);
    expect(salariesIn('Das Gehalt kommt zwölfmal.')).toBeNull();
  });

  it('takes no year, duration or count for money, and knows which figure is net', () => {
    const notMoney = (t: string) => isMoneyToken(first(t), t);
    expect(notMoney('Seit 2019 dabei.')).toBe(false);
    expect(notMoney('Wir sind 40 Mitarbeiter.')).toBe(false);
    expect(notMoney('Am 1. März.')).toBe(false);
    expect(notMoney('Ich verdiene 4.100.')).toBe(true);
    const text = 'Brutto 4.100, netto 2.700 im Monat.';
    const [gross, net] = findNumbers(text);
    expect([isNet(text, gross!), isNet(text, net!)]).toEqual([false, true]);
  });
});

describe('salaries counted "im Jahr"', () => {
  it('reads "vierzehn Mal im Jahr" as the number of salaries, not as a yearly figure', () => {
    expect(annual('Zweitausendsiebenhundert brutto, vierzehn Mal im Jahr.')).toBe(37800);
    expect(annual('So 2.700 im Jahr, glaube ich.')).toBeNull();
  });
});
