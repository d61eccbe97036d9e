import { describe, expect, it } from 'vitest';
import { extractedFieldsInput } from './extractedFieldsEditor.ts';

describe('extractedFieldsInput', () => {
  it('reads amounts, ranges, notice periods and lists as a recruiter types them', () => {
    const r = extractedFieldsInput.parse({
      current_salary_eur: '55.000 €',
      salary_min: '70k',
      salary_max: '',
      notice_amount: '3',
      notice_unit: 'months',
      notice_end: 'quarter',
      willing_to_relocate: 'nein',
      preferred_locations: 'Kassel, Göttingen',
      current_employer: '  ',
    });
    expect(r.current_salary_eur).toBe(55000);
    expect(JSON.parse(r.salary_expectation!)).toEqual({ min: 70000, max: 70000 });
    expect(JSON.parse(r.notice_period!)).toEqual({ amount: 3, unit: 'months', toEndOf: 'quarter' });
    expect(r.willing_to_relocate).toBe(0);
    expect(JSON.parse(r.preferred_locations!)).toEqual(['Kassel', 'Göttingen']);
    expect(r.current_employer).toBeNull();
  });

  it('refuses what is no amount or an inverted range, naming the field in German', () => {
    const messages = (form: Record<string, string>) =>
      (extractedFieldsInput.safeParse(form).error?.issues ?? []).map(
        (i) => `${String(i.path[0])}: ${i.message}`,
      );
    expect(messages({ current_salary_eur: 'viel' })).toEqual([
      'current_salary_eur: Aktuelles Gehalt: Betrag in Euro, z. B. 55.000',
    ]);
    expect(messages({ salary_min: '80.000', salary_max: '70.000' })).toEqual([
      'salary_max: Gehaltswunsch: „bis“ ist kleiner als „von“',
    ]);
    expect(extractedFieldsInput.safeParse({ notice_amount: '3' }).success).toBe(false);
  });

  it('refuses a day the calendar does not have (30 February was stored and shown as 30.02.2026)', () => {
    for (const day of ['2026-02-30', '2026-04-31', '2027-02-29', '2026-13-01', '2026-00-10']) {
      expect(extractedFieldsInput.safeParse({ available_from: day }).error?.issues[0]?.message, day).toBe(
        'Verfügbar ab: Datum wie 2027-04-01',
      );
    }
    expect(extractedFieldsInput.parse({ available_from: '2028-02-29' }).available_from).toBe('2028-02-29');
    expect(extractedFieldsInput.parse({ available_from: '' }).available_from).toBeNull();
  });
});
