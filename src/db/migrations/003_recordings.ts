import type { Kysely } from 'kysely';
import { autoId, type Dialect } from '../migrationHelpers.ts';

export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  // One row per Webex recording, carrying its pipeline step; each step's result is committed with the
  // move to the next step, so a restart resumes where it stopped.
  await db.schema
    .createTable('recordings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('webex_recording_id', 'text', (c) => c.notNull().unique())
    .addColumn('owner_person_id', 'text')
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('details_json', 'text')
    .addColumn('audio_path', 'text')
    .addColumn('transcript', 'text')
    .addColumn('extraction_json', 'text')
    .addColumn('flags_json', 'text')
    .addColumn('call_date', 'text')
    .addColumn('remote_number', 'text')
    .addColumn('record_type', 'text')
    .addColumn('record_id', 'text')
    .addColumn('inbox', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text')
    .addColumn('deleted_at_webex', 'text')
    .addColumn('done_at', 'text')
    .execute();
  await db.schema
    .createIndex('recordings_due')
    .on('recordings')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema.createIndex('recordings_inbox').on('recordings').columns(['inbox', 'created_at']).execute();

  await autoId(db.schema.createTable('recording_audit'), dialect)
    .addColumn('recording_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .execute();
  await db.schema
    .createIndex('recording_audit_recording')
    .on('recording_audit')
    .column('recording_id')
    .execute();

  await db.schema
    .createTable('timeline_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('recording_id', 'text', (c) => c.unique())
    .addColumn('call_id', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('next_steps', 'text', (c) => c.notNull())
    .addColumn('transcript', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('timeline_record')
    .on('timeline_entries')
    .columns(['record_type', 'record_id'])
    .execute();

  await db.schema
    .createTable('suggestions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('candidates.id').onDelete('cascade'))
    .addColumn('recording_id', 'text')
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('current_value', 'text')
    .addColumn('suggested_value', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('suggestions_candidate')
    .on('suggestions')
    .columns(['candidate_id', 'status'])
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('recording_id', 'text')
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .execute();

  // What calls tell about a candidate; JSON for the structured values, text for the rest.
  for (const [col, type] of [
    ['current_position', 'text'],
    ['current_employer', 'text'],
    ['current_salary_eur', 'integer'],
    ['salary_expectation', 'text'],
    ['notice_period', 'text'],
    ['available_from', 'text'],
    ['willing_to_relocate', 'integer'],
    ['work_model', 'text'],
    ['preferred_locations', 'text'],
    ['skills', 'text'],
  ] as const) {
    await db.schema.alterTable('candidates').addColumn(col, type).execute();
  }
}
