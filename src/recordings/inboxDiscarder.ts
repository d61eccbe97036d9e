import type { Kysely } from 'kysely';
import type { DB, User } from '../db/schema.ts';
import { AppError, NotFoundError } from '../shared/errors.ts';
import { onlyVisibleRecordings } from './recordingScope.ts';

/** How long "Rückgängig" brings a discarded call back into "Nicht zugeordnet". */
export const UNDO_MINUTES = 10;

/** "Verwerfen": the call leaves the inbox but is kept, so it can come back within the undo window. */
export async function discardFromInbox(db: Kysely<DB>, recordingId: string, byUserId: string | null) {
  const now = new Date().toISOString();
  const res = await db
    .updateTable('recordings')
    .set({ inbox: 0, discarded_at: now, discarded_by: byUserId, updated_at: now })
    .where('id', '=', recordingId)
    .where('inbox', '=', 1)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new NotFoundError('Anruf im Eingang');
  await db
    .insertInto('recording_audit')
    .values({ recording_id: recordingId, at: now, event: 'discarded', detail: null })
    .execute();
}

/** "Rückgängig" after "Verwerfen", within UNDO_MINUTES. */
export async function restoreToInbox(db: Kysely<DB>, recordingId: string) {
  const now = new Date().toISOString();
  const since = new Date(Date.now() - UNDO_MINUTES * 60_000).toISOString();
  const res = await db
    .updateTable('recordings')
    .set({ inbox: 1, discarded_at: null, discarded_by: null, updated_at: now })
    .where('id', '=', recordingId)
    .where('inbox', '=', 0)
    .where('record_id', 'is', null)
    .where('discarded_at', '>=', since)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0)
    throw new AppError(
      'undo_expired',
      `Rückgängig ist nur ${UNDO_MINUTES} Minuten nach dem Verwerfen möglich`,
      { status: 409, hint: 'Der Anruf bleibt verworfen; seine Notiz steht unter /aufnahmen.' },
    );
  await db
    .insertInto('recording_audit')
    .values({ recording_id: recordingId, at: now, event: 'restored', detail: null })
    .execute();
}

/** Calls the user may see that were discarded within the undo window, newest first. */
export function recentlyDiscarded(db: Kysely<DB>, user: Pick<User, 'role' | 'webex_person_id'>) {
  const since = new Date(Date.now() - UNDO_MINUTES * 60_000).toISOString();
  return onlyVisibleRecordings(
    db.selectFrom('recordings').select(['id', 'remote_number', 'discarded_at', 'extraction_json']),
    user,
  )
    .where('inbox', '=', 0)
    .where('record_id', 'is', null)
    .where('discarded_at', '>=', since)
    .orderBy('discarded_at', 'desc')
    .limit(20)
    .execute();
}
