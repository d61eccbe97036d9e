import type { Transaction } from 'kysely';
import type { DB, Recording } from '../db/schema.ts';
import { NotFoundError } from '../shared/errors.ts';

/**
 * Takes the recording's row for the rest of the transaction, before it is read: a second filing of the
 * same call (another recruiter, a double click) waits here and then reads what the first one committed.
 * Without it, PostgreSQL let both read the call as still waiting and both applied its note.
 */
export async function lockRecording(trx: Transaction<DB>, recordingId: string): Promise<void> {
  await trx
    .updateTable('recordings')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', recordingId)
    .execute();
}

/** The recording, locked as above and then read; `noun` names it in the not-found error ("Anruf", "Aufnahme"). */
export async function lockedRecording(
  trx: Transaction<DB>,
  recordingId: string,
  noun: string,
): Promise<Recording> {
  await lockRecording(trx, recordingId);
  const rec = await trx.selectFrom('recordings').selectAll().where('id', '=', recordingId).executeTakeFirst();
  if (!rec) throw new NotFoundError(noun);
  return rec;
}
