import { type Kysely, sql, type Transaction } from 'kysely';
import { dialectOf } from '../db/dialect.ts';
import type { DB } from '../db/schema.ts';
import { nowIso } from '../shared/ids.ts';
import type { AppendedLiveEvent, LiveEvent, LiveEventDraft } from './eventBus.ts';
import { UNSEQUENCED_CHANNEL } from './liveEventSequencer.ts';

/** Audience of an event every logged-in user sees (calls from senders that cannot tell whose line rang). */
export const EVERYONE = '*';

export const visibleTo = (viewer: { id: string; isAdmin: boolean }, userId: string | null): boolean =>
  viewer.isAdmin || userId === viewer.id || userId === EVERYONE;

/**
 * Appends events, in this order, in the caller's transaction; publish them on the bus only after that
 * commits.
 *
 * Streams skip ids at or below the last one sent and browsers resume from the highest id they saw, so
 * the id they see (`seq`) must become visible in increasing order. SQLite runs one write transaction at a
 * time, so `seq` is given here. On PostgreSQL concurrent transactions commit in any order: events are
 * stored without `seq` (ascending ids in one statement) and a NOTIFY, sent only if this transaction
 * commits, wakes the sequencer (src/live/liveEventSequencer.ts), which numbers committed events in a
 * short step of its own. The returned events then have no id yet; the bus reads them once numbered.
 */
export async function appendLiveEvents(
  trx: Transaction<DB>,
  drafts: LiveEventDraft[],
): Promise<AppendedLiveEvent[]> {
  if (drafts.length === 0) return [];
  const createdAt = nowIso();
  const rows = drafts.map((d) => ({
    user_id: d.userId,
    type: d.type,
    payload: JSON.stringify(d.payload),
    created_at: createdAt,
  }));
  if (dialectOf(trx) === 'sqlite') {
    const out: AppendedLiveEvent[] = [];
    for (const [i, row] of rows.entries()) {
      const { seq } = await trx
        .insertInto('live_events')
        .values({ ...row, seq: sql<number>`(select coalesce(max(seq), 0) + 1 from live_events)` })
        .returning('seq')
        .executeTakeFirstOrThrow();
      out.push({ ...drafts[i]!, id: seq });
    }
    return out;
  }
  await sql`
    insert into live_events (user_id, type, payload, created_at)
    select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as r(user_id text, type text, payload text, created_at text)
    returning pg_notify(${UNSEQUENCED_CHANNEL}, '')`.execute(trx);
  return drafts.map((d) => ({ ...d, id: null }));
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
    .where('seq', '>', afterId)
    .$if(!viewer.isAdmin, (q) => q.where('user_id', 'in', [viewer.id, EVERYONE]))
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toLiveEvent);
}

export async function latestLiveEventId(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('live_events')
    .select((eb) => eb.fn.max('seq').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

export async function pruneLiveEvents(db: Kysely<DB>, olderThanHours: number): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanHours * 3600_000).toISOString();
  // The newest event stays: numbers continue after the highest one kept, and browsers resume from it.
  const res = await db
    .deleteFrom('live_events')
    .where('created_at', '<', cutoff)
    .where('seq', '<', (eb) => eb.selectFrom('live_events').select((e) => e.fn.max('seq').as('top')))
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** A stored, numbered event as the bus and streams carry it. */
export function toLiveEvent(r: {
  seq: number | null;
  user_id: string | null;
  type: string;
  payload: string;
}): LiveEvent {
  return { id: Number(r.seq), userId: r.user_id, type: r.type, payload: JSON.parse(r.payload) };
}
