import { describe, expect, it } from 'vitest';
import { callExtractionSchema } from './callExtraction.ts';
import { annualSalary, normalizeExtraction } from './normalizer.ts';

const callDate = '2026-11-18'; // a Wednesday
const norm = (raw: Record<string, unknown>, transcript?: string) =>
  normalizeExtraction(raw, transcript === undefined ? { callDate } : { callDate, transcript });
const ctx = { hours: null, salaries: null };

describe('money normalisation', () => {
  it.each([
    ['58k', '', 58000],
    ['58.000 €', '', 58000],
    ['achtundfünfzigtausend', '', 58000],
    [65, '', 65000],
    ['4.500 im Monat, 13 Gehälter', '', 58500],
    [4500, 'Viertausendfünfhundert im Monat brutto, dreizehn Gehälter', 58500],
    [3200, 'Dreitausendzweihundert brutto im Monat', 38400],
    [3900, 'Knapp 3.900 brutto im Monat, wir kriegen vierzehn Gehälter', 54600],
    ['18,50 € die Stunde bei 40 Stunden die Woche', '', 38480],
  ])('%s (quote %s) → %d', (value, hint, want) => {
    expect(annualSalary(value, hint, ctx)).toBe(want);
  });

  it('keeps figures that are annual already, so normalising twice changes nothing', () => {
    expect(annualSalary(58500, 'Viertausendfünfhundert im Monat brutto, dreizehn Gehälter', ctx)).toBe(58500);
    expect(annualSalary(32864, '15,80 Euro die Stunde, bei 40 Stunden in der Woche', ctx)).toBe(32864);
    expect(annualSalary(12480, '12 Euro die Stunde, 20 Stunden die Woche', ctx)).toBe(12480);
  });

  it('refuses net pay, hourly pay without weekly hours, and implausible figures', () => {
    expect(annualSalary(2900, 'Netto sind es ungefähr 2.900 im Monat', ctx)).toBeNull();
    expect(annualSalary('21 Euro die Stunde', '', ctx)).toBeNull();
    expect(annualSalary('21 Euro die Stunde', '', { hours: 38, salaries: null })).toBe(41496);
    expect(annualSalary(3, '', ctx)).toBeNull();
    expect(annualSalary('8.000 im Jahr', '', ctx)).toBeNull();
    expect(annualSalary('viel', '', ctx)).toBeNull();
  });

  it('reads expectations as ranges, ordered, from any shape', () => {
    const exp = (v: unknown, q = '') =>
      norm({ callType: 'candidate', salaryExpectationEur: v, evidence: { salaryExpectationEur: q } })
        .extraction.salaryExpectationEur;
    expect(exp('65 bis 70')).toEqual({ min: 65000, max: 70000 });
    expect(exp('65.000–70.000 €')).toEqual({ min: 65000, max: 70000 });
    expect(exp('ab 70k')).toEqual({ min: 70000, max: 70000 });
    expect(exp({ min: '75k', max: 70000 })).toEqual({ min: 70000, max: 75000 });
    expect(exp({ min: 64000, max: null })).toEqual({ min: 64000, max: 64000 });
    expect(exp([4000, 4500], 'Zwischen 4.000 und 4.500 brutto im Monat')).toEqual({ min: 48000, max: 54000 });
    expect(exp({ min: 40, max: 200 })).toBeNull(); // no plausible range
    expect(exp('netto 3.000')).toBeNull();
  });
});

