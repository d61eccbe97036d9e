import { type Kysely, sql, type Transaction } from 'kysely';
import type { Dialect } from '../db/migrationHelpers.ts';
import type { DB } from '../db/schema.ts';
import { nowIso } from '../shared/ids.ts';
import type { LiveEvent } from './eventBus.ts';
import { LIVE_CHANNEL } from './postgresEventBus.ts';

/** Audience of an event every logged-in user sees (calls from senders that cannot tell whose line rang). */
export const EVERYONE = '*';

export const visibleTo = (viewer: { id: string; isAdmin: boolean }, userId: string | null): boolean =>
  viewer.isAdmin || userId === viewer.id || userId === EVERYONE;

// Any fixed number; names the lock that orders live-event ids by commit on PostgreSQL.
const LIVE_EVENT_ORDER_LOCK = 7_262_001;

/**
 * Appends an event in the caller's transaction; publish it on the bus only after that commits.
 *
 * Streams skip ids at or below the last one sent and browsers resume from the highest id they saw, so
 * ids must become visible in increasing order. SQLite runs one write transaction at a time; on
 * PostgreSQL a transaction-scoped advisory lock, held from this insert to commit, gives the same order.
 * Call it as the last writes of a transaction, so the lock is held briefly.
 */
export async function appendLiveEvent(
  trx: Transaction<DB>,
  dialect: Dialect,
  userId: string | null,
  type: string,
  payload: unknown,
): Promise<LiveEvent> {
  const values = { user_id: userId, type, payload: JSON.stringify(payload), created_at: nowIso() };
  if (dialect === 'sqlite') {
    const row = await trx.insertInto('live_events').values(values).returning('id').executeTakeFirstOrThrow();
    return { id: row.id, userId, type, payload };
  }
  // One round trip: take the order lock, insert, and queue the NOTIFY that PostgreSQL sends when (and
  // only if) this transaction commits, waking the buses of all instances.
  const { rows } = await sql<{ id: number }>`
    insert into live_events (user_id, type, payload, created_at)
    select ${values.user_id}, ${values.type}, ${values.payload}, ${values.created_at}
    from (select pg_advisory_xact_lock(${LIVE_EVENT_ORDER_LOCK})) as ordered
    returning id, pg_notify(${LIVE_CHANNEL}, id::text)`.execute(trx);
  const row = rows[0]!;
  return { id: row.id, userId, type, payload };
}

/** Events after `afterId` that this viewer may see, oldest first, for Last-Event-ID resume. */
export async function liveEventsSince(
  db: Kysely<DB>,
  viewer: { id: string; isAdmin: boolean },
  afterId: number,
  limit = 500,
): Promise<LiveEvent[]> {
  const rows = await db
    .selectFrom('live_events')
    .selectAll()
    .where('id', '>', afterId)
    .$if(!viewer.isAdmin, (q) => q.where('user_id', 'in', [viewer.id, EVERYONE]))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, userId: r.user_id, type: r.type, payload: JSON.parse(r.payload) }));
}

export async function latestLiveEventId(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('live_events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

export async function pruneLiveEvents(db: Kysely<DB>, olderThanHours: number): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanHours * 3600_000).toISOString();
  const res = await db.deleteFrom('live_events').where('created_at', '<', cutoff).executeTakeFirst();
  return Number(res.numDeletedRows);
}
