import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ValidationError } from '../shared/errors.ts';
import { MAX_NOTE_LENGTH } from './callNoteSaver.ts';

export interface CallNoteDraft {
  text: string;
  updatedAt: string;
}

/**
 * Keeps what a recruiter is typing on a call screen, per call and user, so a reload, a crashed tab or
 * another device finds it again. An empty text removes the draft. `updatedAt` is the server's time.
 */
export async function saveCallNoteDraft(
  db: Kysely<DB>,
  callId: string,
  userId: string,
  text: string,
): Promise<CallNoteDraft | null> {
  if (text.length > MAX_NOTE_LENGTH)
    throw new ValidationError(`Notiz zu lang (höchstens ${MAX_NOTE_LENGTH} Zeichen)`);
  if (text.trim() === '') {
    await discardCallNoteDraft(db, callId, userId);
    return null;
  }
  const updatedAt = new Date().toISOString();
  await db
    .insertInto('call_note_drafts')
    .values({ call_id: callId, user_id: userId, text, updated_at: updatedAt })
    .onConflict((oc) => oc.columns(['call_id', 'user_id']).doUpdateSet({ text, updated_at: updatedAt }))
    .execute();
  return { text, updatedAt };
}

export async function callNoteDraftOf(
  db: Kysely<DB>,
  callId: string,
  userId: string,
): Promise<CallNoteDraft | null> {
  const row = await db
    .selectFrom('call_note_drafts')
    .select(['text', 'updated_at'])
    .where('call_id', '=', callId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? { text: row.text, updatedAt: row.updated_at } : null;
}

export async function discardCallNoteDraft(
  db: Kysely<DB> | Transaction<DB>,
  callId: string,
  userId: string,
): Promise<void> {
  await db
    .deleteFrom('call_note_drafts')
    .where('call_id', '=', callId)
    .where('user_id', '=', userId)
    .execute();
}
