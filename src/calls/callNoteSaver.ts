import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';

export const MAX_NOTE_LENGTH = 20_000;

/**
 * Saves the recruiter's notes on a call (replacing the previous text); the saving user's draft of it
 * goes in the same transaction, so a saved note is never shadowed by an older draft.
 */
export async function saveCallNote(
  db: Kysely<DB>,
  callId: string,
  note: string,
  userId?: string,
): Promise<void> {
  if (note.length > MAX_NOTE_LENGTH)
    throw new ValidationError(`Notiz zu lang (höchstens ${MAX_NOTE_LENGTH} Zeichen)`);
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('calls')
      .set({ notes: note.trim() === '' ? null : note, updated_at: new Date().toISOString() })
      .where('id', '=', callId)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new NotFoundError('Anruf');
    if (userId)
      await trx
        .deleteFrom('call_note_drafts')
        .where('call_id', '=', callId)
        .where('user_id', '=', userId)
        .execute();
  });
}
