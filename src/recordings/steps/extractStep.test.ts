import { describe, expect, it } from 'vitest';
import { recordingRow } from '../../../test/support/stepTestDb.ts';
import { extractStep } from './extractStep.ts';

const rules = {
  extractionProvider: 'rules' as const,
  extractionBaseUrl: 'https://api.openai.com/v1',
  extractionApiKey: undefined,
  extractionModel: 'gpt-4o-mini',
};

describe('extractStep', () => {
  it('stores the record read from the transcript and moves on to apply', async () => {
    const rec = recordingRow({
      id: 'a',
      step: 'extract',
      call_date: '2026-11-03',
      transcript: 'Kandidat: Ich verdiene zweiundfünfzigtausend brutto. Kündigungsfrist sind drei Monate.',
    });
    const r = await extractStep(rules, rec, new AbortController().signal);
    expect(r.next).toBe('apply');
    const extraction = JSON.parse(r.set.extraction_json!);
    expect(JSON.stringify(extraction)).toContain('52000');
    const flags = JSON.parse(r.set.flags_json!) as unknown[];
    expect(r.audit).toEqual({ event: 'extracted', detail: `${flags.length} flags` });
  });
});
