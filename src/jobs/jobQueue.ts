import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type Kysely, sql, type Transaction } from 'kysely';
import { forUpdateSkipLocked } from '../db/dialect.ts';
import type { DB, JobRow } from '../db/schema.ts';
import type { Logger } from '../shared/logger.ts';

/**
 * A small durable job queue on our own `jobs` table, the same on SQLite and PostgreSQL.
 *
 * - Jobs have a type, a JSON payload, an optional unique `key` (enqueueing the same key twice adds
 *   nothing), `run_at`, attempts and a lease.
 * - Claiming is one statement: `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)` on PostgreSQL,
 *   so several instances never take the same job; SQLite has a single writer, and the same statement
 *   without the locking clause is atomic there.
 * - A claimed job holds a lease that the worker extends while it runs (heartbeat). A process that dies
 *   (kill -9) stops extending it; once it runs out any instance takes the job over. Every claim gets a
 *   new token, and completing or failing a job is fenced by it: a worker that lost its lease can no
 *   longer commit anything through the queue.
 * - Failures retry with exponential backoff and jitter (or the delay the error names, e.g. Retry-After)
 *   up to the type's attempts; permanent ones stop at once. The handler may commit its own results in
 *   the same transaction as the job's completion (`job.complete(trx)`), which is what makes a step
 *   "committed before the next starts".
 * - Work runs in lanes with bounded concurrency; a freed slot claims the next due job at once, the one
 *   with the highest priority first, then the oldest.
 * - Periodic jobs are enqueued with the key `periodic:<name>:<period>`: whichever instance inserts it
 *   first, the job runs once per period across all instances, with retries and takeover like any job.
 *   Each is checked every 30 s (or at half its period when that is shorter), and at start if it asks to.
 *   They are the service's only scheduler: no other timers run periodic work.
 * - Claims name the instance (`locked_by`) and the process run (`claim_boot`). An instance with a stable
 *   identity (the service: host and listening address, or INSTANCE_ID) that starts again knows that
 *   the claims of its earlier runs belong to a dead process and takes them back at once
 *   (`reclaimOwnDeadClaims`) rather than after their lease; another instance's claims are never touched.
 * - `stop()` drains: no new claims, running jobs get a grace period, then their signal aborts and what
 *   is still running is released (queued again, the attempt not counted).
 */

export interface EnqueueSpec {
  type: string;
  payload?: unknown;
  /** Unique across all jobs: a second enqueue with the same key adds nothing (returns null). */
  key?: string | null;
  runAt?: Date;
  /** Among due jobs, higher is claimed first (default 0). */
  priority?: number;
}

export interface JobFailure {
  /** True when the job stops for good (permanent error or attempts used up). */
  final: boolean;
  message: string;
  /** When the next attempt is due, for a retry. */
  runAt: string | null;
  attempts: number;
  err: unknown;
}

export interface RunningJob<P> {
  readonly id: string;
  readonly type: string;
  readonly key: string | null;
  readonly payload: P;
  /** 1 for the first run of this job, 2 for the first retry, … */
  readonly attempt: number;
  /** Aborted when the queue stops (after the grace period) or the lease was lost. */
  readonly signal: AbortSignal;
  /**
   * Marks the job done inside the caller's transaction, so results and completion commit together.
   * Throws LeaseLost (rolling the transaction back) when another worker has taken the job over.
   */
  complete(trx: Transaction<DB>): Promise<void>;
}

export interface JobDefinition<P = unknown> {
  type: string;
  /** The lane whose concurrency the job counts against. */
  lane: string;
  run(job: RunningJob<P>): Promise<void>;
  /**
   * How often a job of this type may run (default 10): it stops once that many attempts failed, or
   * when it was taken over more often than that (a job that kills its worker every time).
   */
  maxAttempts?: number;
  leaseMs?: number;
  /** Delay before retry n (n = attempts so far), before jitter. Default: 1 s · 2^(n-1), at most 5 min. */
  backoffMs?: (attempts: number) => number;
  /** How an error is treated; default: PermanentJobError stops, RetryJobLater waits, others back off. */
  classify?: (err: unknown, job: RunningJob<P>) => ErrorPolicy | undefined;
  /** Runs in the transaction that records a retry or the final failure: mirror the state elsewhere. */
  onFailure?: (trx: Transaction<DB>, job: RunningJob<P>, failure: JobFailure) => Promise<void>;
}

