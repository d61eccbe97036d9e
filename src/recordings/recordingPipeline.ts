import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../config/config.ts';
import type { DB, Recording, RecordingStep } from '../db/schema.ts';
import {
  type ErrorPolicy,
  enqueueJob,
  type JobFailure,
  type JobQueue,
  RetryJobLater,
  type RunningJob,
} from '../jobs/jobQueue.ts';
import type { PhoneRules } from '../phone/phoneNumber.ts';
import { ProviderUnavailable } from '../providers/providerErrors.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { WebexApiError, WebexForbidden, WebexNotConnected, WebexRateLimited } from '../webex/webexErrors.ts';
import { applyStep } from './steps/applyStep.ts';
import { consentStep } from './steps/consentStep.ts';
import { deleteStep } from './steps/deleteStep.ts';
import { detailsStep } from './steps/detailsStep.ts';
import { downloadStep } from './steps/downloadStep.ts';
import { extractStep } from './steps/extractStep.ts';
import { PermanentFailure, type StepResult } from './steps/stepResult.ts';
import { transcribeStep } from './steps/transcribeStep.ts';
import type { RecordingClients } from './steps/webexRecording.ts';

const NOT_CONNECTED_RETRY_MS = 5 * 60_000;
const MAX_ATTEMPTS = 12;
export const RECORDING_STEP_JOB = 'recording.step';
export const RECORDINGS_LANE = 'recordings';
export const DELETE_FORBIDDEN =
  'Aufnahme konnte nicht gelöscht werden — Berechtigung fehlt, bitte Webex neu verbinden';

interface StepPayload {
  recordingId: string;
  step: RecordingStep;
}

/** What the pipeline and its steps use. */
export interface RecordingPipelineDeps {
  db: Kysely<DB>;
  config: Config;
  log: Logger;
  phoneRules: PhoneRules;
  /** Webex clients per line (WebexTokens). */
  clients: RecordingClients;
  /** Runs in a step's transaction once everything is written, before it commits (crash tests pause here). */
  beforeCommit?: (step: RecordingStep, recordingId: string) => Promise<void>;
}

/** The queue key of a recording's step: enqueueing a step twice adds nothing. */
export const recordingStepKey = (recordingId: string, step: RecordingStep) =>
  `recording:${recordingId}:${step}`;

const STEP_ORDER: readonly RecordingStep[] = [
  'details',
  'download',
  'transcribe',
  'extract',
  'apply',
  'delete',
];

/**
 * Enqueues the job for a recording's step in the caller's transaction. Later steps go first (depth
 * first): with a backlog, recordings already under way finish before new ones are downloaded, so
 * audio files on disk stay about as many as the lane's concurrency and the first notes appear early.
 */
export function enqueueRecordingStep(trx: Transaction<DB>, recordingId: string, step: RecordingStep) {
  return enqueueJob(trx, {
    type: RECORDING_STEP_JOB,
    key: recordingStepKey(recordingId, step),
    payload: { recordingId, step } satisfies StepPayload,
    priority: STEP_ORDER.indexOf(step),
  });
}

/** The step jobs as the erasure (privacy/) needs them: to finish them, or queue the deletion. */
export const recordingStepJobs = { key: recordingStepKey, enqueue: enqueueRecordingStep };

/**
 * Runs each recording through details → download → transcribe → extract → apply → delete → done, one
 * queue job per step (src/jobs/jobQueue.ts). A step's result, the move to the next step and the next
 * step's job commit in one transaction with the job's completion; a process that dies mid-step leaves
 * a lease that runs out, and the step runs again — every step is safe to repeat. The row in
 * `recordings` mirrors the job's state (status, attempts, last error) for the pages and the CLI.
 */
export class RecordingPipeline {
  readonly #deps: RecordingPipelineDeps;
  readonly #queue: JobQueue;

  constructor(deps: RecordingPipelineDeps, queue: JobQueue) {
    this.#deps = deps;
    this.#queue = queue;
    const { config } = deps;
    queue.lane(RECORDINGS_LANE, { concurrency: config.recordingConcurrency });
    queue.define<StepPayload>({
      type: RECORDING_STEP_JOB,
      lane: RECORDINGS_LANE,
      maxAttempts: MAX_ATTEMPTS,
      leaseMs: config.recordingLeaseSeconds * 1000,
      run: (job) => this.#step(job),
      classify: (err, job) => this.#classify(err, job.payload.step),
      onFailure: (trx, job, f) => this.#mirrorFailure(trx, job.payload, f),
    });
  }

  /** Looks for due work now (e.g. after "Erneut versuchen"). */
  tick() {
    this.#queue.poke();
  }

