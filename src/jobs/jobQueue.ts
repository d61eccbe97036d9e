import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB, JobRow } from '../db/schema.ts';
import type { Logger } from '../shared/logger.ts';
import { ephemeralInstance, reclaimDeadClaims } from './claimRecovery.ts';
import {
  claimDueJobs,
  completeClaimedJob,
  enqueueJob,
  extendLease,
  pruneFinishedJobs,
  recordFailedAttempt,
  releaseClaimedJob,
} from './jobStore.ts';
import {
  type EnqueueSpec,
  type ErrorPolicy,
  type JobDefinition,
  type LaneOptions,
  LeaseLost,
  type PeriodicOptions,
  PermanentJobError,
  RetryJobLater,
  type RunningJob,
} from './jobTypes.ts';
import {
  enqueueCurrentPeriods,
  type Periodic,
  periodicJobType,
  startPeriodicChecks,
} from './periodicJobs.ts';

export { enqueueJob, requeueJob } from './jobStore.ts';
export * from './jobTypes.ts';

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
 * - Periodic jobs (`every()`, periodicJobs.ts) are the service's only scheduler: no other timers run
 *   periodic work. An instance restarting under a stable identity takes its dead run's claims back at
 *   once (`reclaimOwnDeadClaims`, claimRecovery.ts).
 * - `stop()` drains: no new claims, running jobs get a grace period, then their signal aborts and what
 *   is still running is released (queued again, the attempt not counted).
 */

const DEFAULT_MAX_ATTEMPTS = 10;
const DEFAULT_LEASE_MS = 60_000;
/** The one rule for how often a job may run: its type's `maxAttempts`. */
const attemptsAllowed = (def: JobDefinition<never>) => def.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;

export const defaultBackoffMs = (attempts: number) =>
  Math.min(5 * 60_000, 1000 * 2 ** Math.max(0, attempts - 1));
/** Up to +25 % (at most 5 s), so retries of many jobs that failed together spread out. */
export const withJitter = (ms: number) => ms + Math.floor(Math.random() * Math.min(5000, ms / 4 + 1));

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
    const n = await reclaimDeadClaims(this.#db, this.instance, this.boot);
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
      type: periodicJobType(name),
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
    return enqueueCurrentPeriods(this.#db, only ?? this.#periodic, now);
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
      this.#timers.push(...startPeriodicChecks(this.#periodic, opts.periodicCheckMs ?? 30_000, schedule));
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
    const rows = await claimDueJobs(this.#db, {
      types,
      limit,
      token,
      instance: this.instance,
      boot: this.boot,
      leaseMs: DEFAULT_LEASE_MS,
    });
    return { rows, token };
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
        if (!(await completeClaimedJob(trx, row.id, token)))
          throw new LeaseLost(`job ${row.id} was taken over`);
        completed = true;
      },
    };
    const beat = async () => {
      const held = await extendLease(this.#db, row.id, token, leaseMs);
      if (!held && !completed) controller.abort(new LeaseLost('lease lost'));
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
      const recorded = await recordFailedAttempt(trx, job.id, token, {
        final,
        attempts,
        runAt,
        message,
        now,
      });
      if (!recorded) return;
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
    await releaseClaimedJob(this.#db, id, token);
  }

  /** Removes finished jobs older than `days` (housekeeping). */
  async pruneFinished(days: number): Promise<number> {
    return pruneFinishedJobs(this.#db, days);
  }
}
