import { createHmac, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { textQuery } from './simQuery.ts';
import type { SimPerson, SimState } from './simState.ts';
import { mp3Seconds, speechMp3, syntheticMp3 } from './syntheticAudio.ts';
import { trackingId, webexId } from './webexIds.ts';

/** A converged recording as the simulator keeps it (API.md §6). */
export interface SimRecording {
  id: string;
  ownerId: string;
  topic: string;
  createTime: string;
  durationSeconds: number;
  audio: Buffer;
  transcript: string | null;
  callSessionId: string | null;
  callingNumber: string | null;
  status: 'available' | 'deleted';
  purged: boolean;
}

/** Faults on demand for the recording endpoints. */
export interface RecordingFaults {
  /** Answer the next `times` requests of an endpoint with this status (429 carries Retry-After). */
  fail: { on: RecordingEndpoint; status: number; times: number; retryAfter: number } | null;
  /** Send only part of the audio (with the full Content-Length) and cut the connection, `times` times. */
  truncate: { times: number; fraction: number } | null;
  /** Stream the audio at this rate (a slow download). */
  bytesPerSecond: number | null;
}
type RecordingEndpoint = 'list' | 'details' | 'media' | 'delete' | 'softDelete' | 'purge';

type Auth = (req: FastifyRequest, reply: FastifyReply, scope?: string) => SimPerson | null;

/**
 * Recordings: list, details with expiring direct download links, the audio itself, and deletion with
 * scope checks. The recordings pipeline builds on this; doctor uses list/details/DELETE for its checks.
 */
export class SimRecordings {
  readonly items = new Map<string, SimRecording>();
  /** Lifetime of temporary download links (Webex: 3 hours). */
  linkTtlSec = 3 * 3600;
  /** Slow answers on demand (crash tests): which endpoint, how long. */
  delay: { on: 'details' | 'media' | 'delete' | null; ms: number } = { on: null, ms: 0 };
  /** DELETE calls received, for exactly-once checks. */
  deleteRequests = 0;
  /**
   * Audio and transcript downloads served per recording id: a recording whose caller objected must be
   * deleted without ever being read.
   */
  readonly downloads = new Map<string, { audio: number; transcript: number }>();
  /** Successful deletions (DELETE or purge) per recording id, for exactly-once checks. */
  readonly deletions = new Map<string, number>();
  faults: RecordingFaults = { fail: null, truncate: null, bytesPerSecond: null };
  /** Answers a faulted request; true when it did. */
  #fault = (reply: FastifyReply, on: RecordingEndpoint): boolean => {
    const f = this.faults.fail;
    if (!f || f.on !== on || f.times <= 0) return false;
    f.times--;
    if (f.status === 429) reply.header('retry-after', String(f.retryAfter));
    void reply.status(f.status).send({
      message:
        f.status === 429 ? 'Too many requests' : f.status === 403 ? 'Forbidden' : 'Service unavailable',
      errors: [{ description: `simulated ${f.status}` }],
      trackingId: trackingId(),
    });
    return true;
  };
  #wait = async (on: 'details' | 'media' | 'delete') => {
    if (this.delay.on === on && this.delay.ms > 0) await new Promise((r) => setTimeout(r, this.delay.ms));
  };
  readonly #secret = randomBytes(16);
  readonly #state: SimState;

  constructor(state: SimState) {
    this.#state = state;
  }

  add(input: {
    ownerId: string;
    audio?: Buffer;
    durationSeconds?: number;
    transcript?: string | null;
    callSessionId?: string | null;
    callingNumber?: string | null;
  }): SimRecording {
    const r: SimRecording = {
      id: webexId('RECORDING'),
      ownerId: input.ownerId,
      topic: `Anruf mit ${input.callingNumber ?? 'unbekannt'}`,
      createTime: new Date().toISOString(),
      durationSeconds: input.durationSeconds ?? 60,
      audio: input.audio ?? Buffer.from('ID3 simulated mp3'),
      transcript: input.transcript ?? null,
      callSessionId: input.callSessionId ?? null,
      callingNumber: input.callingNumber ?? null,
      status: 'available',
      purged: false,
    };
    this.items.set(r.id, r);
    return r;
  }

  #sign(id: string, expires: number) {
    return createHmac('sha256', this.#secret).update(`${id}.${expires}`).digest('hex').slice(0, 32);
  }

  register(app: FastifyInstance, auth: Auth, baseUrl: () => string) {
    const err = (reply: FastifyReply, status: number, message: string) =>
      reply.status(status).send({ message, errors: [{ description: message }], trackingId: trackingId() });
    const summary = (r: SimRecording) => ({
      id: r.id,
      topic: r.topic,
      createTime: r.createTime,
      timeRecorded: r.createTime,
      format: 'MP3',
      serviceType: 'calling',
      durationSeconds: r.durationSeconds,
      sizeBytes: r.audio.length,
      status: r.status,
      ownerId: r.ownerId,
      ownerType: 'user',
      storageRegion: 'DE',
    });

    app.get('/v1/convergedRecordings', async (req, reply) => {
      const p = auth(req, reply, 'spark:recordings_read');
      if (!p) return reply;
      if (this.#fault(reply, 'list')) return reply;
      const q = textQuery.parse(req.query);
      const max = Math.min(Number(q['max'] ?? 100) || 100, 100);
      const offset = Math.max(0, Number(q['cursor'] ?? 0) || 0);
      const all = [...this.items.values()]
        .filter(
          (r) =>
            r.ownerId === p.id &&
            !r.purged &&
            r.status === (q['status'] ?? 'available') &&
            (!q['from'] || r.createTime >= q['from']) &&
            (!q['to'] || r.createTime <= q['to']),
        )
        .sort((a, b) => b.createTime.localeCompare(a.createTime) || a.id.localeCompare(b.id));
      const page = all.slice(offset, offset + max).map(summary);
      if (offset + max < all.length) {
        // Paging like Webex: the next page's full URL in a Link header.
        const next = new URL(`${baseUrl()}/v1/convergedRecordings`);
        for (const [k, v] of Object.entries(q))
          if (v !== undefined && k !== 'cursor') next.searchParams.set(k, v);
        next.searchParams.set('cursor', String(offset + max));
        reply.header('link', `<${next.toString()}>; rel="next"`);
      }
      return { items: page };
    });
    app.get<{ Params: { id: string } }>('/v1/convergedRecordings/:id', async (req, reply) => {
      const p = auth(req, reply, 'spark:recordings_read');
      if (!p) return reply;
      await this.#wait('details');
      if (this.#fault(reply, 'details')) return reply;
      const r = this.items.get(req.params.id);
      if (!r || r.purged || r.ownerId !== p.id) return err(reply, 404, 'Recording not found');
      const expires = Date.now() + this.linkTtlSec * 1000;
      const link = (kind: string) =>
        `${baseUrl()}/_sim/media/${encodeURIComponent(r.id)}/${kind}?expires=${expires}&sig=${this.#sign(r.id, expires)}`;
      return {
        ...summary(r),
        temporaryDirectDownloadLinks: {
          audioDownloadLink: link('recording.mp3'),
          ...(r.transcript ? { transcriptDownloadLink: link('transcript.vtt') } : {}),
          expiration: new Date(expires).toISOString(),
        },
        serviceData: {
          callSessionId: r.callSessionId,
          personality: 'terminator',
          callingParty: { number: r.callingNumber, actor: { id: null, type: 'external' } },
          calledParty: { actor: { id: r.ownerId, type: 'person' } },
        },
      };
    });
    app.get<{ Params: { id: string; kind: string } }>('/_sim/media/:id/:kind', async (req, reply) => {
      await this.#wait('media');
      const q = textQuery.parse(req.query);
      const expires = Number(q['expires']);
      const r = this.items.get(req.params.id);
      if (!r || r.purged || q['sig'] !== this.#sign(req.params.id, expires))
        return err(reply, 404, 'Not found');
      if (!(expires > Date.now())) return err(reply, 403, 'The download link has expired');
      if (this.#fault(reply, 'media')) return reply;
      const served = this.downloads.get(r.id) ?? { audio: 0, transcript: 0 };
      this.downloads.set(r.id, served);
      if (req.params.kind === 'transcript.vtt') served.transcript++;
      else served.audio++;
      if (req.params.kind === 'transcript.vtt')
        return reply.type('text/vtt; charset=utf-8').send(r.transcript ?? '');
      const t = this.faults.truncate;
      const rate = this.faults.bytesPerSecond;
      if ((t && t.times > 0) || rate) {
        // Written by hand: a truncated answer promises the whole file and then drops the connection.
        const cut = t && t.times > 0 ? Math.floor(r.audio.length * t.fraction) : r.audio.length;
        if (t && t.times > 0) t.times--;
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': String(r.audio.length) });
        const step = rate ? Math.max(1, Math.floor(rate / 10)) : 64 * 1024;
        for (let at = 0; at < cut && !res.destroyed; at += step) {
          const ok = res.write(r.audio.subarray(at, Math.min(cut, at + step)));
          if (rate) await new Promise((x) => setTimeout(x, 100));
          else if (!ok) await new Promise((x) => res.once('drain', x));
        }
        if (cut < r.audio.length) res.destroy();
        else res.end();
        return reply;
      }
      return reply.type('audio/mpeg').send(r.audio);
    });
    const deleteScope = 'The access token is missing the scope spark:recordings_write.';
    app.delete<{ Params: { id: string } }>('/v1/convergedRecordings/:id', async (req, reply) => {
      const p = auth(req, reply);
      if (!p) return reply;
      if (!this.#canDelete(req)) return err(reply, 403, deleteScope);
      await this.#wait('delete');
      this.deleteRequests++;
      if (this.#fault(reply, 'delete')) return reply;
      const r = this.items.get(req.params.id);
      if (!r || r.purged || r.ownerId !== p.id) return err(reply, 404, 'Recording not found');
      this.#purge(r);
      return reply.status(204).send();
    });
    const ids = z.object({
      recordingIds: z.array(z.string()).max(100).optional(),
      trashAll: z.boolean().optional(),
    });
    app.post('/v1/convergedRecordings/softDelete', async (req, reply) => {
      const p = auth(req, reply);
      if (!p) return reply;
      if (!this.#canDelete(req)) return err(reply, 403, deleteScope);
      if (this.#fault(reply, 'softDelete')) return reply;
      const b = ids.parse(req.body ?? {});
      const mine = [...this.items.values()].filter((r) => r.ownerId === p.id && !r.purged);
      for (const r of b.trashAll ? mine : mine.filter((x) => b.recordingIds?.includes(x.id)))
        r.status = 'deleted';
      return reply.status(204).send();
    });
    app.post('/v1/convergedRecordings/restore', async (req, reply) => {
      const p = auth(req, reply);
      if (!p) return reply;
      if (!this.#canDelete(req)) return err(reply, 403, deleteScope);
      const b = ids.parse(req.body ?? {});
      for (const r of this.items.values())
        if (r.ownerId === p.id && !r.purged && b.recordingIds?.includes(r.id)) r.status = 'available';
      return reply.status(204).send();
    });
    app.post('/v1/convergedRecordings/purge', async (req, reply) => {
      const p = auth(req, reply);
      if (!p) return reply;
      if (!this.#canDelete(req)) return err(reply, 403, deleteScope);
      if (this.#fault(reply, 'purge')) return reply;
      const b = ids.parse(req.body ?? {});
      // Only what is in the recycle bin is purged, like Webex.
      for (const r of this.items.values())
        if (r.ownerId === p.id && !r.purged && r.status === 'deleted' && b.recordingIds?.includes(r.id))
          this.#purge(r);
      return reply.status(204).send();
    });
    app.get<{ Params: { id: string } }>('/_sim/recordings/:id', async (req, reply) => {
      const r = this.items.get(req.params.id);
      if (!r) return err(reply, 404, 'Recording not found');
      return {
        id: r.id,
        status: r.status,
        purged: r.purged,
        downloads: this.downloads.get(r.id) ?? { audio: 0, transcript: 0 },
        deletions: this.deletions.get(r.id) ?? 0,
      };
    });
    app.post('/_sim/recordings/faults', async (req) => {
      const b = z
        .object({
          on: z.enum(['details', 'media', 'delete']).nullable().optional(),
          ms: z.number().int().min(0).max(120_000).optional(),
          fail: z
            .object({
              on: z.enum(['list', 'details', 'media', 'delete', 'softDelete', 'purge']),
              status: z.number().int().min(400).max(599),
              times: z.number().int().min(0).default(1),
              retryAfter: z.number().int().min(0).default(1),
            })
            .nullable()
            .optional(),
          truncate: z
            .object({
              times: z.number().int().min(0).default(1),
              fraction: z.number().min(0).max(0.99).default(0.5),
            })
            .nullable()
            .optional(),
          bytesPerSecond: z.number().int().min(1).nullable().optional(),
          linkTtlSec: z.number().int().min(0).optional(),
        })
        .parse(req.body ?? {});
      if (b.on !== undefined) this.delay = { on: b.on, ms: b.ms ?? 0 };
      if (b.fail !== undefined) this.faults.fail = b.fail;
      if (b.truncate !== undefined) this.faults.truncate = b.truncate;
      if (b.bytesPerSecond !== undefined) this.faults.bytesPerSecond = b.bytesPerSecond;
      if (b.linkTtlSec !== undefined) this.linkTtlSec = b.linkTtlSec;
      return { delay: this.delay, faults: this.faults, linkTtlSec: this.linkTtlSec };
    });
    app.post('/_sim/recordings', async (req, reply) => {
      const b = z
        .object({
          personId: z.string().optional(),
          durationSeconds: z.number().int().min(1).optional(),
          sizeBytes: z.number().int().min(1).max(50_000_000).optional(),
          /** Audio as a valid MP3 stream of this many frames (128 kbps, 44.1 kHz; ~26 ms each). */
          mp3Frames: z.number().int().min(1).max(500_000).optional(),
          /** A German call script, one line per utterance ("Recruiter: …"): spoken by espeak-ng, encoded by lame. */
          script: z.array(z.string().min(1)).min(1).max(400).optional(),
          /** An MP3 file on the simulator's machine to use as the recording. */
          audioFile: z.string().min(1).optional(),
          /** With a script: whether Webex made a transcript (default yes). */
          webexTranscript: z.boolean().optional(),
          transcript: z.string().nullable().optional(),
          callSessionId: z.string().nullable().optional(),
          callingNumber: z.string().nullable().optional(),
          linkTtlSec: z.number().int().min(0).optional(),
          notify: z.boolean().optional(),
        })
        .parse(req.body ?? {});
      if (b.linkTtlSec !== undefined) this.linkTtlSec = b.linkTtlSec;
      const owner = b.personId ?? this.#state.people[0]!.id;
      let audio: Buffer | undefined;
      let transcript = b.transcript ?? null;
      let duration = b.durationSeconds;
      try {
        if (b.script) {
          const spoken = await speechMp3(b.script);
          audio = spoken.audio;
          if (b.transcript === undefined && b.webexTranscript !== false) transcript = spoken.vtt;
          duration ??= Math.max(1, Math.round(spoken.seconds));
        } else if (b.audioFile) {
          audio = await readFile(b.audioFile);
          duration ??= Math.max(1, Math.round(mp3Seconds(audio)));
        } else if (b.mp3Frames) audio = syntheticMp3(b.mp3Frames);
        else if (b.sizeBytes) audio = randomBytes(b.sizeBytes);
      } catch (e) {
        return reply.status(501).send({ message: (e as Error).message });
      }
      const r = this.add({
        ownerId: owner,
        ...(audio ? { audio } : {}),
        ...(duration ? { durationSeconds: duration } : {}),
        transcript,
        callSessionId: b.callSessionId ?? null,
        callingNumber: b.callingNumber ?? null,
      });
      const deliveries = b.notify === false ? [] : await this.#notify(r);
      return {
        id: r.id,
        ownerId: r.ownerId,
        sizeBytes: r.audio.length,
        durationSeconds: r.durationSeconds,
        deliveries,
      };
    });
  }

  #purge(r: SimRecording) {
    r.purged = true;
    r.status = 'deleted';
    this.deletions.set(r.id, (this.deletions.get(r.id) ?? 0) + 1);
  }

  #notify: (r: SimRecording) => Promise<unknown[]> = async () => [];
  /** How the server sends the signed `convergedRecordings` webhook for a new recording. */
  useNotifier(fn: (r: SimRecording) => Promise<unknown[]>) {
    this.#notify = fn;
  }

  /** Set by the server from the request's granted scopes. */
  #canDelete: (req: FastifyRequest) => boolean = () => true;
  useScopeCheck(fn: (req: FastifyRequest) => boolean) {
    this.#canDelete = fn;
  }
}
