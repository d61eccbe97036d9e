import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { NotFoundError } from '../shared/errors.ts';

/**
 * Ties a call to the lead or candidate it was about, e.g. after "Als Lead anlegen" from the pop-up.
 * Later steps (call notes from the recording) use this link first.
 */
export async function linkCallToRecord(
  db: Kysely<DB>,
  callId: string,
  type: 'lead' | 'candidate',
  recordId: string,
): Promise<void> {
  const res = await db
    .updateTable('calls')
    .set({
      matched_type: type,
      matched_id: recordId,
      record_confirmed: 1,
      updated_at: new Date().toISOString(),
    })
    .where('id', '=', callId)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new NotFoundError('Anruf');
}
