import { describe, expect, it } from 'vitest';
import { EVIDENCED_FIELDS, emptyExtraction } from './callExtraction.ts';
import { checkEvidence, quoteFound } from './evidenceCheck.ts';

const transcript = [
  'Kandidat: Bei zweiundsechzigtausend brutto.',
  'Kandidat: Hybrid wär ideal, so zwei, drei Tage Homeoffice.',
  'Kandidatin: Ich verdiene 62.000 Euro im Jahr bei der Müller GmbH.',
].join('\n');

describe('quoteFound', () => {
  it('tolerates case, punctuation, whitespace, accents and digit grouping', () => {
    expect(quoteFound(transcript, 'bei Zweiundsechzigtausend   brutto')).toBe(true);
    expect(quoteFound(transcript, '"Hybrid wär ideal - so zwei drei Tage Homeoffice"')).toBe(true);
    expect(quoteFound(transcript, 'ich verdiene 62000 euro im jahr')).toBe(true);
    expect(quoteFound(transcript, 'bei der Muller GmbH')).toBe(true);
  });

  it('lets "…" or "..." skip words, in order', () => {
    expect(quoteFound(transcript, '…Hybrid wär ideal … drei Tage Homeoffice…')).toBe(true);
    expect(quoteFound(transcript, 'Ich verdiene ... im Jahr')).toBe(true);
    expect(quoteFound(transcript, 'Homeoffice … Hybrid')).toBe(false);
  });

  it('refuses invented quotes and fragments of words', () => {
    expect(quoteFound(transcript, 'siebzigtausend brutto')).toBe(false);
    expect(quoteFound(transcript, 'ahr')).toBe(false);
    expect(quoteFound(transcript, 'Ja')).toBe(false); // "Jahr" is no "ja"
    expect(quoteFound(transcript, '…')).toBe(false);
  });
});

describe('checkEvidence', () => {
  it('drops and flags values without support, keeps the supported ones', () => {
    const ex = {
      ...emptyExtraction('candidate'),
      currentSalaryEur: 62000,
      workModel: 'remote' as const,
      followUpDate: '2026-12-01',
      evidence: { currentSalaryEur: 'Bei zweiundsechzigtausend brutto', workModel: 'komplett remote' },
    };
    const { extraction, flags } = checkEvidence(ex, transcript, '2026-11-20');
    expect(extraction.currentSalaryEur).toBe(62000);
    expect(extraction.evidence).toEqual({ currentSalaryEur: 'Bei zweiundsechzigtausend brutto' });
    expect(extraction.workModel).toBeNull();
    expect(extraction.followUpDate).toBeNull();
    expect(flags).toEqual([
      { field: 'workModel', reason: 'Beleg steht nicht im Transkript' },
      { field: 'followUpDate', reason: 'kein Beleg (Zitat fehlt)' },
    ]);
  });

  it('refuses quotes over 200 characters and pay quotes that name no figure', () => {
    const long = `${'Hybrid wär ideal, so zwei, drei Tage Homeoffice. '.repeat(5)}`;
    const ex = {
      ...emptyExtraction('candidate'),
      workModel: 'hybrid' as const,
      currentSalaryEur: 62000,
      evidence: { workModel: long, currentSalaryEur: 'Kandidat: Bei' },
    };
    const { extraction, flags } = checkEvidence(
      ex,
      `${long}\nKandidat: Bei zweiundsechzigtausend brutto.`,
      '2026-11-20',
    );
    expect(extraction.workModel).toBeNull();
    expect(extraction.currentSalaryEur).toBeNull();
    expect(flags.map((f) => f.reason)).toEqual(['Beleg nennt keine Zahl', 'Beleg länger als 200 Zeichen']);
  });

  it('removes evidence of null fields and unknown keys', () => {
    const ex = {
      ...emptyExtraction('candidate'),
      evidence: { currentSalaryEur: 'Bei zweiundsechzigtausend brutto', mood: 'Hybrid wär ideal' },
    };
    expect(checkEvidence(ex, transcript, '2026-11-20').extraction.evidence).toEqual({});
  });
});

