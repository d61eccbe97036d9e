import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyExtraction } from '../../src/extraction/index.ts';
import { JobQueue, type RunningJob } from '../../src/jobs/jobQueue.ts';
import { eraseTraces } from '../../src/privacy/personEraser.ts';
import { findTraces } from '../../src/privacy/personTraces.ts';
import { moveAssignment } from '../../src/recordings/assignmentMover.ts';
import {
  enqueueRecordingStep,
  RECORDING_STEP_JOB,
  recordingStepJobs,
} from '../../src/recordings/recordingPipeline.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { storeCandidate } from '../support/records.ts';
import { recordingRow } from '../support/stepTestDb.ts';
import { type MigratedTestDb, openMigratedTestDb } from '../support/testDatabase.ts';

/**
 * A call wrongly filed at one person and moved to another leaves the first person's name in the second
 * record's history ("war bei Kandidat „…“"). Erasing the first person must not leave it there.
 */
describe('erasure, other records and steps in flight', () => {
  let db: MigratedTestDb;

  beforeAll(async () => {
    db = await openMigratedTestDb();
  });
  afterAll(() => db?.dispose());

  it("removes the erased person's name from a moved call's entry on the other record", async () => {
    const wrong = await storeCandidate(db.db, { firstName: 'Maximilian', lastName: 'Mustermann-Quast' });
    const right = await storeCandidate(db.db, { firstName: 'Erika', lastName: 'Beispiel' });
    await db.db
      .insertInto('recordings')
      .values(
        recordingRow({
          id: 'rec-moved',
          step: 'delete',
          status: 'done',
          record_type: 'candidate',
          record_id: wrong.id,
          extraction_json: JSON.stringify({ ...emptyExtraction('candidate'), summary: 'Gespräch' }),
        }),
      )
      .execute();
    await moveAssignment(
      db.db,
      'rec-moved',
      { type: 'candidate', id: right.id },
      { userId: 'u1', name: 'Milad' },
    );
    const before = await db.db
      .selectFrom('record_events')
      .select('text')
      .where('record_id', '=', right.id)
      .execute();
    // The history names where the call was before.
    expect(before.map((e) => e.text).join('\n')).toContain('Mustermann-Quast');

    const traces = await findTraces(db.db, { person: { type: 'candidate', id: wrong.id } });
    await db.db.transaction().execute((trx) => eraseTraces(trx, traces, recordingStepJobs));

    const after = await db.db.selectFrom('record_events').select(['record_id', 'text']).execute();
    expect(after.filter((e) => /Mustermann|Maximilian/.test(e.text))).toEqual([]);
    // The other record keeps its history entry, without the name.
    expect(
      after
        .filter((e) => e.record_id === right.id)
        .map((e) => e.text)
        .join('\n'),
    ).toContain('hierher verschoben');
  });

  it('a recording step claimed before the erasure cannot write the person back afterwards', async () => {
    const person = await storeCandidate(db.db, { firstName: 'Theodora', lastName: 'Quellmalz' });
    await db.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('recordings')
        .values(
          recordingRow({
            id: 'rec-in-flight',
            step: 'transcribe',
            status: 'pending',
            record_type: 'candidate',
            record_id: person.id,
            details_json: JSON.stringify({ serviceData: { callSessionId: 'session-x' } }),
          }),
        )
        .execute();
      await enqueueRecordingStep(trx, 'rec-in-flight', 'transcribe');
    });
    // The step's claim came just before the erasure looked: it is transcribing and commits its result
    // with its job's completion, as the pipeline does.
    let claimed!: () => void;
    const wasClaimed = new Promise<void>((r) => {
      claimed = r;
    });
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let outcome: 'committed' | 'refused' | null = null;
    const queue = new JobQueue({
      db: db.db,
      log: createLogger({ level: 'silent' }),
    }).lane('recordings', { concurrency: 1 });
    queue.define<{ recordingId: string; step: string }>({
      type: RECORDING_STEP_JOB,
      lane: 'recordings',
      leaseMs: 60_000,
      run: async (job: RunningJob<{ recordingId: string; step: string }>) => {
        if (job.payload.step !== 'transcribe') return;
        claimed();
        await gate;
        try {
          await db.db.transaction().execute(async (trx) => {
            await job.complete(trx);
            await trx
              .updateTable('recordings')
              .set({ transcript: 'Theodora Quellmalz: Ich suche eine neue Stelle.', step: 'extract' })
              .where('id', '=', job.payload.recordingId)
              .execute();
          });
          outcome = 'committed';
        } catch (err) {
          outcome = 'refused';
          throw err;
        }
      },
    });
    queue.start({ pollMs: 50 });
    try {
      await wasClaimed;
      const traces = await findTraces(db.db, { person: { type: 'candidate', id: person.id } });
      expect(traces.recordingIds).toContain('rec-in-flight');
      await db.db.transaction().execute((trx) => eraseTraces(trx, traces, recordingStepJobs));
      release();
      await expect.poll(() => outcome, { timeout: 10_000 }).not.toBeNull();
    } finally {
      release();
      await queue.stop(1_000);
    }
    expect(outcome).toBe('refused');
    const rec = await db.db
      .selectFrom('recordings')
      .select(['transcript', 'step', 'privacy_block'])
      .where('id', '=', 'rec-in-flight')
      .executeTakeFirstOrThrow();
    expect(rec).toEqual({ transcript: null, step: 'delete', privacy_block: 'erased' });
  });
});
