import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // What a recruiter is typing on a call screen, saved while typing: it must survive a reload, a crashed
  // tab and a second device, and is removed once the note is saved. One per call and user.
  await db.schema
    .createTable('call_note_drafts')
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('call_note_drafts_pk', ['call_id', 'user_id'])
    .execute();
  // A pop-up a user closed stays closed in every tab and device, whatever the call does next.
  await db.schema
    .createTable('call_dismissals')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('dismissed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('call_dismissals_pk', ['user_id', 'call_id'])
    .execute();
  // 1 when the linked record is certain (the only match of the number, or chosen by a person); a call
  // from a number on several records is linked to the first only for display, and its recording's note
  // must not go there unless someone chose it. Existing calls keep their behaviour.
  await db.schema
    .alterTable('calls')
    .addColumn('record_confirmed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update calls set record_confirmed = 1 where matched_id is not null`.execute(db);
}
