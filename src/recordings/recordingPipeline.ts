import { rm } from 'node:fs/promises';
import type { Transaction } from 'kysely';
import type { AppContext } from '../app/context.ts';
import { matchNumber } from '../crm/recordMatcher.ts';
import type { DB, Recording, RecordingStep } from '../db/schema.ts';
import { type CallExtraction, extractWithRules } from '../extraction/index.ts';
import { extractWithLlm } from '../extraction/llmExtractor.ts';
import { normalizePhone } from '../phone/phoneNumber.ts';
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
import { downloadRecording, hostAllowed, LinkExpired } from './recordingDownloader.ts';
import { transcribe } from './transcriber.ts';

const NOT_CONNECTED_RETRY_MS = 5 * 60_000;
const MAX_ATTEMPTS = 12;

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

class PermanentFailure extends Error {}
const EXPIRED = Symbol('link expired');

const GERMAN_FAILURES: [new (...a: never[]) => Error, string][] = [
  [WebexForbidden, 'Aufnahme konnte nicht gelöscht werden — Berechtigung fehlt, bitte Webex neu verbinden'],
];

/**
 * Runs each recording through details → download → transcribe → extract → apply → delete → done.
 * A step's result is committed together with the move to the next step; a process that dies mid-step
 * leaves a lease that runs out, and the step runs again — every step is safe to repeat.
 */
export class RecordingPipeline {
  readonly #ctx: AppContext;
  readonly #webex: WebexService;
  readonly #running = new Set<Promise<void>>();
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;
  readonly #leaseMs: number;

  constructor(ctx: AppContext, webex: WebexService) {
    this.#ctx = ctx;
    this.#webex = webex;
    this.#leaseMs = ctx.config.recordingLeaseSeconds * 1000;
  }

  start(pollMs = 500) {
    this.#timer = setInterval(() => void this.tick(), pollMs);
    this.#timer.unref();
  }

