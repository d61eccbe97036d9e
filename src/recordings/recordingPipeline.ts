import { rm } from 'node:fs/promises';
import type { Transaction } from 'kysely';
import type { AppContext } from '../app/context.ts';
import { matchNumber } from '../crm/recordMatcher.ts';
import type { DB, Recording, RecordingStep } from '../db/schema.ts';
import { type CallExtraction, extractWithRules } from '../extraction/index.ts';
import { extractWithOpenAi } from '../extraction/providers/openaiExtractor.ts';
import {
  type ErrorPolicy,
  enqueueJob,
  type JobFailure,
  type JobQueue,
  RetryJobLater,
  type RunningJob,
} from '../jobs/jobQueue.ts';
import { normalizePhone } from '../phone/phoneNumber.ts';
import { recordingConsentGate } from '../privacy/recordingConsentGate.ts';
import { unreadDeletion } from '../privacy/unreadDeletion.ts';
import { ProviderUnavailable } from '../providers/providerErrors.ts';
import { AppError } from '../shared/errors.ts';
import type { WebexClient } from '../webex/webexApi.ts';
import {
  WebexApiError,
  WebexForbidden,
  WebexNotConnected,
  WebexNotFound,
  WebexRateLimited,
} from '../webex/webexErrors.ts';
import type { WebexService } from '../webex/webexService.ts';
import { applyCallNote } from './callNoteApplier.ts';
import { enqueueLegacyForward } from './legacyForwarder.ts';
import { callOfRecording, callTimeOf, recruiterOfRecording } from './recordingCall.ts';
import { downloadRecording, downloadWebexTranscript, LinkExpired } from './recordingDownloader.ts';
import { transcribe } from './transcriber.ts';

const NOT_CONNECTED_RETRY_MS = 5 * 60_000;
/** Downloaded recordings that may wait for transcription, per slot of the lane. */
const AUDIO_WAITING_PER_SLOT = 2;
const AUDIO_WAIT_MS = 5_000;
const MAX_ATTEMPTS = 12;
export const RECORDING_STEP_JOB = 'recording.step';
export const RECORDINGS_LANE = 'recordings';
export const DELETE_FORBIDDEN =
  'Aufnahme konnte nicht gelöscht werden — Berechtigung fehlt, bitte Webex neu verbinden';

interface Details {
  id: string;
  timeRecorded?: string;
  createTime?: string;
  temporaryDirectDownloadLinks?: {
    audioDownloadLink?: string;
    transcriptDownloadLink?: string;
    expiration?: string;
  };
  serviceData?: {
    callSessionId?: string | null;
    personality?: string;
    callingParty?: { number?: string | null; name?: string | null };
    calledParty?: { number?: string | null; name?: string | null };
  };
}

/** A step's outcome: columns to store, the next step, and writes that must commit with them. */
interface StepResult {
  set: Partial<Recording>;
  next: RecordingStep;
  inTx?: (trx: Transaction<DB>) => Promise<void>;
  afterCommit?: () => Promise<void>;
  audit?: { event: string; detail?: string };
}

interface StepPayload {
  recordingId: string;
  step: RecordingStep;
}

class PermanentFailure extends Error {}
const EXPIRED = Symbol('link expired');

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
    maxAttempts: MAX_ATTEMPTS,
    priority: STEP_ORDER.indexOf(step),
  });
}

/**
 * Runs each recording through details → download → transcribe → extract → apply → delete → done, one
 * queue job per step (src/jobs/jobQueue.ts). A step's result, the move to the next step and the next
 * step's job commit in one transaction with the job's completion; a process that dies mid-step leaves
 * a lease that runs out, and the step runs again — every step is safe to repeat. The row in
 * `recordings` mirrors the job's state (status, attempts, last error) for the pages and the CLI.
 */
export class RecordingPipeline {
  readonly #ctx: AppContext;
  readonly #webex: WebexService;
  readonly #queue: JobQueue;

  constructor(ctx: AppContext, webex: WebexService, queue: JobQueue) {
    this.#ctx = ctx;
    this.#webex = webex;
    this.#queue = queue;
    queue.lane(RECORDINGS_LANE, { concurrency: ctx.config.recordingConcurrency });
    queue.define<StepPayload>({
      type: RECORDING_STEP_JOB,
      lane: RECORDINGS_LANE,
      maxAttempts: MAX_ATTEMPTS,
      leaseMs: ctx.config.recordingLeaseSeconds * 1000,
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
        const left = await this.#ctx.db
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
    const db = this.#ctx.db;
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
          lease_until: null,
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
      const pause = this.#ctx.config.recordingTestPause?.split(':');
      if (pause?.[0] === rec.step) {
        // Crash tests: everything is written, nothing committed yet.
        this.#ctx.log.info({ recording: id, step: rec.step }, 'test pause before commit');
        await new Promise((r) => setTimeout(r, Number(pause[1])));
      }
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
        lease_until: null,
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
      this.#ctx.log.warn({ recording: p.recordingId, step: p.step, err: f.message }, 'recording stopped');
    }
  }

  async #client(rec: Recording): Promise<WebexClient> {
    if (!rec.owner_person_id) throw new PermanentFailure('Besitzer der Aufnahme unbekannt');
    return this.#webex.tokens.clientForPerson(rec.owner_person_id);
  }

