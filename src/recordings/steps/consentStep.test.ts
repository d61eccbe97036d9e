import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStepTestDb, recordingRow } from '../../../test/support/stepTestDb.ts';
import { consentStep } from './consentStep.ts';

describe('consentStep (real SQLite)', () => {
  let database: Awaited<ReturnType<typeof openStepTestDb>>;
  beforeAll(async () => {
    database = await openStepTestDb();
  });
  afterAll(() => database.dispose());

  it('gates only download and transcribe; an unknown caller without consent goes to deletion unread', async () => {
    const deps = { db: database.db, consentMode: 'consent' as const };
    for (const step of ['details', 'extract', 'apply', 'delete'] as const)
      expect(await consentStep(deps, recordingRow({ id: step, step }))).toBeNull();
    for (const step of ['download', 'transcribe'] as const) {
      const r = await consentStep(deps, recordingRow({ id: step, step, transcript: 'x' }));
      expect(r).toMatchObject({
        next: 'delete',
        set: { privacy_block: 'unknown_caller', audio_path: null, transcript: null },
        audit: { event: 'blocked_unread', detail: 'unknown_caller' },
      });
    }
  });

  it('lets an unknown caller through in objection mode', async () => {
    const deps = { db: database.db, consentMode: 'objection' as const };
    expect(await consentStep(deps, recordingRow({ id: 'o', step: 'download' }))).toBeNull();
  });
});
