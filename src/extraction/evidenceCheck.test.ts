import { describe, expect, it } from 'vitest';
import { emptyExtraction } from './callExtraction.ts';
import { checkEvidence, quoteFound } from './evidenceCheck.ts';

const transcript =
  'Kandidat: Bei zweiundsechzigtausend brutto.\nKandidat: Hybrid wär ideal, so zwei, drei Tage Homeoffice.';

describe('evidence check', () => {
  it('finds quotes regardless of case, punctuation and ellipses', () => {
    expect(quoteFound(transcript, 'bei Zweiundsechzigtausend brutto')).toBe(true);
    expect(quoteFound(transcript, '…Hybrid wär ideal … drei Tage Homeoffice…')).toBe(true);
    expect(quoteFound(transcript, 'siebzigtausend brutto')).toBe(false);
    expect(quoteFound(transcript, 'Homeoffice … Hybrid')).toBe(false);
  });

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
    expect(extraction.workModel).toBeNull();
    expect(extraction.followUpDate).toBeNull();
    expect(flags).toEqual([
      { field: 'workModel', reason: 'evidence not found in the transcript' },
      { field: 'followUpDate', reason: 'no evidence quote' },
    ]);
  });
});
