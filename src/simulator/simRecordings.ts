import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SimPerson, SimState } from './simState.ts';
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

/** A valid MPEG-1 Layer III frame sequence whose payload starts with the frame's index (16 bit), so chunking sees real frame boundaries and tests can tell pieces apart. */
export function syntheticMp3(frames: number): Buffer {
  const out = Buffer.alloc(frames * 418);
  let pos = 0;
  for (let i = 0; i < frames; i++) {
    const padding = i % 3 === 0 ? 1 : 0;
    out[pos] = 0xff;
    out[pos + 1] = 0xfb;
    out[pos + 2] = 0x90 | (padding << 1);
    out[pos + 3] = 0x64;
    out.fill(i % 256, pos + 4, pos + 417 + padding);
    out.writeUInt16BE(i, pos + 4);
    pos += 417 + padding;
  }
  return out.subarray(0, pos);
}

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
      const q = req.query as Record<string, string | undefined>;
      const max = Math.min(Number(q['max'] ?? 100) || 100, 100);
      const items = [...this.items.values()]
        .filter((r) => r.ownerId === p.id && !r.purged && r.status === (q['status'] ?? 'available'))
        .sort((a, b) => b.createTime.localeCompare(a.createTime))
        .slice(0, max)
        .map(summary);
      return { items };
    });
    app.get<{ Params: { id: string } }>('/v1/convergedRecordings/:id', async (req, reply) => {
      const p = auth(req, reply, 'spark:recordings_read');
      if (!p) return reply;
      await this.#wait('details');
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
      const q = req.query as Record<string, string | undefined>;
      const expires = Number(q['expires']);
      const r = this.items.get(req.params.id);
      if (!r || r.purged || q['sig'] !== this.#sign(req.params.id, expires))
        return err(reply, 404, 'Not found');
      if (!(expires > Date.now())) return err(reply, 403, 'The download link has expired');
      if (req.params.kind === 'transcript.vtt')
        return reply.type('text/vtt; charset=utf-8').send(r.transcript ?? '');
      return reply.type('audio/mpeg').send(r.audio);
    });
    app.delete<{ Params: { id: string } }>('/v1/convergedRecordings/:id', async (req, reply) => {
      const p = auth(req, reply);
      if (!p) return reply;
      if (!this.#canDelete(req))
        return err(reply, 403, 'The access token is missing the scope spark:recordings_write.');
      await this.#wait('delete');
      this.deleteRequests++;
      const r = this.items.get(req.params.id);
      if (!r || r.purged || r.ownerId !== p.id) return err(reply, 404, 'Recording not found');
      r.purged = true;
      r.status = 'deleted';
      return reply.status(204).send();
    });
    app.post('/_sim/recordings/faults', async (req) => {
      const b = z
        .object({
          on: z.enum(['details', 'media', 'delete']).nullable(),
          ms: z.number().int().min(0).max(120_000),
        })
        .parse(req.body);
      this.delay = b;
      return { delay: this.delay };
    });
    app.post('/_sim/recordings', async (req) => {
      const b = z
        .object({
          personId: z.string().optional(),
          durationSeconds: z.number().int().min(1).optional(),
          sizeBytes: z.number().int().min(1).max(50_000_000).optional(),
          /** Audio as a valid MP3 stream of this many frames (128 kbps, 44.1 kHz; ~26 ms each). */
          mp3Frames: z.number().int().min(1).max(500_000).optional(),
          transcript: z.string().nullable().optional(),
          callSessionId: z.string().nullable().optional(),
          callingNumber: z.string().nullable().optional(),
          linkTtlSec: z.number().int().min(0).optional(),
          notify: z.boolean().optional(),
        })
        .parse(req.body ?? {});
      if (b.linkTtlSec !== undefined) this.linkTtlSec = b.linkTtlSec;
      const owner = b.personId ?? this.#state.people[0]!.id;
      const r = this.add({
        ownerId: owner,
        ...(b.mp3Frames
          ? { audio: syntheticMp3(b.mp3Frames) }
          : b.sizeBytes
            ? { audio: randomBytes(b.sizeBytes) }
            : {}),
        ...(b.durationSeconds ? { durationSeconds: b.durationSeconds } : {}),
        transcript: b.transcript ?? null,
        callSessionId: b.callSessionId ?? null,
        callingNumber: b.callingNumber ?? null,
      });
      const deliveries = b.notify === false ? [] : await this.#notify(r);
      return { id: r.id, ownerId: r.ownerId, deliveries };
    });
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
