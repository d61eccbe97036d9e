import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

/** What job handlers and callers see of the queue (the queue itself is in jobQueue.ts). */

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

export interface PeriodicOptions {
  /** Also enqueue the current period when the queue starts (default: first at the next check). */
  atStart?: boolean;
}
