import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Objection to / consent for recording and transcription, as a history: the latest event of each kind
  // decides. A person is a lead (its contact) or a candidate; an event set on the call screen of a
  // caller who matches nobody belongs to that call only.
  await db.schema
    .createTable('consent_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_type', 'text')
    .addColumn('record_id', 'text')
    .addColumn('call_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('by_user_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consent_events_record')
    .on('consent_events')
    .columns(['record_type', 'record_id', 'at'])
    .execute();
  await db.schema.createIndex('consent_events_call').on('consent_events').column('call_id').execute();

  // Erasures (Art. 17): what is to be erased sits in targets_json until the job has finished, then only
  // the tombstone stays — that an erasure happened, when, by whom, and how many items it removed.
  await db.schema
    .createTable('erasures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('targets_json', 'text')
    .addColumn('summary_json', 'text')
    .execute();

  // Why a recording was deleted unread (objection, no consent, unknown caller, erasure), and how Webex
  // confirmed the deletion.
  for (const col of ['privacy_block', 'privacy_blocked_at', 'deletion_confirmation'])
    await db.schema.alterTable('recordings').addColumn(col, 'text').execute();
}
