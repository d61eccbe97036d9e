import type { Kysely } from 'kysely';
import type { Config } from '../config/config.ts';
import type { DB, User } from '../db/schema.ts';
import { AppError, NotFoundError } from '../shared/errors.ts';
import { assignFromInbox } from './inboxAssigner.ts';
import { onlyVisibleRecordings } from './recordingScope.ts';

/** All waiting calls from one number go to one record at once ("Alle 5 Anrufe zuordnen"). */
export async function assignAllOfNumber(
  db: Kysely<DB>,
  e164: string,
  target: { type: 'lead' | 'candidate'; id: string },
  config: Pick<Config, 'legacyBackendUrl'> | undefined,
  by: Pick<User, 'id' | 'display_name' | 'role' | 'webex_person_id'>,
): Promise<number> {
  // Only the calls this user may see: a recruiter's bulk action never takes a colleague's calls.
  const waiting = await onlyVisibleRecordings(db.selectFrom('recordings').select('id'), by)
    .where('inbox', '=', 1)
    .where('remote_number', '=', e164)
    .orderBy('created_at')
    .execute();
  if (waiting.length === 0) throw new NotFoundError('Anruf von dieser Nummer im Eingang');
  // One transaction per call: each is complete on its own, and one taken meanwhile does not undo the rest.
  let n = 0;
  for (const r of waiting) {
    try {
      await assignFromInbox(db, r.id, target, config, { userId: by.id, name: by.display_name });
      n++;
    } catch (err) {
      // Someone else assigned or discarded this one in the meantime: the others still go.
      if (!(err instanceof AppError && err.code === 'not_in_inbox')) throw err;
    }
  }
  return n;
}
