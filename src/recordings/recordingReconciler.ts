import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { listAllRecordings, type RecordingListItem } from '../webex/recordingsApi.ts';
import type { WebexTokens } from '../webex/webexTokens.ts';
import { queueRecording } from './recordingIntake.ts';

const WINDOW_DAYS = 7;

/**
 * Webex may lose a webhook delivery. This lists each connected line's recent recordings and queues
 * those CallBridge never heard of, so a missed delivery delays a note but never loses it.
 */
export async function reconcileRecordings(
  db: Kysely<DB>,
  tokens: WebexTokens,
): Promise<{ queued: number; errors: string[] }> {
  const conns = await db
    .selectFrom('webex_connections')
    .select(['id', 'person_id', 'kind'])
    .where('status', '=', 'active')
    .where('kind', '=', 'user')
    .execute();
  let queued = 0;
  const errors: string[] = [];
  const from = new Date(Date.now() - WINDOW_DAYS * 86_400_000).toISOString();
  for (const c of conns) {
    let items: RecordingListItem[];
    try {
      items = await listAllRecordings(tokens.clientFor(c.id), {
        from,
        to: new Date().toISOString(),
        max: 100,
        status: 'available',
      });
    } catch (err) {
      errors.push((err as Error).message);
      continue;
    }
    for (const item of items) {
      const id = await db.transaction().execute((trx) =>
        queueRecording(trx, {
          webexRecordingId: item.id,
          ownerPersonId: item.ownerId ?? c.person_id,
          source: 'reconciliation',
        }),
      );
      if (id) queued++;
    }
  }
  return { queued, errors };
}
