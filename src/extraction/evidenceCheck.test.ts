import { describe, expect, it } from 'vitest';
import { emptyExtraction } from './callExtraction.ts';
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
    const { extraction, flags } = checkEvidence(ex, transcript);
    expect(extraction.currentSalaryEur).toBe(62000);
    expect(extraction.evidence).toEqual({ currentSalaryEur: 'Bei zweiundsechzigtausend brutto' });
    expect(extraction.workModel).toBeNull();
    expect(extraction.followUpDate).toBeNull();
    expect(flags).toEqual([
      { field: 'workModel', reason: 'evidence not found in the transcript' },
      { field: 'followUpDate', reason: 'no evidence quote' },
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
    const { extraction, flags } = checkEvidence(ex, `${long}\nKandidat: Bei zweiundsechzigtausend brutto.`);
    expect(extraction.workModel).toBeNull();
    expect(extraction.currentSalaryEur).toBeNull();
    expect(flags.map((f) => f.reason)).toEqual([
      'evidence names no figure',
      'evidence longer than 200 characters',
    ]);
  });

  it('removes evidence of null fields and unknown keys', () => {
    const ex = {
      ...emptyExtraction('candidate'),
      evidence: { currentSalaryEur: 'Bei zweiundsechzigtausend brutto', mood: 'Hybrid wär ideal' },
    };
    expect(checkEvidence(ex, transcript).extraction.evidence).toEqual({});
  });
});
