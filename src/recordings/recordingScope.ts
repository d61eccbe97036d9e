import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { DB, User } from '../db/schema.ts';
import { NotFoundError } from '../shared/errors.ts';

/**
 * Recordings are scoped like calls: a recruiter sees those of their own Webex line, an admin all of
 * them. Calls the old backend parked over the API (`api:` ids, no line known) are everyone's, as its
 * inbox was and as compatibility-endpoint calls are; any other recording of no known line is for admins.
 */
export function onlyVisibleRecordings<O>(
  q: SelectQueryBuilder<DB, 'recordings', O>,
  user: Pick<User, 'role' | 'webex_person_id'>,
): SelectQueryBuilder<DB, 'recordings', O> {
  if (user.role === 'admin') return q;
  const line = user.webex_person_id;
  return q.where((eb) =>
    eb.or([
      ...(line ? [eb('owner_person_id', '=', line)] : []),
      eb.and([eb('owner_person_id', 'is', null), eb('webex_recording_id', 'like', 'api:%')]),
    ]),
  );
}

/** 404 for a recording the user may not see, exactly as for one that does not exist. */
export async function assertRecordingVisible(
  db: Kysely<DB>,
  user: Pick<User, 'role' | 'webex_person_id'>,
  recordingId: string,
): Promise<void> {
  const row = await onlyVisibleRecordings(
    db.selectFrom('recordings').select('id').where('id', '=', recordingId),
    user,
  ).executeTakeFirst();
  if (!row) throw new NotFoundError('Aufnahme');
}