  /** Stops taking work and waits for the recordings in progress to reach their next step. */
  async stop() {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    await Promise.allSettled([...this.#running]);
  }

  /** Claims due recordings up to the concurrency limit; returns when they are started. */
  async tick(): Promise<void> {
    if (this.#stopped) return;
    const free = this.#ctx.config.recordingConcurrency - this.#running.size;
    if (free <= 0) return;
    const now = new Date().toISOString();
    const due = await this.#ctx.db
      .selectFrom('recordings')
      .select(['id', 'status', 'attempts'])
      .where((eb) =>
        eb.or([
          eb.and([eb('status', 'in', ['pending', 'waiting']), eb('next_attempt_at', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .limit(free)
      .execute();
    for (const r of due) {
      const claimed = await this.#ctx.db
        .updateTable('recordings')
        .set({
          status: 'running',
          lease_until: new Date(Date.now() + this.#leaseMs).toISOString(),
          updated_at: now,
        })
        .where('id', '=', r.id)
        .where((eb) =>
          eb.or([
            eb('status', 'in', ['pending', 'waiting']),
            eb.and([eb('status', '=', 'running'), eb('lease_until', '<', now)]),
          ]),
        )
        .where('attempts', '=', r.attempts)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      // A freed slot takes the next due recording at once instead of at the next poll.
      const p = this.#process(r.id).finally(() => {
        this.#running.delete(p);
        void this.tick();
      });
      this.#running.add(p);
    }
  }

  /** Runs until no recording is pending or running any more (for tests and the CLI); waits out backoffs. */
  async drain(timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      await this.tick();
      if (this.#running.size === 0) {
        const left = await this.#ctx.db
          .selectFrom('recordings')
          .select('id')
          .where('status', 'in', ['pending', 'running'])
          .execute();
        if (left.length === 0) return;
      }
      await Promise.race([...this.#running, new Promise((r) => setTimeout(r, 50))]);
    }
  }

  async #process(id: string): Promise<void> {
    const db = this.#ctx.db;
    for (;;) {
      if (this.#stopped) {
        await db
          .updateTable('recordings')
          .set({ status: 'pending', lease_until: null })
          .where('id', '=', id)
          .execute();
        return;
      }
      const rec = await db
        .selectFrom('recordings')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      if (rec.step === 'done') {
        await db
          .updateTable('recordings')
          .set({ status: 'done', lease_until: null, done_at: rec.done_at ?? new Date().toISOString() })
          .where('id', '=', id)
          .execute();
        return;
      }
      let result: StepResult;
      try {
        result = await this.#run(rec);
      } catch (err) {
        await this.#failed(rec, err);
        return;
      }
      const now = new Date().toISOString();
      await db.transaction().execute(async (trx) => {
        await result.inTx?.(trx);
        await trx
          .updateTable('recordings')
          .set({
            ...result.set,
            step: result.next,
            attempts: 0,
            last_error: null,
            lease_until: new Date(Date.now() + this.#leaseMs).toISOString(),
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
      });
      await result.afterCommit?.();
    }
  }

  async #failed(rec: Recording, err: unknown) {
    const db = this.#ctx.db;
    const now = Date.now();
    const message = (err as Error).message;
    if (err instanceof WebexNotConnected) {
      await db
        .updateTable('recordings')
        .set({
          status: 'waiting',
          lease_until: null,
          last_error: message,
          next_attempt_at: new Date(now + NOT_CONNECTED_RETRY_MS).toISOString(),
        })
        .where('id', '=', rec.id)
        .execute();
      return;
    }
    const german = GERMAN_FAILURES.find(([cls]) => err instanceof cls && rec.step === 'delete')?.[1];
    const transient =
      (err instanceof WebexApiError && err.transient) ||
      (!(err instanceof AppError) && !(err instanceof PermanentFailure));
    if (transient && rec.attempts + 1 < MAX_ATTEMPTS) {
      // Exponential backoff with jitter; Webex's Retry-After wins.
      const base =
        err instanceof WebexRateLimited
          ? err.retryAfterSeconds * 1000
          : Math.min(5 * 60_000, 1000 * 2 ** rec.attempts);
      const wait = base + Math.floor(Math.random() * Math.min(1000, base / 2));
      await db
        .updateTable('recordings')
        .set({
          status: 'pending',
          lease_until: null,
          attempts: rec.attempts + 1,
          last_error: message,
          next_attempt_at: new Date(now + wait).toISOString(),
        })
        .where('id', '=', rec.id)
        .execute();
      return;
    }
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('recordings')
        .set({
          status: 'failed',
          lease_until: null,
          attempts: rec.attempts + 1,
          last_error: german ?? message,
        })
        .where('id', '=', rec.id)
        .execute();
      await trx
        .insertInto('recording_audit')
        .values({
          recording_id: rec.id,
          at: new Date(now).toISOString(),
          event: 'failed',
          detail: `${rec.step}: ${err instanceof AppError ? err.code : 'error'}`,
        })
        .execute();
    });
    this.#ctx.log.warn({ recording: rec.id, step: rec.step, err: message }, 'recording stopped');
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

  async #run(rec: Recording): Promise<StepResult> {
    const { config } = this.#ctx;
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
          vtt = await this.#webexTranscript(await this.#freshDetails(rec));
          // An expired or refused link: fresh details bring a fresh link, once.
          if (vtt === EXPIRED) vtt = await this.#webexTranscript(await this.#details(rec));
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
        const { extraction, flags } =
          config.extractionProvider === 'rules'
            ? extractWithRules(rec.transcript ?? '', callDate)
            : await extractWithLlm(
                {
                  baseUrl: config.extractionBaseUrl,
                  apiKey: config.extractionApiKey,
                  model: config.extractionModel,
                },
                rec.transcript ?? '',
                callDate,
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
                callId: target.callId,
                target,
                extraction,
                transcript: rec.transcript,
              });
          },
          audit: { event: 'applied', detail: target ? target.type : 'inbox' },
        };
      }
      case 'delete': {
        const client = await this.#client(rec);
        let detail = 'deleted';
        try {
          await client.request(
            'DELETE',
            `/convergedRecordings/${encodeURIComponent(rec.webex_recording_id)}`,
          );
        } catch (err) {
          if (!(err instanceof WebexNotFound)) throw err;
          detail = 'already gone (404)';
        }
        return {
          set: { deleted_at_webex: new Date().toISOString() },
          next: 'done',
          audit: { event: 'deleted_at_webex', detail },
        };
      }
      default:
        throw new PermanentFailure(`unknown step ${rec.step}`);
    }
  }

  async #webexTranscript(d: Details): Promise<string | null | typeof EXPIRED> {
    const link = d.temporaryDirectDownloadLinks?.transcriptDownloadLink;
    if (!link) return null;
    const url = new URL(link);
    if (!hostAllowed(url, this.#ctx.config.recordingDownloadHosts)) {
      throw new PermanentFailure(`Transkript von ${url.hostname} abgelehnt: kein erlaubter Webex-Host`);
    }
    let res: Response;
    try {
      res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(60_000) });
    } catch (err) {
      throw new WebexApiError('webex_unavailable', `transcript download: ${(err as Error).message}`, {
        httpStatus: 0,
        transient: true,
      });
    }
    if (res.ok) return res.text();
    await res.arrayBuffer().catch(() => {});
    if ([401, 403, 404, 410].includes(res.status)) return EXPIRED;
    throw new WebexApiError('webex_unavailable', `transcript download ${res.status}`, {
      httpStatus: res.status,
      transient: true,
    });
  }

  /** Which record the call was about: the one opened during the call, else a unique number match. */
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
