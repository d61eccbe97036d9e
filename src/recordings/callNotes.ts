import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** The notes a call's recording became, newest first (none until the recording is processed). */
export function callNotesOf(db: Kysely<DB>, callId: string) {
  return db
    .selectFrom('timeline_entries')
    .selectAll()
    .where('call_id', '=', callId)
    .orderBy('created_at', 'desc')
    .execute();
}

export type CallNote = Awaited<ReturnType<typeof callNotesOf>>[number];
