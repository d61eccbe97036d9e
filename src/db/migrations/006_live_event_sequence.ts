import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../migrationHelpers.ts';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  // `seq` is the id browsers see (SSE `id:`, Last-Event-ID). It is given in commit order: on SQLite at
  // insert (one writer at a time), on PostgreSQL by the sequencer after the event's transaction committed
  // (src/live/liveEventSequencer.ts), so webhook transactions no longer wait on each other to commit.
  await db.schema.alterTable('live_events').addColumn('seq', 'bigint').execute();
  await sql`update live_events set seq = id`.execute(db);
  await db.schema.createIndex('live_events_seq').on('live_events').column('seq').unique().execute();
  if (dialect === 'postgres') {
    await sql`create index live_events_unsequenced on live_events (id) where seq is null`.execute(db);
  }
}