  async #details(rec: Recording): Promise<Details> {
    try {
      return await (await this.#client(rec)).request<Details>(
        'GET',
        `/convergedRecordings/${encodeURIComponent(rec.webex_recording_id)}`,
      );
    } catch (err) {
      if (err instanceof WebexNotFound) throw new PermanentFailure('Aufnahme gibt es bei Webex nicht (mehr)');
      if (err instanceof WebexForbidden)
        throw new PermanentFailure(
          'Aufnahmen können nicht geladen werden — Berechtigung spark:recordings_read fehlt, bitte Webex neu verbinden',
        );
      throw err;
    }
  }

  /** Details with links valid for at least another minute; refetched when they ran out. */
  async #freshDetails(rec: Recording): Promise<Details> {
    const stored = rec.details_json ? (JSON.parse(rec.details_json) as Details) : null;
    const exp = stored?.temporaryDirectDownloadLinks?.expiration;
    if (stored && exp && Date.parse(exp) - Date.now() > 60_000) return stored;
    return this.#details(rec);
  }

  async #run(rec: Recording, signal: AbortSignal): Promise<StepResult> {
    const { config } = this.#ctx;
    // Before anything of the call is fetched: an objection (or missing consent) sends it to deletion.
    if (rec.step === 'download' || rec.step === 'transcribe') {
      const block = await recordingConsentGate(this.#ctx.db, config.recordingConsentMode, rec);
      if (block) return unreadDeletion(rec, block);
    }
    switch (rec.step) {
      case 'details': {
        const d = await this.#details(rec);
        const sd = d.serviceData ?? {};
        const other = sd.personality === 'originator' ? sd.calledParty : sd.callingParty;
        const n = normalizePhone(other?.number ?? null, this.#ctx.phoneRules);
        return {
          set: {
            details_json: JSON.stringify(d),
            call_date: (d.timeRecorded ?? d.createTime ?? new Date().toISOString()).slice(0, 10),
            remote_number: n.kind === 'number' ? n.e164 : null,
          },
          next: config.transcriptionProvider === 'webex' ? 'transcribe' : 'download',
          audit: { event: 'details' },
        };
      }
      case 'download': {
        await this.#roomForAudio(rec);
        let d = await this.#freshDetails(rec);
        const dl = async (details: Details) => {
          const link = details.temporaryDirectDownloadLinks?.audioDownloadLink;
          if (!link)
            throw new PermanentFailure(
              'Webex liefert keinen Download-Link (Admin-Verbindung oder „Prevent Downloading“)',
            );
          return downloadRecording(link, {
            dir: config.recordingTmpDir,
            name: rec.id,
            maxBytes: config.recordingMaxBytes,
            allowedHosts: config.recordingDownloadHosts,
            signal,
          });
        };
        let file: { path: string; bytes: number };
        try {
          file = await dl(d);
        } catch (err) {
          if (!(err instanceof LinkExpired)) throw err;
          d = await this.#details(rec);
          file = await dl(d);
        }
        return {
          set: { audio_path: file.path, details_json: JSON.stringify(d) },
          next: 'transcribe',
          audit: { event: 'downloaded', detail: `${file.bytes} bytes` },
        };
      }
      case 'transcribe': {
        let vtt: string | null | typeof EXPIRED = null;
        if (config.transcriptionProvider === 'webex') {
          vtt = await this.#webexTranscript(await this.#freshDetails(rec), signal);
          // An expired or refused link: fresh details bring a fresh link, once.
          if (vtt === EXPIRED) vtt = await this.#webexTranscript(await this.#details(rec), signal);
          if (vtt === EXPIRED)
            throw new WebexApiError('webex_link_expired', 'Transkript-Link wird abgelehnt', {
              httpStatus: 403,
              transient: true,
            });
        }
        const names = await this.#knownNames(rec);
        let pieces: string[] = [];
        const text = await transcribe(config, {
          audioPath: rec.audio_path,
          webexTranscriptVtt: vtt,
          prompt: names,
          signal,
          onPieces: (offsets) => {
            pieces = offsets;
          },
        });
        const audio = rec.audio_path;
        return {
          set: { transcript: text, audio_path: null },
          next: 'extract',
          audit: {
            event: 'transcribed',
            detail: `${text.length} chars${pieces.length ? `, ${pieces.length} pieces from ${pieces.join(', ')}` : ''}`,
          },
          // The audio goes as soon as the transcript is safe.
          afterCommit: async () => {
            if (audio) await rm(audio, { force: true });
          },
        };
      }
      case 'extract': {
        const callDate = rec.call_date ?? new Date().toISOString().slice(0, 10);
        const transcript = rec.transcript ?? '';
        const { extraction, flags } =
          config.extractionProvider === 'rules'
            ? extractWithRules(transcript, { callDate })
            : await extractWithOpenAi(
                {
                  baseUrl: config.extractionBaseUrl,
                  apiKey: config.extractionApiKey,
                  model: config.extractionModel,
                },
                transcript,
                callDate,
                { signal },
              );
        return {
          set: { extraction_json: JSON.stringify(extraction), flags_json: JSON.stringify(flags) },
          next: 'apply',
          audit: { event: 'extracted', detail: `${flags.length} flags` },
        };
      }
      case 'apply': {
        const extraction = JSON.parse(rec.extraction_json!) as CallExtraction;
        const target = await this.#target(rec);
        const call = await callOfRecording(this.#ctx.db, rec);
        const ownerUserId = await recruiterOfRecording(this.#ctx.db, rec, call);
        return {
          set: target
            ? {
                record_type: target.type,
                record_id: target.id,
                inbox: 0,
                applied_at: new Date().toISOString(),
              }
            : { inbox: 1, applied_at: new Date().toISOString() },
          next: 'delete',
          inTx: async (trx) => {
            if (target)
              await applyCallNote(trx, {
                recordingId: rec.id,
                callId: target.callId ?? call?.id ?? null,
                target,
                extraction,
                transcript: rec.transcript,
                occurredAt: callTimeOf(rec, call),
                ownerUserId,
              });
            await enqueueLegacyForward(trx, config, rec.id, 'apply');
          },
          audit: { event: 'applied', detail: target ? target.type : 'inbox' },
        };
      }
      case 'delete': {
        const client = await this.#client(rec);
        let detail = 'deleted';
        let confirmation = 'DELETE bestätigt (HTTP 2xx)';
        try {
          await client.request(
            'DELETE',
            `/convergedRecordings/${encodeURIComponent(rec.webex_recording_id)}`,
          );
        } catch (err) {
          if (!(err instanceof WebexNotFound)) throw err;
          detail = 'already gone (404)';
          confirmation = 'DELETE: 404, war schon gelöscht';
        }
        return {
          set: { deleted_at_webex: new Date().toISOString(), deletion_confirmation: confirmation },
          next: 'done',
          audit: { event: 'deleted_at_webex', detail },
        };
      }
      default:
        throw new PermanentFailure(`unknown step ${rec.step}`);
    }
  }

  /**
   * Depth-first claiming keeps audio on disk to about the concurrency while transcriptions succeed; while
   * they wait (a provider outage, retries), new downloads wait too, so a backlog cannot fill the disk.
   */
  async #roomForAudio(rec: Recording) {
    const limit = AUDIO_WAITING_PER_SLOT * this.#ctx.config.recordingConcurrency;
    const row = await this.#ctx.db
      .selectFrom('recordings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('audio_path', 'is not', null)
      // A stopped recording keeps its file for "Erneut versuchen", but does not hold up the others.
      .where('status', '!=', 'failed')
      .where('id', '!=', rec.id)
      .executeTakeFirstOrThrow();
    const waiting = Number(row.n);
    if (waiting >= limit)
      throw new RetryJobLater(
        `Wartet: ${waiting} heruntergeladene Aufnahmen warten auf die Transkription`,
        AUDIO_WAIT_MS,
        { uncounted: true },
      );
  }

  async #webexTranscript(d: Details, signal: AbortSignal): Promise<string | null | typeof EXPIRED> {
    const link = d.temporaryDirectDownloadLinks?.transcriptDownloadLink;
    if (!link) return null;
    try {
      return await downloadWebexTranscript(link, {
        allowedHosts: this.#ctx.config.recordingDownloadHosts,
        signal,
      });
    } catch (err) {
      if (err instanceof LinkExpired) return EXPIRED;
      throw err;
    }
  }

  /** Which record the call was about: the one chosen during the call, else a unique number match. */
  async #target(
    rec: Recording,
  ): Promise<{ type: 'lead' | 'candidate'; id: string; callId: string | null } | null> {
    const d = rec.details_json ? (JSON.parse(rec.details_json) as Details) : null;
    const session = d?.serviceData?.callSessionId;
    if (session) {
      const call = await this.#ctx.db
        .selectFrom('calls')
        .select(['id', 'matched_type', 'matched_id'])
        .where('call_session_id', '=', session)
        .where('matched_id', 'is not', null)
        // A number on several records: only a person's choice during the call decides.
        .where('record_confirmed', '=', 1)
        .executeTakeFirst();
      if (call?.matched_type && call.matched_id)
        return { type: call.matched_type, id: call.matched_id, callId: call.id };
    }
    if (rec.remote_number) {
      const matches = await matchNumber(this.#ctx.db, rec.remote_number);
      if (matches.length === 1) return { type: matches[0]!.type, id: matches[0]!.id, callId: null };
    }
    return null;
  }

  async #knownNames(rec: Recording): Promise<string> {
    if (!rec.remote_number) return '';
    const matches = await matchNumber(this.#ctx.db, rec.remote_number);
    return matches.map((m) => [m.title, m.subtitle].filter(Boolean).join(', ')).join('; ');
  }
}