describe('checkEvidence: the quote must prove the value', () => {
  const call = [
    'Beraterin: Wo stehen Sie heute beim Gehalt?',
    'Bewerber: Ich komme auf dreitausendachthundert im Monat, brutto natürlich.',
    'Beraterin: Und wohin soll es gehen?',
    'Bewerber: Fünfzig bis zweiundfünfzig wären fair.',
    'Beraterin: Wie lange müssen Sie noch bleiben?',
    'Bewerber: Sechs Wochen zum Monatsende. Ab dem 1. Februar wäre ich frei.',
    'Beraterin: Umziehen?',
    'Bewerber: Nein, ich bleibe in Bremen. Zwei Tage Homeoffice wären schön.',
    'Bewerber: Ich bin Lagerleiter bei der Nordhafen Logistik GmbH, mit SAP EWM und Staplerschein.',
    'Beraterin: Dann melde ich mich am Freitag.',
  ].join('\n');
  const date = '2026-11-18';
  const honest = {
    ...emptyExtraction('candidate'),
    currentPosition: 'Lagerleiter',
    currentEmployer: 'Nordhafen Logistik GmbH',
    currentSalaryEur: 45600,
    salaryExpectationEur: { min: 50000, max: 52000 },
    noticePeriod: { amount: 6, unit: 'weeks' as const, toEndOf: 'month' as const },
    availableFrom: '2027-02-01',
    willingToRelocate: false,
    workModel: 'hybrid' as const,
    preferredLocations: ['Bremen'],
    skills: ['SAP EWM', 'Staplerschein'],
    followUpDate: '2026-11-20',
    evidence: {
      currentPosition: 'Ich bin Lagerleiter bei der Nordhafen Logistik GmbH',
      currentEmployer: 'Lagerleiter bei der Nordhafen Logistik GmbH',
      currentSalaryEur: 'dreitausendachthundert im Monat, brutto natürlich',
      salaryExpectationEur: 'Fünfzig bis zweiundfünfzig wären fair',
      noticePeriod: 'Sechs Wochen zum Monatsende',
      availableFrom: 'Ab dem 1. Februar wäre ich frei',
      willingToRelocate: 'Nein, ich bleibe in Bremen',
      workModel: 'Zwei Tage Homeoffice wären schön',
      followUpDate: 'Dann melde ich mich am Freitag',
    },
  };

  it('keeps values their quotes yield (monthly ×12, thousands, periods, dates, cue words, names)', () => {
    const { extraction, flags } = checkEvidence(honest, call, date);
    expect(flags).toEqual([]);
    expect(extraction).toEqual(honest);
  });

  it('drops every value its real quote does not yield, each with a German reason', () => {
    const planted = {
      ...honest,
      currentPosition: 'Geschäftsführer',
      currentEmployer: 'Südhafen Spedition',
      currentSalaryEur: 99000,
      salaryExpectationEur: { min: 50000, max: 60000 },
      noticePeriod: { amount: 3, unit: 'months' as const, toEndOf: 'quarter' as const },
      availableFrom: '2027-03-01',
      willingToRelocate: true,
      workModel: 'remote' as const,
      preferredLocations: ['Bremen', 'Hamburg'],
      skills: ['SAP EWM', 'SAP TM'],
      followUpDate: '2026-11-23',
    };
    const { extraction, flags } = checkEvidence(planted, call, date);
    for (const f of EVIDENCED_FIELDS) expect(extraction[f], f).toBeNull();
    expect(extraction.preferredLocations).toEqual(['Bremen']);
    expect(extraction.skills).toEqual(['SAP EWM']);
    expect(flags.map((f) => f.field).sort()).toEqual(
      [...EVIDENCED_FIELDS, 'preferredLocations', 'skills'].sort(),
    );
    expect(flags.find((f) => f.field === 'currentSalaryEur')?.reason).toBe(
      'Betrag 99.000 € folgt nicht aus dem Beleg',
    );
    expect(flags.find((f) => f.field === 'skills')?.reason).toBe('„SAP TM“ kommt im Transkript nicht vor');
    expect(flags.find((f) => f.field === 'workModel')?.reason).toBe(
      'Arbeitsmodell „remote“ ist im Beleg nicht genannt',
    );
  });

  it('refuses a net-only figure and a day the quote does not name', () => {
    const t = 'Bewerberin: Netto sind es so 2.400 im Monat. Ich melde mich nächste Woche wieder.';
    const ex = {
      ...emptyExtraction('candidate'),
      currentSalaryEur: 28800,
      followUpDate: '2026-11-25',
      evidence: {
        currentSalaryEur: 'Netto sind es so 2.400 im Monat',
        followUpDate: 'Ich melde mich nächste Woche wieder',
      },
    };
    const { flags } = checkEvidence(ex, t, date);
    expect(flags).toEqual([
      { field: 'currentSalaryEur', reason: 'Beleg nennt nur einen Nettobetrag' },
      { field: 'followUpDate', reason: 'Datum 25.11.2026 folgt nicht aus dem Beleg' },
    ]);
  });

  it('allows an inflected or normalised form: dative company names, hourly pay with the weekly hours', () => {
    const t =
      'Kandidat: Ich schraube bei den Stadtwerken Emden, achtzehn fünfzig die Stunde bei 39 Stunden die Woche. Kenntnisse in Pneumatik.';
    const ex = {
      ...emptyExtraction('candidate'),
      currentEmployer: 'Stadtwerke Emden',
      currentSalaryEur: Math.round(18.5 * 39 * 52),
      skills: ['Pneumatik'],
      evidence: {
        currentEmployer: 'bei den Stadtwerken Emden',
        currentSalaryEur: 'achtzehn fünfzig die Stunde bei 39 Stunden die Woche',
      },
    };
    // "achtzehn fünfzig" is read as 18 and 50 by the number reader; 18,50 is written below.
    const digits = t.replace('achtzehn fünfzig', '18,50');
    const { extraction, flags } = checkEvidence(
      { ...ex, evidence: { ...ex.evidence, currentSalaryEur: '18,50 die Stunde bei 39 Stunden die Woche' } },
      digits,
      date,
    );
    expect(flags).toEqual([]);
    expect(extraction.currentEmployer).toBe('Stadtwerke Emden');
    expect(extraction.currentSalaryEur).toBe(37518);
  });
});

describe('checkEvidence: names in the nominative against a dative quote', () => {
  it('accepts adjective and plural endings that differ from the quote', () => {
    const t =
      'Kandidat: Ich fahre seit zehn Jahren beim Bayerischen Roten Kreuz, vorher bei den Stadtwerken Hof.';
    const ex = {
      ...emptyExtraction('candidate'),
      currentEmployer: 'Bayerisches Rotes Kreuz',
      evidence: { currentEmployer: 'beim Bayerischen Roten Kreuz' },
    };
    expect(checkEvidence(ex, t, '2026-11-20').flags).toEqual([]);
    const other = { ...ex, currentEmployer: 'Bayerischer Rundfunk' };
    expect(checkEvidence(other, t, '2026-11-20').flags).toEqual([
      { field: 'currentEmployer', reason: '„Rundfunk“ steht nicht im Beleg' },
    ]);
  });
});
