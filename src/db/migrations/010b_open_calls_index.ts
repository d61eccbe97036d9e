import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The stale-call job looks every minute for calls still ringing or in progress without a recent event;
  // without this it would read the whole call history each time.
  await db.schema
    .createIndex('calls_state_last_event')
    .on('calls')
    .columns(['state', 'last_event_at'])
    .execute();
}