  /**
   * Runs until no recording is pending or running any more (for tests, the CLI and benchmarks): waits out
   * backoffs, but not recordings that wait for a Webex connection or have stopped.
   */
  async drain(timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      this.#queue.poke();
      if (this.#queue.runningCount(RECORDINGS_LANE) === 0) {
        const left = await this.#deps.db
          .selectFrom('recordings')
          .select('id')
          .where('status', 'in', ['pending', 'running'])
          .limit(1)
          .execute();
        if (left.length === 0) return;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async #step(job: RunningJob<StepPayload>): Promise<void> {
    const db = this.#deps.db;
    const id = job.payload.recordingId;
    const rec = await db.selectFrom('recordings').selectAll().where('id', '=', id).executeTakeFirst();
    // A stale job (the recording moved on, or is gone): nothing to do.
    if (!rec || rec.step !== job.payload.step) return;
    await db
      .updateTable('recordings')
      .set({ status: 'running', attempts: job.attempt - 1, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
    const result = await this.#run(rec, job.signal);
    const now = new Date().toISOString();
    await db.transaction().execute(async (trx) => {
      // First: if another worker took this step over, nothing below may commit.
      await job.complete(trx);
      await result.inTx?.(trx);
      await trx
        .updateTable('recordings')
        .set({
          ...result.set,
          step: result.next,
          status: result.next === 'done' ? 'done' : 'pending',
          attempts: 0,
          last_error: null,
          next_attempt_at: now,
          updated_at: now,
          ...(result.next === 'done' ? { done_at: now } : {}),
        })
        .where('id', '=', id)
        .execute();
      if (result.audit)
        await trx
          .insertInto('recording_audit')
          .values({
            recording_id: id,
            at: now,
            event: result.audit.event,
            detail: result.audit.detail ?? null,
          })
          .execute();
      if (result.next !== 'done') await enqueueRecordingStep(trx, id, result.next);
      await this.#deps.beforeCommit?.(rec.step, id);
    });
    await result.afterCommit?.();
  }

  #classify(err: unknown, step: RecordingStep): ErrorPolicy {
    const message = (err as Error)?.message ?? String(err);
    if (err instanceof RetryJobLater) return { delayMs: err.delayMs, uncounted: err.uncounted, message };
    if (err instanceof WebexNotConnected)
      return { delayMs: NOT_CONNECTED_RETRY_MS, uncounted: true, message };
    if (err instanceof WebexForbidden && step === 'delete')
      return { permanent: true, message: DELETE_FORBIDDEN };
    if (err instanceof WebexRateLimited) return { delayMs: err.retryAfterSeconds * 1000, message };
    if (err instanceof ProviderUnavailable && err.retryAfterSeconds)
      return { delayMs: err.retryAfterSeconds * 1000, message };
    const transient =
      (err instanceof WebexApiError && err.transient) ||
      (!(err instanceof AppError) && !(err instanceof PermanentFailure));
    if (!transient) {
      const hint = err instanceof AppError && err.hint ? ` (${err.hint})` : '';
      return { permanent: true, message: `${message}${hint}` };
    }
    return { message };
  }

  /** Mirrors a retry or a stop onto the recording, with an audit entry (no personal data) for a stop. */
  async #mirrorFailure(trx: Transaction<DB>, p: StepPayload, f: JobFailure) {
    const now = new Date().toISOString();
    await trx
      .updateTable('recordings')
      .set({
        status: f.final ? 'failed' : f.err instanceof WebexNotConnected ? 'waiting' : 'pending',
        attempts: f.attempts,
        last_error: f.message,
        next_attempt_at: f.runAt ?? now,
        updated_at: now,
      })
      .where('id', '=', p.recordingId)
      .execute();
    if (f.final) {
      await trx
        .insertInto('recording_audit')
        .values({
          recording_id: p.recordingId,
          at: now,
          event: 'failed',
          detail: `${p.step}: ${f.err instanceof AppError ? f.err.code : (f.err as Error)?.name || 'error'}`,
        })
        .execute();
      this.#deps.log.warn({ recording: p.recordingId, step: p.step, err: f.message }, 'recording stopped');
    }
  }

  /** The step's own work (src/recordings/steps/), after the consent gate. */
  async #run(rec: Recording, signal: AbortSignal): Promise<StepResult> {
    const { db, config, phoneRules, clients } = this.#deps;
    const blocked = await consentStep({ db, consentMode: config.recordingConsentMode }, rec);
    if (blocked) return blocked;
    switch (rec.step) {
      case 'details':
        return detailsStep({ clients, phoneRules, transcriptionProvider: config.transcriptionProvider }, rec);
      case 'download':
        return downloadStep(
          {
            db,
            clients,
            tmpDir: config.recordingTmpDir,
            maxBytes: config.recordingMaxBytes,
            allowedHosts: config.recordingDownloadHosts,
            concurrency: config.recordingConcurrency,
          },
          rec,
          signal,
        );
      case 'transcribe':
        return transcribeStep({ db, clients, config }, rec, signal);
      case 'extract':
        return extractStep(config, rec, signal);
      case 'apply':
        return applyStep({ db, config }, rec);
      case 'delete':
        return deleteStep({ clients }, rec);
      default:
        throw new PermanentFailure(`unknown step ${rec.step}`);
    }
  }
}
