import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** A candidate's suggestions, each with the time and call of the conversation it came from. */
export function suggestionsOf(db: Kysely<DB>, candidateId: string) {
  return db
    .selectFrom('suggestions as s')
    .leftJoin('timeline_entries as t', 't.recording_id', 's.recording_id')
    .select([
      's.id',
      's.field',
      's.suggested_value',
      's.current_value',
      's.status',
      's.decided_at',
      's.evidence',
      's.created_at',
      't.occurred_at',
      't.call_id',
    ])
    .where('s.candidate_id', '=', candidateId);
}

/** The suggestions still waiting for the recruiter's decision, oldest first. */
export function openSuggestions(db: Kysely<DB>, candidateId: string) {
  return suggestionsOf(db, candidateId).where('s.status', '=', 'open').orderBy('s.created_at').execute();
}
