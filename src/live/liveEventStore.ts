import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { nowIso } from '../shared/ids.ts';
import type { LiveEvent } from './eventBus.ts';

/** Audience of an event every logged-in user sees (calls from senders that cannot tell whose line rang). */
export const EVERYONE = '*';

export const visibleTo = (viewer: { id: string; isAdmin: boolean }, userId: string | null): boolean =>
  viewer.isAdmin || userId === viewer.id || userId === EVERYONE;

/** Appends an event in the caller's transaction; publish it on the bus only after that commits. */
export async function appendLiveEvent(
  trx: Transaction<DB> | Kysely<DB>,
  userId: string | null,
  type: string,
  payload: unknown,
): Promise<LiveEvent> {
  const row = await trx
    .insertInto('live_events')
    .values({ user_id: userId, type, payload: JSON.stringify(payload), created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
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
