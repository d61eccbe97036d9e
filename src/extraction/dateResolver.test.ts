import { describe, expect, it } from 'vitest';
import { findDates, normalizeDate, resolveDatePhrase } from './dateResolver.ts';

describe('resolveDatePhrase against the call date', () => {
  it.each([
    ['ich ruf Sie nächsten Dienstag an', '2026-11-18', '2026-11-24'],
    ['nächsten Dienstag', '2026-11-17', '2026-11-24'], // call on a Tuesday
    ['am Montag', '2026-11-18', '2026-11-23'],
    ['übernächsten Montag', '2026-01-27', '2026-02-09'],
    ['nächste Woche Mittwoch', '2026-07-06', '2026-07-15'],
    ['Mittwoch nächster Woche', '2026-07-09', '2026-07-15'],
    ['übernächste Woche Dienstag', '2026-09-14', '2026-09-29'],
    ['dann telefonieren wir am 12. Mai', '2026-04-21', '2026-05-12'],
    ['ich könnte ab 1. März anfangen', '2026-01-27', '2026-03-01'],
    ['frühestens zum ersten April', '2026-11-20', '2027-04-01'],
    ['zum ersten des übernächsten Monats', '2026-09-08', '2026-11-01'],
    ['zum Ersten des nächsten Monats', '2026-12-10', '2027-01-01'],
    ['zum 1.2. wäre realistisch', '2026-12-15', '2027-02-01'],
    ['am 3.1. geht es los', '2026-12-10', '2027-01-03'],
    ['Start am 01.04.2027', '2026-12-10', '2027-04-01'],
    ['am Donnerstag, den vierten Juni', '2026-06-01', '2026-06-04'],
    ['der Zwölfte ist gut', '2026-04-21', '2026-05-12'],
    ['ich melde mich morgen früh', '2026-10-14', '2026-10-15'],
    ['übermorgen', '2026-12-31', '2027-01-02'],
    ['in zwei Wochen wieder', '2026-12-24', '2027-01-07'],
    ['in einer Woche', '2026-03-01', '2026-03-08'],
    ['in zehn Tagen', '2026-02-25', '2026-03-07'],
    ['Ende des Monats', '2026-02-10', '2026-02-28'],
    ['sofort', '2026-10-14', '2026-10-14'],
    ['ab sofort', '2026-10-14', '2026-10-14'],
  ])('%s (call %s) → %s', (phrase, call, want) => {
    expect(resolveDatePhrase(phrase, call)?.date).toBe(want);
  });

  it('names no day for vague phrases, greetings and ordinals that are no dates', () => {
    for (const p of [
      'Anfang März',
      'im Frühjahr',
      'ab März',
      'nächste Woche irgendwann',
      'Ende der Woche',
      'Guten Morgen, Frau Keller',
      'am Morgen',
      'am ersten Tag',
      'zum ersten Mal',
      'in zwei, drei Wochen',
      'montags im Büro',
    ]) {
      expect(resolveDatePhrase(p, '2026-01-10'), p).toBeNull();
    }
  });

  it('finds every date of a text with its kind and position', () => {
    const text = 'Ab dem 1. Februar kann ich, und Montag rufe ich an.';
    const dates = findDates(text, '2026-12-28');
    expect(dates.map((d) => [d.date, d.kind, text.slice(d.start, d.end)])).toEqual([
      ['2027-02-01', 'explicit', '1. Februar'],
      ['2027-01-04', 'weekday', 'Montag'],
    ]);
  });
});

describe('normalizeDate', () => {
  it('accepts ISO, German dates and phrases; refuses what names no day', () => {
    expect(normalizeDate('2027-04-01', '2026-11-20')).toBe('2027-04-01');
    expect(normalizeDate('2027-04-01T00:00:00Z', '2026-11-20')).toBe('2027-04-01');
    expect(normalizeDate('1.4.2027', '2026-11-20')).toBe('2027-04-01');
    expect(normalizeDate('01.04.', '2026-11-20')).toBe('2027-04-01');
    expect(normalizeDate('nächsten Dienstag', '2026-11-18')).toBe('2026-11-24');
    expect(normalizeDate('2026-02-30', '2026-01-01')).toBeNull();
    expect(normalizeDate('Anfang März', '2026-01-01')).toBeNull();
    expect(normalizeDate(20260301, '2026-01-01')).toBeNull();
  });
});

describe('a day number that lost its dot in a transcript without punctuation', () => {
  it('reads "am 21" as the 21st, not a time or a count', () => {
    const at = (t: string) => findDates(t, '2026-04-02').map((d) => d.date);
    expect(at('ich ruf sie dann am 21 wieder an wenn ich was weiß')).toContain('2026-04-21');
    expect(at('ich ruf sie am 21 uhr an')).not.toContain('2026-04-21');
    expect(at('am 3 tage später')).toEqual([]);
    // With punctuation the dot is required as before.
    expect(at('Ich ruf Sie am 21 wieder an.')).not.toContain('2026-04-21');
  });
});

describe('a weekday with its day number when the dots are gone', () => {
  it('reads "am donnerstag den 17" as the 17th', () => {
    expect(
      findDates('ich schicke ihnen das und wir telefonieren am donnerstag den 17 passt', '2026-12-08').map(
        (d) => d.date,
      ),
    ).toContain('2026-12-17');
    expect(findDates('am donnerstag den 17 leute', '2026-12-08').map((d) => d.kind)).not.toContain(
      'dayOfMonth',
    );
  });
});
