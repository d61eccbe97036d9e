import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { newId } from '../shared/ids.ts';
import type { WebexTokens } from '../webex/webexTokens.ts';

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
    let items: { id: string; ownerId?: string; status?: string }[];
    try {
      items = await tokens.clientFor(c.id).listAll('/convergedRecordings', {
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
      const now = new Date().toISOString();
      const inserted = await db
        .insertInto('recordings')
        .values({
          id: newId(),
          webex_recording_id: item.id,
          owner_person_id: item.ownerId ?? c.person_id,
          step: 'details',
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
          lease_until: null,
          last_error: null,
          details_json: null,
          audio_path: null,
          transcript: null,
          extraction_json: null,
          flags_json: null,
          call_date: null,
          remote_number: null,
          record_type: null,
          record_id: null,
          inbox: 0,
          created_at: now,
          updated_at: now,
          applied_at: null,
          deleted_at_webex: null,
          done_at: null,
        })
        .onConflict((oc) => oc.column('webex_recording_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) {
        queued++;
        await db
          .insertInto('recording_audit')
          .values({ recording_id: inserted.id, at: now, event: 'received', detail: 'reconciliation' })
          .execute();
      }
    }
  }
  return { queued, errors };
}