describe('normalizeExtraction', () => {
  it('maps enum synonyms and booleans, clamps the unknown', () => {
    const { extraction, flags } = norm({
      callType: 'Kandidatin',
      workModel: 'vor Ort',
      willingToRelocate: 'ja',
      evidence: { workModel: 'lieber im Büro', willingToRelocate: 'ja, umziehen geht' },
    });
    expect(extraction.callType).toBe('candidate');
    expect(extraction.workModel).toBe('onsite');
    expect(extraction.willingToRelocate).toBe(true);
    expect(flags).toEqual([]);
    const odd = norm({ callType: 'Stammtisch', workModel: 'mal so mal so', willingToRelocate: 'vielleicht' });
    expect(odd.extraction.callType).toBe('other');
    expect(odd.extraction.workModel).toBeNull();
    expect(odd.extraction.willingToRelocate).toBeNull();
    expect(odd.flags.map((f) => f.field)).toEqual(['callType', 'willingToRelocate', 'workModel']);
  });

  it('gives notice periods their shape', () => {
    const notice = (v: unknown) => norm({ callType: 'candidate', noticePeriod: v }).extraction.noticePeriod;
    expect(notice('drei Monate zum Quartalsende')).toEqual({ amount: 3, unit: 'months', toEndOf: 'quarter' });
    expect(notice({ amount: 'sechs', unit: 'Wochen', toEndOf: 'Monatsende' })).toEqual({
      amount: 6,
      unit: 'weeks',
      toEndOf: 'month',
    });
    expect(notice({ amount: 1, unit: 'quarter', toEndOf: null })).toEqual({
      amount: 3,
      unit: 'months',
      toEndOf: null,
    });
    expect(notice('keine, ich bin freigestellt')).toEqual({ amount: 0, unit: 'weeks', toEndOf: null });
    expect(notice({ amount: 0, unit: 'months', toEndOf: 'quarter' })).toEqual({
      amount: 0,
      unit: 'weeks',
      toEndOf: null,
    });
    expect(notice({ amount: 3, unit: 'Jahrzehnte' })).toBeNull();
    expect(notice('gesetzlich')).toBeNull();
  });

  it('resolves date phrases against the call date and refuses dates before the call', () => {
    const { extraction, flags } = norm({
      callType: 'candidate',
      availableFrom: 'ab 1. März',
      followUpDate: 'nächsten Dienstag',
    });
    expect(extraction.availableFrom).toBe('2027-03-01');
    expect(extraction.followUpDate).toBe('2026-11-24');
    expect(flags).toEqual([]);
    const past = norm({ callType: 'candidate', availableFrom: '2026-01-01', followUpDate: 'im Frühjahr' });
    expect(past.extraction.availableFrom).toBeNull();
    expect(past.extraction.followUpDate).toBeNull();
    expect(past.flags.map((f) => f.reason.split(':')[0])).toEqual([
      'Datum liegt vor dem Gespräch',
      'nennt keinen Tag',
    ]);
  });

  it('trims and deduplicates lists, drops empty strings and placeholder values', () => {
    const { extraction } = norm({
      callType: 'candidate',
      currentPosition: '  "Senior Java-Entwickler" ',
      currentEmployer: 'n/a',
      skills: ['Java', 'java', ' Kafka ', '', null, 'Kafka'],
      preferredLocations: 'Hamburg, Lübeck und Kiel',
      nextSteps: ['Profil schicken', 'Profil schicken'],
    });
    expect(extraction.currentPosition).toBe('Senior Java-Entwickler');
    expect(extraction.currentEmployer).toBeNull();
    expect(extraction.skills).toEqual(['Java', 'Kafka']);
    expect(extraction.preferredLocations).toEqual(['Hamburg', 'Lübeck', 'Kiel']);
    expect(extraction.nextSteps).toEqual(['Profil schicken']);
  });

  it('keeps evidence only for set fields and returns a record of the schema', () => {
    const { extraction } = norm({
      callType: 'client',
      summary: 'Kunde sucht zwei Disponenten.',
      followUpDate: '2026-12-01',
      currentSalaryEur: null,
      evidence: { followUpDate: 'am 1. Dezember', currentSalaryEur: '60k', foo: 'bar' },
    });
    expect(extraction.evidence).toEqual({ followUpDate: 'am 1. Dezember' });
    expect(callExtractionSchema.safeParse(extraction).success).toBe(true);
    expect(Object.keys(extraction)).toHaveLength(15);
  });

  it('uses hours and 13/14 salaries said in the transcript', () => {
    const t =
      'Kandidat: Ich hab 17 Euro die Stunde, bei 39 Stunden die Woche, und vierzehn Gehälter gibt es nicht.';
    const { extraction } = norm(
      {
        callType: 'candidate',
        currentSalaryEur: 17,
        evidence: { currentSalaryEur: 'Ich hab 17 Euro die Stunde' },
      },
      t,
    );
    expect(extraction.currentSalaryEur).toBe(34476);
  });

  it('turns anything that is no object into an empty record with a flag', () => {
    const { extraction, flags } = normalizeExtraction('kaputt', { callDate });
    expect(extraction.callType).toBe('other');
    expect(flags).toEqual([{ field: '*', reason: 'Antwort des Anbieters ist kein JSON-Objekt' }]);
    expect(() => normalizeExtraction({}, { callDate: '18.11.2026' })).toThrow(/YYYY-MM-DD/);
  });
});

describe('postProcess (normalise, then check evidence)', () => {
  it('turns a model’s loose answer into a checked record', async () => {
    const { postProcess } = await import('./index.ts');
    const transcript = [
      'Recruiter: Was verdienen Sie?',
      'Kandidatin: Viertausendfünfhundert im Monat brutto, dreizehn Gehälter.',
      'Recruiter: Und Ihre Vorstellung?',
      'Kandidatin: Ab 70k fix.',
      'Recruiter: Ich ruf Sie nächsten Dienstag an.',
    ].join('\n');
    const raw = {
      callType: 'candidate',
      summary: 'Kandidatin möchte wechseln.',
      currentPosition: null,
      currentEmployer: null,
      currentSalaryEur: 4500,
      salaryExpectationEur: { min: 70000, max: 70000 },
      noticePeriod: null,
      availableFrom: null,
      willingToRelocate: true,
      workModel: 'remote',
      preferredLocations: [],
      skills: [],
      nextSteps: ['Anruf nächsten Dienstag'],
      followUpDate: 'nächsten Dienstag',
      evidence: {
        currentSalaryEur: 'Viertausendfünfhundert im Monat brutto, dreizehn Gehälter',
        salaryExpectationEur: 'Ab 70k fix',
        followUpDate: 'Ich ruf Sie nächsten Dienstag an',
        willingToRelocate: 'würde gern umziehen',
        workModel: null,
      },
    };
    const { extraction, flags } = postProcess(raw, { callDate: '2026-05-12', transcript });
    expect(extraction).toMatchObject({
      currentSalaryEur: 58500,
      salaryExpectationEur: { min: 70000, max: 70000 },
      followUpDate: '2026-05-19',
      willingToRelocate: null,
      workModel: null,
    });
    expect(flags).toEqual([
      { field: 'willingToRelocate', reason: 'Beleg steht nicht im Transkript' },
      { field: 'workModel', reason: 'kein Beleg (Zitat fehlt)' },
    ]);
  });
});
