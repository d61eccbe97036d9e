import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { EventBus } from '../live/eventBus.ts';
import { withLiveEvents } from '../live/livePublisher.ts';

/** Live event type telling every tab of a user to hide a call's pop-up. */
export const CALL_DISMISSED = 'call-dismissed';

/**
 * A user closed a call's pop-up: it stays closed in all their tabs and devices, also when the call
 * changes state later. Closing twice is harmless.
 */
export async function dismissCallPopup(
  deps: { db: Kysely<DB>; bus: EventBus },
  userId: string,
  callId: string,
): Promise<void> {
  await withLiveEvents(deps, async (trx) => {
    const inserted = await trx
      .insertInto('call_dismissals')
      .values({ user_id: userId, call_id: callId, dismissed_at: new Date().toISOString() })
      .onConflict((oc) => oc.columns(['user_id', 'call_id']).doNothing())
      .executeTakeFirst();
    const fresh = Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    return {
      result: undefined,
      live: fresh ? [{ userId, type: CALL_DISMISSED, payload: { callId, userId } }] : [],
    };
  });
}

/** The calls among `callIds` whose pop-up this user closed. */
export async function dismissedAmong(db: Kysely<DB>, userId: string, callIds: string[]): Promise<string[]> {
  if (callIds.length === 0) return [];
  const rows = await db
    .selectFrom('call_dismissals')
    .select('call_id')
    .where('user_id', '=', userId)
    .where('call_id', 'in', callIds)
    .execute();
  return rows.map((r) => r.call_id);
}