export interface ErrorPolicy {
  permanent?: boolean;
  /** Wait this long instead of the backoff (e.g. Retry-After). */
  delayMs?: number;
  /** Do not count this attempt (e.g. waiting for a reconnect, not a failure of the work). */
  uncounted?: boolean;
  /** The message stored as last_error (default: the error's message). */
  message?: string;
}

/** Stops the job for good, with a message for people. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** Retry after a given delay, optionally without counting the attempt. */
export class RetryJobLater extends Error {
  override name = 'RetryJobLater';
  readonly delayMs: number;
  readonly uncounted: boolean;
  constructor(message: string, delayMs: number, opts: { uncounted?: boolean } = {}) {
    super(message);
    this.delayMs = delayMs;
    this.uncounted = opts.uncounted ?? false;
  }
}

/** The job was taken over by another worker after this one's lease ran out. */
export class LeaseLost extends Error {
  override name = 'LeaseLost';
}

export interface LaneOptions {
  concurrency: number;
}

const DEFAULT_MAX_ATTEMPTS = 10;
const DEFAULT_LEASE_MS = 60_000;
/** The one rule for how often a job may run: its type's `maxAttempts`. */
const attemptsAllowed = (def: JobDefinition<never>) => def.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
/** An identity no other process shares: without a stable one, a queue never reclaims anything early. */
const ephemeralInstance = () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export const defaultBackoffMs = (attempts: number) =>
  Math.min(5 * 60_000, 1000 * 2 ** Math.max(0, attempts - 1));
/** Up to +25 % (at most 5 s), so retries of many jobs that failed together spread out. */
export const withJitter = (ms: number) => ms + Math.floor(Math.random() * Math.min(5000, ms / 4 + 1));

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

interface Lane {
  name: string;
  concurrency: number;
  running: Map<string, Active>;
  ticking: boolean;
  again: boolean;
}

interface Active {
  row: JobRow;
  token: string;
  controller: AbortController;
  done: Promise<void>;
}

interface Periodic {
  name: string;
  everyMs: number;
  atStart: boolean;
}

export interface PeriodicOptions {
  /** Also enqueue the current period when the queue starts (default: first at the next check). */
  atStart?: boolean;
}

export class JobQueue {
  readonly #db: Kysely<DB>;
  readonly #log: Logger;
  readonly #defs = new Map<string, JobDefinition<never>>();
  readonly #lanes = new Map<string, Lane>();
  readonly #periodic: Periodic[] = [];
  readonly #timers: NodeJS.Timeout[] = [];
  #stopping = false;
  #started = false;
  /** Who claims: stable across restarts when given, else unique to this process. */
  readonly instance: string;
  /** This process run: claims with the same instance and another boot were made by a dead run. */
  readonly boot = randomUUID();

  constructor(opts: {
    db: Kysely<DB>;
    log: Logger;
    /**
     * A stable identity that no two live processes share (e.g. host and listening address). Only with
     * it can a restart take its dead claims back at once; two live processes with the same one would
     * take each other's work.
     */
    instanceId?: string;
  }) {
    this.#db = opts.db;
    this.#log = opts.log;
    this.instance = opts.instanceId ?? ephemeralInstance();
  }

  /**
   * Makes the running jobs claimed by earlier runs of this instance due at once: that process is dead
   * (this one holds the identity now), so its leases are pointless. Call once the identity is proven
   * (the service: after it listens on its address). Returns how many it released.
   */
  async reclaimOwnDeadClaims(): Promise<number> {
    const past = new Date(Date.now() - 1000).toISOString();
    const res = await this.#db
      .updateTable('jobs')
      .set({ lease_until: past })
      .where('status', '=', 'running')
      .where('locked_by', '=', this.instance)
      .where((eb) => eb.or([eb('claim_boot', 'is', null), eb('claim_boot', '<>', this.boot)]))
      .executeTakeFirst();
    const n = Number(res.numUpdatedRows);
    if (n > 0) {
      this.#log.info({ jobs: n, instance: this.instance }, 'jobs of this instance’s previous run taken back');
      this.poke();
    }
    return n;
  }

