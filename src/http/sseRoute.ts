import type { ServerResponse } from 'node:http';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { requireUser, viewerOf } from '../auth/requestUser.ts';
import { dismissedAmong } from '../calls/callDismissals.ts';
import { activeCallsFor } from '../calls/callQueries.ts';
import type { DB } from '../db/schema.ts';
import type { EventBus, LiveEvent } from '../live/eventBus.ts';
import { latestLiveEventId, liveEventsSince, visibleTo } from '../live/liveEventStore.ts';

/**
 * Streams open on this instance, so shutdown can tell each browser to reconnect elsewhere, and so their
 * number stays bounded: beyond the limit per user or in total, the oldest stream is closed with a long
 * `retry:` (a forgotten tab, or a script opening streams in a loop, cannot exhaust sockets and memory).
 */
export class SseStreams {
  // A Map keeps insertion order: the first entry is the oldest stream.
  #open = new Map<ServerResponse, string>();
  readonly #perUser: number;
  readonly #total: number;
  constructor(limits: { perUser: number; total: number } = { perUser: 10, total: 1000 }) {
    this.#perUser = limits.perUser;
    this.#total = limits.total;
  }
  add(res: ServerResponse, user: string) {
    let mine = 0;
    for (const u of this.#open.values()) if (u === user) mine++;
    for (const [old, u] of this.#open) {
      if (mine < this.#perUser) break;
      if (u !== user) continue;
      this.#evict(
        old,
        'Zu viele offene Live-Verbindungen für diesen Benutzer; die älteste wurde geschlossen.',
      );
      mine--;
    }
    for (const old of this.#open.keys()) {
      if (this.#open.size < this.#total) break;
      this.#evict(old, 'Zu viele offene Live-Verbindungen; die älteste wurde geschlossen.');
    }
    this.#open.set(res, user);
  }
  delete(res: ServerResponse) {
    this.#open.delete(res);
  }
  get size() {
    return this.#open.size;
  }
  closeAll() {
    for (const res of this.#open.keys()) {
      // A short retry makes the browser reconnect (to another instance, or to this one restarted) quickly.
      res.end('retry: 1000\nevent: shutdown\ndata: {}\n\n');
    }
    this.#open.clear();
  }
  #evict(res: ServerResponse, message: string) {
    this.#open.delete(res);
    // A long retry: a browser that comes back at once would only push out the next-oldest stream.
    res.end(`retry: ${EVICTED_RETRY_MS}\nevent: superseded\ndata: ${JSON.stringify({ message })}\n\n`);
  }
}

export const EVICTED_RETRY_MS = 60_000;

// A browser that stops reading is dropped rather than buffered without bound; it resumes by Last-Event-ID.
const MAX_BUFFERED_BYTES = 1024 * 1024;
const REPLAY_PAGE = 500;

const frame = (e: LiveEvent) => `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e.payload)}\n\n`;

export interface SseRouteDeps {
  streams: SseStreams;
  db: Kysely<DB>;
  bus: EventBus;
  config: { sseHeartbeatSeconds: number };
}

/** EventSource cannot set headers on its first request; a reconnecting script may pass the id here. */
const streamQuery = z.object({ lastEventId: z.unknown().optional() });

/**
 * `GET /api/events`: the logged-in user's live events over Server-Sent Events. A reconnect with
 * Last-Event-ID replays what was missed from the database; a fresh connection starts with a snapshot
 * of the calls ringing or in progress right now.
 */
export const sseRoutes: FastifyPluginAsyncZod<SseRouteDeps> = async (app, ctx) => {
  const { streams } = ctx;
  app.get(
    '/api/events',
    { config: { access: 'user' }, schema: { querystring: streamQuery } },
    async (req, reply) => {
      const viewer = viewerOf(requireUser(req));
      const header = req.headers['last-event-id'] ?? req.query.lastEventId;
      const resumeFrom = typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : null;

      reply.hijack();
      const res = reply.raw;
      // The security headers sit on the reply; a hijacked reply does not write them itself.
      for (const [name, value] of Object.entries(reply.getHeaders()))
        if (value !== undefined) res.setHeader(name, value);
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n\n');
      streams.add(res, viewer.id);

      let lastSent = resumeFrom ?? 0;
      let replaying = true;
      const held: LiveEvent[] = [];
      const send = (e: LiveEvent) => {
        if (e.id <= lastSent || res.writableEnded) return;
        lastSent = e.id;
        res.write(frame(e));
        if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy();
      };
      const unsubscribe = ctx.bus.subscribe((e) => {
        if (!visibleTo(viewer, e.userId)) return;
        if (replaying) held.push(e);
        else send(e);
      });
      const heartbeat = setInterval(() => {
        if (!res.writableEnded) res.write(': ping\n\n');
      }, ctx.config.sseHeartbeatSeconds * 1000);
      const cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        streams.delete(res);
      };
      res.on('close', cleanup);

      try {
        if (resumeFrom !== null) {
          for (;;) {
            const page = await liveEventsSince(ctx.db, viewer, lastSent, REPLAY_PAGE);
            for (const e of page) send(e);
            if (page.length < REPLAY_PAGE) break;
          }
        } else {
          lastSent = await latestLiveEventId(ctx.db);
          const active = await activeCallsFor(ctx.db, viewer);
          // Pop-ups this user closed stay closed; their ids let the page ignore later events of them.
          const dismissed = await dismissedAmong(
            ctx.db,
            viewer.id,
            active.map((c) => c.id),
          );
          const calls = active.filter((c) => !dismissed.includes(c.id));
          res.write(`event: snapshot\ndata: ${JSON.stringify({ calls, dismissed })}\n\n`);
        }
        replaying = false;
        held.sort((a, b) => a.id - b.id);
        for (const e of held) send(e);
        held.length = 0;
      } catch (err) {
        req.log.error({ err }, 'SSE replay failed');
        res.destroy();
      }
    },
  );
};
