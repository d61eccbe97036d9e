import { describe, expect, it } from 'vitest';
import { foldConsent } from './consentRecorder.ts';

describe('foldConsent', () => {
  it('lets the latest event of each pair decide, whatever the order given', () => {
    expect(foldConsent([])).toEqual({ objected: false, consented: false });
    expect(
      foldConsent([
        { kind: 'objection_withdrawn', at: '2026-11-02T10:00:00Z' },
        { kind: 'objection', at: '2026-11-01T10:00:00Z' },
      ]),
    ).toEqual({ objected: false, consented: false });
    expect(
      foldConsent([
        { kind: 'consent', at: '2026-11-01T10:00:00Z' },
        { kind: 'objection', at: '2026-11-03T10:00:00Z' },
        { kind: 'consent_withdrawn', at: '2026-10-01T10:00:00Z' },
      ]),
    ).toEqual({ objected: true, consented: true });
  });
});
