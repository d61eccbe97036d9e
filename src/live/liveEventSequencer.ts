import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/** NOTIFY channel of the numbered events: instances read new ones after their cursor. */
export const LIVE_CHANNEL = 'callbridge_live';
/** NOTIFY channel of events committed but not numbered yet: wakes the sequencer. */
export const UNSEQUENCED_CHANNEL = 'callbridge_live_new';

/**
 * Numbers committed live events (PostgreSQL), oldest first, continuing after the highest number given,
 * in one statement (so one round trip and its own short transaction).
 *
 * Why after commit: webhook transactions commit in any order, so an id taken at insert can become
 * visible after a higher one, and a stream that already sent the higher one would skip it. Numbers are
 * given only to committed events and are dense (max + 1, max + 2, …) under a unique index, so a step
 * that did not see an earlier step's numbers collides with them and fails instead of publishing out of
 * order; numbers therefore become visible in increasing order even if two steps ran at once. Per call
 * the order holds too: a call's next event is inserted only after the transaction with its previous
 * event committed (the call row is locked), so it has a higher id and is numbered later.
 *
 * Returns the numbered events in order. One instance at a time is the sequencer (PostgresEventBus), so
 * steps rarely meet; `seq is null` is
 * checked again on the row being updated, so a step that waited for another never renumbers an event.
 */
export async function sequenceLiveEvents(
  db: Kysely<DB>,
  limit = 5000,
): Promise<{ seq: number; user_id: string | null; type: string; payload: string }[]> {
  // The NOTIFY names the highest number given, so an instance that has read that far skips its read.
  const { rows } = await sql<{ seq: number; user_id: string | null; type: string; payload: string }>`
    with base as (select coalesce(max(seq), 0) as top from live_events),
    todo as (
      select id, row_number() over (order by id) as n
      from live_events where seq is null order by id limit ${limit}
    ),
    numbered as (
      update live_events e set seq = base.top + todo.n
      from todo, base where e.id = todo.id and e.seq is null
      returning e.seq, e.user_id, e.type, e.payload
    ),
    notified as (
      select pg_notify(${LIVE_CHANNEL}, max(seq)::text) from numbered having count(*) > 0
    )
    select numbered.* from numbered left join notified on true order by seq`.execute(db);
  return rows;
}

/** Session-level lock naming the one instance that numbers events; released when its session ends. */
export const SEQUENCER_LEADER_LOCK = 7_262_002;
