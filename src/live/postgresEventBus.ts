import type { Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from '../db/schema.ts';
import type { Logger } from '../shared/logger.ts';
import type { EventBus, LiveEvent, LiveListener } from './eventBus.ts';

export const LIVE_CHANNEL = 'callbridge_live';

/**
 * Event bus for PostgreSQL, across instances. appendLiveEvent NOTIFYs inside the producing transaction,
 * so the wake-up is sent exactly when the event commits, from whichever instance took the webhook. Every
 * instance then reads new rows after its cursor, in id order (ids are commit-ordered), and hands them
 * to its SSE streams. Notifications carry only an id, never a body (NOTIFY payloads are capped at
 * 8 kB); a notification lost while the LISTEN connection was down is covered by reading from the cursor
 * on reconnect and by a slow periodic poll.
 */
export class PostgresEventBus implements EventBus {
  #listeners = new Set<LiveListener>();
  #db: Kysely<DB>;
  #url: string;
  #log: Logger;
  #client: pg.Client | null = null;
  #cursor = 0;
  #reading: Promise<void> | null = null;
  #again = false;
  #closed = false;
  #poll: NodeJS.Timeout | null = null;
  #reconnectDelay = 250;

  constructor(opts: { db: Kysely<DB>; url: string; log: Logger; pollIntervalMs?: number }) {
    this.#db = opts.db;
    this.#url = opts.url;
    this.#log = opts.log;
    this.#poll = setInterval(() => this.#wake(), opts.pollIntervalMs ?? 5000);
    this.#poll.unref();
  }

  async start(): Promise<void> {
    const row = await this.#db
      .selectFrom('live_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    this.#cursor = Number(row?.id ?? 0);
    await this.#connect();
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    const client = new pg.Client({ connectionString: this.#url });
    client.on('notification', () => this.#wake());
    client.on('error', (err) => {
      this.#log.warn({ err: err.message }, 'live event LISTEN connection lost; reconnecting');
      this.#client = null;
      client.end().catch(() => {});
      this.#scheduleReconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
      this.#client = client;
      this.#reconnectDelay = 250;
      this.#wake();
    } catch (err) {
      this.#log.warn({ err: (err as Error).message }, 'live event LISTEN connection failed; retrying');
      client.end().catch(() => {});
      this.#scheduleReconnect();
    }
  }

  #scheduleReconnect() {
    if (this.#closed) return;
    const t = setTimeout(() => void this.#connect(), this.#reconnectDelay);
    t.unref();
    this.#reconnectDelay = Math.min(this.#reconnectDelay * 2, 10_000);
  }

  /** Reads everything after the cursor; wake-ups during a read trigger one more read, not many. */
  #wake() {
    if (this.#closed) return;
    if (this.#reading) {
      this.#again = true;
      return;
    }
    this.#reading = (async () => {
      do {
        this.#again = false;
        try {
          for (;;) {
            const rows = await this.#db
              .selectFrom('live_events')
              .selectAll()
              .where('id', '>', this.#cursor)
              .orderBy('id')
              .limit(500)
              .execute();
            for (const r of rows) {
              this.#cursor = r.id;
              this.#emit({ id: r.id, userId: r.user_id, type: r.type, payload: JSON.parse(r.payload) });
            }
            if (rows.length < 500) break;
          }
        } catch (err) {
          if (!this.#closed) this.#log.error({ err }, 'reading live events failed');
        }
      } while (this.#again && !this.#closed);
      this.#reading = null;
    })();
  }

  #emit(event: LiveEvent) {
    for (const l of this.#listeners) {
      try {
        l(event);
      } catch {
        // One broken stream must not keep the event from the others.
      }
    }
  }

  /** The event's transaction sent the NOTIFY already; the wake-up it causes reads the event. */
  publish(_event: LiveEvent): void {}

  subscribe(listener: LiveListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#poll) clearInterval(this.#poll);
    await this.#reading;
    this.#listeners.clear();
    await this.#client?.end().catch(() => {});
    this.#client = null;
  }
}