  lane(name: string, opts: LaneOptions): this {
    this.#lanes.set(name, {
      name,
      concurrency: opts.concurrency,
      running: new Map(),
      ticking: false,
      again: false,
    });
    return this;
  }

  define<P>(def: JobDefinition<P>): this {
    if (!this.#lanes.has(def.lane)) throw new Error(`job type ${def.type}: unknown lane ${def.lane}`);
    this.#defs.set(def.type, def as JobDefinition<never>);
    return this;
  }

  /** A job that runs once per period (`everyMs`) across every instance sharing the database. */
  every(
    name: string,
    everyMs: number,
    lane: string,
    run: (signal: AbortSignal) => Promise<unknown>,
    opts: PeriodicOptions = {},
  ): this {
    this.define<{ period: string }>({
      type: `periodic:${name}`,
      lane,
      maxAttempts: 3,
      run: async (job) => {
        await run(job.signal);
      },
    });
    this.#periodic.push({ name, everyMs, atStart: opts.atStart ?? false });
    return this;
  }

  enqueue(spec: EnqueueSpec, trx?: Transaction<DB>): Promise<string | null> {
    const id = enqueueJob(trx ?? this.#db, spec);
    if (!trx) void id.then(() => this.poke());
    return id;
  }

  /** Enqueues the current period of every periodic job (a no-op for periods already enqueued). */
  async schedulePeriodic(now = Date.now(), only?: readonly Periodic[]): Promise<number> {
    let added = 0;
    for (const p of only ?? this.#periodic) {
      const period = Math.floor(now / p.everyMs);
      const id = await enqueueJob(this.#db, {
        type: `periodic:${p.name}`,
        key: `periodic:${p.name}:${period}`,
        payload: { period: String(period) },
        runAt: new Date(now),
      });
      if (id) added++;
    }
    return added;
  }

  start(opts: { pollMs?: number; periodicCheckMs?: number } = {}) {
    if (this.#started) return;
    this.#started = true;
    const poll = setInterval(() => this.poke(), opts.pollMs ?? 250);
    poll.unref();
    this.#timers.push(poll);
    if (this.#periodic.length) {
      const schedule = (only: readonly Periodic[]) =>
        void this.schedulePeriodic(Date.now(), only)
          .then((n) => n > 0 && this.poke())
          .catch((err) => this.#log.error({ err }, 'scheduling periodic jobs failed'));
      // The first check a while after start, as a restart loop should not run every job at each start.
      // A job due more often than that is checked at half its period, so none of its periods is missed.
      const checkMs = opts.periodicCheckMs ?? 30_000;
      const byCadence = new Map<number, Periodic[]>();
      for (const p of this.#periodic) {
        const ms = Math.min(checkMs, Math.max(1, Math.floor(p.everyMs / 2)));
        byCadence.set(ms, [...(byCadence.get(ms) ?? []), p]);
      }
      for (const [ms, list] of byCadence) {
        const t = setInterval(() => schedule(list), ms);
        t.unref();
        this.#timers.push(t);
      }
      const atStart = this.#periodic.filter((p) => p.atStart);
      if (atStart.length) schedule(atStart);
    }
    this.poke();
  }

  /** Claims due work for every lane with free slots. */
  poke() {
    for (const lane of this.#lanes.values()) void this.#tick(lane);
  }

  /** Jobs running in this process (for status output and tests). */
  runningCount(lane?: string): number {
    let n = 0;
    for (const l of this.#lanes.values()) if (!lane || l.name === lane) n += l.running.size;
    return n;
  }

  /** Runs until no job of the given types is due or running; for tests and the CLI. Waits out backoffs up to the timeout. */
  async drain(types: string[], timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      await Promise.all([...this.#lanes.values()].map((l) => this.#tick(l)));
      const active = [...this.#lanes.values()].flatMap((l) => [...l.running.values()].map((a) => a.done));
      if (active.length === 0) {
        const left = await this.#db
          .selectFrom('jobs')
          .select('id')
          .where('type', 'in', types)
          .where('status', 'in', ['queued', 'running'])
          .limit(1)
          .execute();
        if (left.length === 0) return;
      }
      await Promise.race([...active, new Promise((r) => setTimeout(r, 50))]);
    }
  }

  /**
   * Graceful drain: stop claiming; give running jobs `graceMs` to finish, then abort their signal and
   * release whatever still runs, so another instance (or the next start) takes it at once.
   */
  async stop(graceMs = 5_000): Promise<void> {
    this.#stopping = true;
    for (const t of this.#timers) clearInterval(t);
    const all = () => [...this.#lanes.values()].flatMap((l) => [...l.running.values()]);
    const settled = (ms: number) =>
      Promise.race([
        Promise.allSettled(all().map((a) => a.done)),
        new Promise((r) => setTimeout(r, ms).unref()),
      ]);
    await settled(graceMs);
    const left = all();
    if (left.length === 0) return;
    for (const a of left) a.controller.abort(new Error('CallBridge fährt herunter'));
    await settled(2_000);
    for (const a of all()) await this.#release(a.row.id, a.token).catch(() => {});
  }

  async #tick(lane: Lane): Promise<void> {
    if (this.#stopping) return;
    if (lane.ticking) {
      lane.again = true;
      return;
    }
    lane.ticking = true;
    try {
      do {
        lane.again = false;
        const free = lane.concurrency - lane.running.size;
        if (free <= 0) break;
        const types = [...this.#defs.values()].filter((d) => d.lane === lane.name).map((d) => d.type);
        if (types.length === 0) break;
        const { rows, token } = await this.#claim(types, free);
        for (const row of rows) this.#startJob(lane, row, token);
        if (rows.length === free) lane.again = true;
      } while (lane.again && !this.#stopping);
    } catch (err) {
      this.#log.error({ err, lane: lane.name }, 'claiming jobs failed');
    } finally {
      lane.ticking = false;
    }
  }

  async #claim(types: string[], limit: number): Promise<{ rows: JobRow[]; token: string }> {
    const token = randomUUID();
    const now = new Date().toISOString();
    // A lease for the claim itself; the heartbeat sets each job's own lease right after.
    const lease = new Date(Date.now() + DEFAULT_LEASE_MS).toISOString();
    const res = await sql<JobRow>`
      update jobs set status = 'running', attempts = attempts + 1, lease_until = ${lease},
        claim_token = ${token}, locked_by = ${this.instance}, claim_boot = ${this.boot}, updated_at = ${now}
      where id in (
        select id from jobs
        where type in (${sql.join(types)})
          and ((status = 'queued' and run_at <= ${now}) or (status = 'running' and lease_until < ${now}))
        order by priority desc, run_at
        limit ${limit}
        ${forUpdateSkipLocked(this.#db)})
      returning *`.execute(this.#db);
    return { rows: res.rows, token };
  }

  #startJob(lane: Lane, row: JobRow, token: string) {
    const def = this.#defs.get(row.type)!;
    const controller = new AbortController();
    const leaseMs = def.leaseMs ?? DEFAULT_LEASE_MS;
    let completed = false;
    const job: RunningJob<unknown> = {
      id: row.id,
      type: row.type,
      key: row.key,
      payload: JSON.parse(row.payload),
      attempt: row.attempts,
      signal: controller.signal,
      complete: async (trx) => {
        const now = new Date().toISOString();
        const res = await trx
          .updateTable('jobs')
          .set({ status: 'done', lease_until: null, last_error: null, finished_at: now, updated_at: now })
          .where('id', '=', row.id)
          .where('claim_token', '=', token)
          .where('status', '=', 'running')
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new LeaseLost(`job ${row.id} was taken over`);
        completed = true;
      },
    };
    const beat = async () => {
      const res = await this.#db
        .updateTable('jobs')
        .set({ lease_until: new Date(Date.now() + leaseMs).toISOString() })
        .where('id', '=', row.id)
        .where('claim_token', '=', token)
        .where('status', '=', 'running')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1 && !completed) controller.abort(new LeaseLost('lease lost'));
    };
    const heartbeat = setInterval(
      () =>
        void beat().catch((err) => this.#log.warn({ err: (err as Error).message }, 'job heartbeat failed')),
      Math.max(200, Math.floor(leaseMs / 3)),
    );
    heartbeat.unref();
    const done = (async () => {
      try {
        if (leaseMs !== DEFAULT_LEASE_MS) await beat();
        if (row.attempts > attemptsAllowed(def)) {
          // Taken over more often than it may run: a job that kills its worker every time.
          throw new PermanentJobError(
            `nach ${row.attempts - 1} Versuchen abgebrochen (der Prozess endete jedes Mal während der Arbeit)`,
          );
        }
        await def.run(job as RunningJob<never>);
        if (!completed) await this.#db.transaction().execute((trx) => job.complete(trx));
      } catch (err) {
        clearInterval(heartbeat);
        if (err instanceof LeaseLost || controller.signal.reason instanceof LeaseLost) {
          this.#log.warn({ job: row.id, type: row.type }, 'job taken over by another worker; result dropped');
        } else if (this.#stopping && controller.signal.aborted) {
          await this.#release(row.id, token);
        } else {
          await this.#fail(def, job, token, err);
        }
      } finally {
        clearInterval(heartbeat);
      }
    })()
      .catch((err) => this.#log.error({ err, job: row.id }, 'recording a job outcome failed'))
      .finally(() => {
        lane.running.delete(row.id);
        if (!this.#stopping) void this.#tick(lane);
      });
    lane.running.set(row.id, { row, token, controller, done });
  }

  async #fail(def: JobDefinition<never>, job: RunningJob<unknown>, token: string, err: unknown) {
    const policy: ErrorPolicy =
      def.classify?.(err, job as RunningJob<never>) ??
      (err instanceof PermanentJobError
        ? { permanent: true }
        : err instanceof RetryJobLater
          ? { delayMs: err.delayMs, uncounted: err.uncounted }
          : {});
    const message = policy.message ?? (err as Error)?.message ?? String(err);
    const attempts = policy.uncounted ? job.attempt - 1 : job.attempt;
    const max = attemptsAllowed(def);
    const final = Boolean(policy.permanent) || attempts >= max;
    const now = new Date();
    const runAt = final
      ? null
      : new Date(now.getTime() + withJitter(policy.delayMs ?? (def.backoffMs ?? defaultBackoffMs)(attempts)));
    await this.#db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('jobs')
        .set({
          status: final ? 'failed' : 'queued',
          attempts,
          run_at: runAt ? runAt.toISOString() : now.toISOString(),
          lease_until: null,
          last_error: message.slice(0, 2000),
          updated_at: now.toISOString(),
          finished_at: final ? now.toISOString() : null,
        })
        .where('id', '=', job.id)
        .where('claim_token', '=', token)
        .where('status', '=', 'running')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return;
      await def.onFailure?.(trx, job as RunningJob<never>, {
        final,
        message,
        runAt: runAt?.toISOString() ?? null,
        attempts,
        err,
      });
    });
    const log = final ? this.#log.warn.bind(this.#log) : this.#log.info.bind(this.#log);
    log(
      { job: job.id, type: job.type, attempts, final, err: message },
      final ? 'job stopped' : 'job will retry',
    );
  }

  /** Gives a job back without counting the attempt (graceful shutdown). */
  async #release(id: string, token: string) {
    await this.#db
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
  async pruneFinished(days: number): Promise<number> {
    const cutoff = new Date(Date.now() - days * 86_400_000).toISOString();
    const res = await this.#db
      .deleteFrom('jobs')
      .where('status', '=', 'done')
      .where('finished_at', '<', cutoff)
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
