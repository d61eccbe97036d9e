import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import { forUpdateSkipLocked } from '../db/dialect.ts';
import type { DB, JobRow } from '../db/schema.ts';
import type { EnqueueSpec } from './jobTypes.ts';

/**
 * The queue's SQL on the `jobs` table. Every change to a claimed job is fenced by its claim token and
 * `status = 'running'`: a worker that lost its lease changes nothing.
 */

/** Adds a job (in the caller's transaction when given one). Returns its id, or null if the key existed. */
export async function enqueueJob(
  db: Kysely<DB> | Transaction<DB>,
  spec: EnqueueSpec,
): Promise<string | null> {
  const now = new Date().toISOString();
  const id = randomUUID();
  const inserted = await db
    .insertInto('jobs')
    .values({
      id,
      type: spec.type,
      key: spec.key ?? null,
      payload: JSON.stringify(spec.payload ?? {}),
      status: 'queued',
      run_at: (spec.runAt ?? new Date()).toISOString(),
      attempts: 0,
      priority: spec.priority ?? 0,
      lease_until: null,
      claim_token: null,
      locked_by: null,
      last_error: null,
      created_at: now,
      updated_at: now,
      finished_at: null,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1 ? id : null;
}

/** Puts a failed (or waiting) job back in line at once, with its attempts reset. */
export async function requeueJob(db: Kysely<DB> | Transaction<DB>, id: string): Promise<boolean> {
  const now = new Date().toISOString();
  const res = await db
    .updateTable('jobs')
    .set({
      status: 'queued',
      attempts: 0,
      run_at: now,
      lease_until: null,
      claim_token: null,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('status', 'in', ['failed', 'queued'])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Claims up to `limit` due jobs of the given types in one statement (`FOR UPDATE SKIP LOCKED` on
 * PostgreSQL, so several instances never take the same job): queued ones that are due, and running ones
 * whose lease ran out.
 */
export async function claimDueJobs(
  db: Kysely<DB>,
  opts: { types: string[]; limit: number; token: string; instance: string; boot: string; leaseMs: number },
): Promise<JobRow[]> {
  const now = new Date().toISOString();
  // A lease for the claim itself; the heartbeat sets each job's own lease right after.
  const lease = new Date(Date.now() + opts.leaseMs).toISOString();
  const res = await sql<JobRow>`
      update jobs set status = 'running', attempts = attempts + 1, lease_until = ${lease},
        claim_token = ${opts.token}, locked_by = ${opts.instance}, claim_boot = ${opts.boot}, updated_at = ${now}
      where id in (
        select id from jobs
        where type in (${sql.join(opts.types)})
          and ((status = 'queued' and run_at <= ${now}) or (status = 'running' and lease_until < ${now}))
        order by priority desc, run_at
        limit ${opts.limit}
        ${forUpdateSkipLocked(db)})
      returning *`.execute(db);
  return res.rows;
}

/** Marks a claimed job done (in the caller's transaction); false when the claim is no longer this one. */
export async function completeClaimedJob(trx: Transaction<DB>, id: string, token: string): Promise<boolean> {
  const now = new Date().toISOString();
  const res = await trx
    .updateTable('jobs')
    .set({ status: 'done', lease_until: null, last_error: null, finished_at: now, updated_at: now })
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Heartbeat: extends a claimed job's lease; false when the claim is no longer this one. */
export async function extendLease(
  db: Kysely<DB>,
  id: string,
  token: string,
  leaseMs: number,
): Promise<boolean> {
  const res = await db
    .updateTable('jobs')
    .set({ lease_until: new Date(Date.now() + leaseMs).toISOString() })
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Records a failed attempt: queued again at `runAt`, or failed for good; false when the claim is gone. */
export async function recordFailedAttempt(
  trx: Transaction<DB>,
  id: string,
  token: string,
  f: { final: boolean; attempts: number; runAt: Date | null; message: string; now: Date },
): Promise<boolean> {
  const res = await trx
    .updateTable('jobs')
    .set({
      status: f.final ? 'failed' : 'queued',
      attempts: f.attempts,
      run_at: f.runAt ? f.runAt.toISOString() : f.now.toISOString(),
      lease_until: null,
      last_error: f.message.slice(0, 2000),
      updated_at: f.now.toISOString(),
      finished_at: f.final ? f.now.toISOString() : null,
    })
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Gives a job back without counting the attempt (graceful shutdown). */
export async function releaseClaimedJob(db: Kysely<DB>, id: string, token: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'queued',
      attempts: eb('attempts', '-', 1),
      lease_until: null,
      run_at: new Date().toISOString(),
      updated_at: new Date().toISOString(),
    }))
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .where('status', '=', 'running')
    .execute();
}

/** Removes finished jobs older than `days` (housekeeping). */
export async function pruneFinishedJobs(db: Kysely<DB>, days: number): Promise<number> {
  const cutoff = new Date(Date.now() - days * 86_400_000).toISOString();
  const res = await db
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('finished_at', '<', cutoff)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
