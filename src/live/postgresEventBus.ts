import type { Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from '../db/schema.ts';
import { coalescedRun } from '../shared/coalescedRun.ts';
import type { Logger } from '../shared/logger.ts';
import type { EventBus, LiveEvent, LiveListener } from './eventBus.ts';
import {
  LIVE_CHANNEL,
  SEQUENCER_LEADER_LOCK,
  sequenceLiveEvents,
  UNSEQUENCED_CHANNEL,
} from './liveEventSequencer.ts';
import { toLiveEvent } from './liveEventStore.ts';

/**
 * Event bus for PostgreSQL, across instances. appendLiveEvent NOTIFYs inside the producing transaction,
 * so the wake-up is sent exactly when the event commits, from whichever instance took the webhook; it
 * wakes the sequencer (liveEventSequencer.ts), run by the one instance whose LISTEN session holds the
 * leader lock, whose step NOTIFYs in turn. The others stand by: each second they try to take the lock
 * (free again when the leader's session ends) and number events themselves if some wait too long. Every instance then reads numbered rows after its cursor, in number order, and
 * hands them to its SSE streams. Notifications carry no body (NOTIFY payloads are capped at 8 kB); one
 * lost while the LISTEN connection was down is covered by sequencing and reading on reconnect and by a
 * slow periodic poll.
 */
export class PostgresEventBus implements EventBus {
  #listeners = new Set<LiveListener>();
  #db: Kysely<DB>;
  #url: string;
  #log: Logger;
  #client: pg.Client | null = null;
  #cursor = 0;
  /** Reads everything after the cursor; wake-ups during a read trigger one more read, not many. */
  #reader = coalescedRun(
    () => this.#readNew(),
    () => this.#closed,
  );
  /** Numbers committed events; wake-ups during a step trigger one more step, not many. */
  #sequencer = coalescedRun(
    () => this.#numberNew(),
    () => this.#closed,
  );
  #closed = false;
  #poll: NodeJS.Timeout | null = null;
  #standby: NodeJS.Timeout | null = null;
  #leader = false;
  #reconnectDelay = 250;

  constructor(opts: { db: Kysely<DB>; url: string; log: Logger; pollIntervalMs?: number }) {
    this.#db = opts.db;
    this.#url = opts.url;
    this.#log = opts.log;
    this.#poll = setInterval(() => {
      if (this.#leader) this.#sequence();
      this.#wake();
    }, opts.pollIntervalMs ?? 5000);
    this.#poll.unref();
    this.#standby = setInterval(() => void this.#standBy(), 1000);
    this.#standby.unref();
  }

  async start(): Promise<void> {
    const row = await this.#db
      .selectFrom('live_events')
      .select((eb) => eb.fn.max('seq').as('id'))
      .executeTakeFirst();
    this.#cursor = Number(row?.id ?? 0);
    await this.#connect();
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    const client = new pg.Client({ connectionString: this.#url });
    client.on('notification', (n) => {
      if (n.channel === UNSEQUENCED_CHANNEL) {
        if (this.#leader) this.#sequence();
      } else if (!n.payload || !(Number(n.payload) <= this.#cursor)) this.#wake();
    });
    client.on('error', (err) => {
      this.#log.warn({ err: err.message }, 'live event LISTEN connection lost; reconnecting');
      this.#client = null;
      this.#leader = false;
      client.end().catch(() => {});
      this.#scheduleReconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}; LISTEN ${UNSEQUENCED_CHANNEL}`);
      this.#client = client;
      this.#reconnectDelay = 250;
      await this.#standBy();
      this.#sequence();
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

  #wake() {
    this.#reader.request();
  }

  async #readNew() {
    try {
      for (;;) {
        const rows = await this.#db
          .selectFrom('live_events')
          .selectAll()
          .where('seq', '>', this.#cursor)
          .orderBy('seq')
          .limit(500)
          .execute();
        for (const r of rows) {
          const event = toLiveEvent(r);
          // This instance's sequencer step may have sent it meanwhile.
          if (event.id <= this.#cursor) continue;
          this.#cursor = event.id;
          this.#emit(event);
        }
        if (rows.length < 500) break;
      }
    } catch (err) {
      if (!this.#closed) this.#log.error({ err }, 'reading live events failed');
    }
  }

  /** Takes the leader lock if it is free; numbers events if some have waited too long for the leader. */
  async #standBy() {
    const client = this.#client;
    if (this.#closed || this.#leader || !client) return;
    try {
      const { rows } = await client.query<{ leader: boolean; age: number | null }>(
        `select pg_try_advisory_lock($1) as leader,
          (select extract(epoch from now() - min(created_at)::timestamptz)::float8
           from live_events where seq is null) as age`,
        [SEQUENCER_LEADER_LOCK],
      );
      this.#leader = rows[0]?.leader === true;
      if (this.#leader) this.#log.info('numbering live events for all instances');
      if (this.#leader || (rows[0]?.age ?? 0) > 2) this.#sequence();
    } catch (err) {
      if (!this.#closed) this.#log.warn({ err: (err as Error).message }, 'sequencer standby check failed');
    }
  }

  #sequence() {
    this.#sequencer.request();
  }

  async #numberNew() {
    try {
      for (;;) {
        const rows = await sequenceLiveEvents(this.#db);
        // The events just numbered go to this instance's streams at once, without reading them
        // back, if they follow on from what was sent; otherwise the read after the NOTIFY sends them.
        if (rows.length > 0 && Number(rows[0]!.seq) === this.#cursor + 1) {
          for (const r of rows) {
            const event = toLiveEvent(r);
            this.#cursor = event.id;
            this.#emit(event);
          }
        }
        // A full step leaves more behind: go on at once.
        if (rows.length < 5000) break;
      }
    } catch (err) {
      // Two steps met (a standby stepped in): the later one fails on the unique number and the
      // next wake-up numbers what is left.
      if (!this.#closed) this.#log.warn({ err: (err as Error).message }, 'numbering live events failed');
    }
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
    if (this.#standby) clearInterval(this.#standby);
    await this.#reader.current();
    await this.#sequencer.current();
    this.#listeners.clear();
    await this.#client?.end().catch(() => {});
    this.#client = null;
  }
}
