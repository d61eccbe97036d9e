import type { Kysely, Transaction } from 'kysely';
import type { DB, Recording } from '../db/schema.ts';

export interface RecordingCall {
  id: string;
  startedAt: string;
  userId: string | null;
  matchedType: 'lead' | 'candidate' | null;
  matchedId: string | null;
}

type Details = {
  timeRecorded?: string;
  createTime?: string;
  serviceData?: { callSessionId?: string | null };
};

const detailsOf = (rec: Pick<Recording, 'details_json'>): Details | null =>
  rec.details_json ? (JSON.parse(rec.details_json) as Details) : null;

/** The call a recording was made of (Webex's call session), whether or not it matched a record. */
export async function callOfRecording(
  db: Kysely<DB> | Transaction<DB>,
  rec: Pick<Recording, 'details_json'>,
): Promise<RecordingCall | null> {
  const session = detailsOf(rec)?.serviceData?.callSessionId;
  if (!session) return null;
  const row = await db
    .selectFrom('calls')
    .select(['id', 'started_at', 'user_id', 'matched_type', 'matched_id'])
    .where('call_session_id', '=', session)
    // Several legs of one session (transfers): the one tied to a record, then the first.
    .orderBy('matched_id', 'desc')
    .orderBy('started_at')
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        startedAt: row.started_at,
        userId: row.user_id,
        matchedType: row.matched_type,
        matchedId: row.matched_id,
      }
    : null;
}

/** When the conversation took place: the call's start, else when Webex says it recorded, else arrival. */
export function callTimeOf(
  rec: Pick<Recording, 'details_json' | 'created_at'>,
  call: Pick<RecordingCall, 'startedAt'> | null,
): string {
  const d = detailsOf(rec);
  return call?.startedAt ?? d?.timeRecorded ?? d?.createTime ?? rec.created_at;
}

/** The recruiter whose call it was: the call's user, else the user of the recording's Webex person. */
export async function recruiterOfRecording(
  db: Kysely<DB> | Transaction<DB>,
  rec: Pick<Recording, 'owner_person_id'>,
  call: Pick<RecordingCall, 'userId'> | null,
): Promise<string | null> {
  if (call?.userId) return call.userId;
  if (!rec.owner_person_id) return null;
  const u = await db
    .selectFrom('users')
    .select('id')
    .where('webex_person_id', '=', rec.owner_person_id)
    .executeTakeFirst();
  return u?.id ?? null;
}
