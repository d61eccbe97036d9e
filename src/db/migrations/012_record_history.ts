import { type Kysely, sql } from 'kysely';

/**
 * The record as the one place of a recruiter's work: notes dated by their call, a history of
 * assignments and corrections, soft-discarded inbox entries (undo), decided suggestions that can be
 * undone, and tasks with an owner, a source call and merged mentions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('timeline_entries').addColumn('occurred_at', 'text').execute();
  // Which candidate fields this note filled ({column: value}); moving the note empties them again.
  await db.schema.alterTable('timeline_entries').addColumn('filled_json', 'text').execute();
  await sql`update timeline_entries set occurred_at = coalesce(
      (select c.started_at from calls c where c.id = timeline_entries.call_id), created_at)`.execute(db);

  await db.schema.alterTable('recordings').addColumn('discarded_at', 'text').execute();
  await db.schema.alterTable('recordings').addColumn('discarded_by', 'text').execute();

  await db.schema.alterTable('suggestions').addColumn('decided_at', 'text').execute();
  // What the field held when the suggestion was accepted: "Rückgängig" puts it back.
  await db.schema.alterTable('suggestions').addColumn('replaced_value', 'text').execute();

  for (const col of ['owner_user_id', 'call_id', 'detail', 'done_by'])
    await db.schema.alterTable('tasks').addColumn(col, 'text').execute();
  await db.schema
    .alterTable('tasks')
    .addColumn('mentions', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('tasks_record').on('tasks').columns(['record_type', 'record_id']).execute();
  await db.schema.createIndex('tasks_owner_due').on('tasks').columns(['owner_user_id', 'due_date']).execute();

  await db.schema
    .createTable('record_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text')
    .addColumn('recording_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_events_record')
    .on('record_events')
    .columns(['record_type', 'record_id', 'occurred_at'])
    .execute();
}
