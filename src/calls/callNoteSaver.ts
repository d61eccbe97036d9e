import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';

export const MAX_NOTE_LENGTH = 20_000;

/** Saves the recruiter's notes on a call (replacing the previous text). */
export async function saveCallNote(db: Kysely<DB>, callId: string, note: string): Promise<void> {
  if (note.length > MAX_NOTE_LENGTH)
    throw new ValidationError(`Notiz zu lang (höchstens ${MAX_NOTE_LENGTH} Zeichen)`);
  const res = await db
    .updateTable('calls')
    .set({ notes: note.trim() === '' ? null : note, updated_at: new Date().toISOString() })
    .where('id', '=', callId)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new NotFoundError('Anruf');
}
