import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { enqueueJob, type JobQueue, RetryJobLater, type RunningJob } from '../jobs/jobQueue.ts';
import { NotFoundError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { type ErasureSummary, eraseTraces, type RecordingStepJobs } from './personScrubber.ts';
import { findTraces, type Subject } from './personTraces.ts';
import { assertRecordExists } from './subjects.ts';

export { type ErasureSummary, eraseTraces, type RecordingStepJobs } from './personScrubber.ts';

export const PERSON_ERASURE_JOB = 'privacy.erase';

/**
 * Queues an erasure (Art. 17). Only the request is written here, together with its job on the durable
 * queue: the job erases everything in one transaction, so a crash leaves all of it or none of it, and
 * after a restart the job runs again.
 */
export async function requestErasure(
  db: Kysely<DB>,
  subject: Subject,
  requestedBy: string,
): Promise<{ id: string }> {
  if ('person' in subject) await assertRecordExists(db, subject.person);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('erasures')
      .values({
        id,
        subject_type: 'person' in subject ? subject.person.type : 'phone',
        status: 'queued',
        requested_by: requestedBy,
        requested_at: new Date().toISOString(),
        finished_at: null,
        targets_json: JSON.stringify(subject),
        summary_json: null,
      })
      .execute();
    await enqueueJob(trx, {
      type: PERSON_ERASURE_JOB,
      key: `erasure:${id}`,
      payload: { erasureId: id },
    });
  });
  return { id };
}

export async function getErasure(db: Kysely<DB>, id: string) {
  const row = await db.selectFrom('erasures').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('Löschauftrag');
  return {
    id: row.id,
    subjectType: row.subject_type,
    status: row.status,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    finishedAt: row.finished_at,
    summary: row.summary_json ? (JSON.parse(row.summary_json) as ErasureSummary) : null,
  };
}

/** What the erasure job uses: the database, the recording step jobs and a logger. */
type EraserDeps = {
  recordingSteps: RecordingStepJobs;
  db: Kysely<DB>;
  log: Pick<Logger, 'info'>;
};

/** The tombstones, newest first (Art. 5 (2): proof that requests were carried out). */
export async function listErasures(db: Kysely<DB>, limit = 200) {
  const rows = await db
    .selectFrom('erasures as e')
    .leftJoin('users as u', 'u.id', 'e.requested_by')
    .select([
      'e.id',
      'e.subject_type',
      'e.status',
      'e.requested_at',
      'e.finished_at',
      'e.summary_json',
      'e.requested_by',
      'u.display_name',
    ])
    .orderBy('e.requested_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    subjectType: r.subject_type,
    status: r.status,
    requestedAt: r.requested_at,
    finishedAt: r.finished_at,
    by: r.display_name ?? (r.requested_by === 'cli' ? 'Kommandozeile' : '–'),
    summary: r.summary_json ? (JSON.parse(r.summary_json) as ErasureSummary) : null,
  }));
}

export interface ErasureHooks {
  /** Runs in the erasure's transaction once everything is written, before it commits (crash tests pause here). */
  beforeCommit?: (erasureId: string) => Promise<void>;
}

export function definePersonEraser(queue: JobQueue, ctx: EraserDeps, hooks: ErasureHooks = {}) {
  queue.define<{ erasureId: string }>({
    type: PERSON_ERASURE_JOB,
    lane: 'background',
    maxAttempts: 50,
    leaseMs: 15_000,
    run: (job) => runErasure(ctx, queue, job, hooks),
  });
}

async function runErasure(
  ctx: EraserDeps,
  queue: JobQueue,
  job: RunningJob<{ erasureId: string }>,
  hooks: ErasureHooks,
) {
  const { db } = ctx;
  const erasure = await db
    .selectFrom('erasures')
    .selectAll()
    .where('id', '=', job.payload.erasureId)
    .executeTakeFirst();
  if (!erasure || erasure.status === 'done' || !erasure.targets_json) return;
  const traces = await findTraces(db, JSON.parse(erasure.targets_json) as Subject);
  // A recording step in flight would commit its result after the erasure: wait for it to end.
  if (traces.recordingIds.length) {
    const busy = await db
      .selectFrom('recordings')
      .select('id')
      .where('id', 'in', traces.recordingIds)
      .where('status', '=', 'running')
      .execute();
    if (busy.length)
      throw new RetryJobLater('Wartet, bis laufende Aufnahmen-Schritte fertig sind', 1000, {
        uncounted: true,
      });
  }
  const audio = traces.recordingIds.length
    ? (
        await db
          .selectFrom('recordings')
          .select('audio_path')
          .where('id', 'in', traces.recordingIds)
          .where('audio_path', 'is not', null)
          .execute()
      ).map((r) => r.audio_path!)
    : [];
  let summary: ErasureSummary | null = null;
  await db.transaction().execute(async (trx) => {
    await job.complete(trx);
    summary = await eraseTraces(trx, traces, ctx.recordingSteps);
    await trx
      .updateTable('erasures')
      .set({
        status: 'done',
        finished_at: new Date().toISOString(),
        targets_json: null,
        summary_json: JSON.stringify(summary),
      })
      .where('id', '=', erasure.id)
      .execute();
    await hooks.beforeCommit?.(erasure.id);
  });
  for (const path of audio) await rm(path, { force: true });
  ctx.log.info({ erasure: erasure.id, summary }, 'erasure done');
  queue.poke();
}
