import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as taskTodos } from '../../src/db/migrations/012b_task_todos.ts';
import { up as noteCallLinks } from '../../src/db/migrations/012c_note_call_links.ts';
import { newId } from '../../src/shared/ids.ts';
import { storeCandidate } from '../support/records.ts';
import { type MigratedTestDb, openMigratedTestDb } from '../support/testDatabase.ts';

/** Data written before this version: migrations 012b and 012c bring it in line. */
describe('migrations 012b and 012c on older data', () => {
  let db: MigratedTestDb;

  beforeAll(async () => {
    db = await openMigratedTestDb();
  });
  afterAll(() => db?.dispose());

  it('rewords quotes into to-dos with the quote as detail and merges repeated open tasks', async () => {
    const keller = await storeCandidate(db.db, { firstName: 'Anna', lastName: 'Keller' });
    const task = (title: string, due: string, done: string | null = null) => ({
      id: newId(),
      record_type: 'candidate' as const,
      record_id: keller.id,
      recording_id: null,
      due_date: due,
      title,
      created_at: new Date().toISOString(),
      done_at: done,
    });
    await db.db
      .insertInto('tasks')
      .values([
        task('Ich stelle Sie bei zwei Kunden vor', '2026-12-08'),
        task('Ich stelle Sie bei zwei Kunden vor', '2026-12-08'),
        task('Ich stelle Sie bei zwei Kunden vor', '2026-12-08'),
        task('Profil an Brandt & Söhne schicken', '2026-12-10'),
        task('Ich rufe Sie an', '2026-11-01', '2026-11-01T10:00:00.000Z'),
      ])
      .execute();
    await taskTodos(db.db as never);
    const rows = await db.db
      .selectFrom('tasks')
      .select(['title', 'detail', 'mentions', 'due_date', 'done_at'])
      .where('record_id', '=', keller.id)
      .orderBy('due_date')
      .execute();
    expect(rows).toEqual([
      {
        title: 'Rückruf bei Anna Keller am So 01.11.',
        detail: 'Ich rufe Sie an',
        mentions: 1,
        due_date: '2026-11-01',
        done_at: '2026-11-01T10:00:00.000Z',
      },
      {
        title: 'Nachfassen bei Anna Keller am Di 08.12.',
        detail: 'Ich stelle Sie bei zwei Kunden vor',
        mentions: 3,
        due_date: '2026-12-08',
        done_at: null,
      },
      {
        title: 'Profil an Brandt & Söhne schicken',
        detail: null,
        mentions: 1,
        due_date: '2026-12-10',
        done_at: null,
      },
    ]);
  });

  it('links a note assigned from the inbox to its call, dates it by the call and ties the call to the record', async () => {
    const now = new Date().toISOString();
    const keller = await db.db.selectFrom('candidates').select('id').executeTakeFirstOrThrow();
    await db.db
      .insertInto('calls')
      .values({
        id: 'call-1',
        webex_call_id: 'w1',
        actor_person_id: 'p1',
        call_session_id: 'session-1',
        user_id: null,
        direction: 'incoming',
        state: 'ended',
        remote_number: '+4922155500',
        remote_name: null,
        remote_call_type: null,
        matched_type: null,
        matched_id: null,
        started_at: '2026-11-20T09:00:00.000Z',
        answered_at: null,
        ended_at: null,
        last_event_at: now,
        notes: null,
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    await db.db
      .insertInto('recordings')
      .values({
        id: 'rec-1',
        webex_recording_id: 'wr1',
        owner_person_id: null,
        step: 'done',
        status: 'done',
        attempts: 0,
        next_attempt_at: now,
        last_error: null,
        details_json: JSON.stringify({ serviceData: { callSessionId: 'session-1' } }),
        audio_path: null,
        transcript: null,
        extraction_json: null,
        flags_json: null,
        call_date: '2026-11-20',
        remote_number: '+4922155500',
        record_type: 'candidate',
        record_id: keller.id,
        inbox: 0,
        created_at: now,
        updated_at: now,
        applied_at: now,
        deleted_at_webex: null,
        done_at: now,
      } as never)
      .execute();
    await db.db
      .insertInto('timeline_entries')
      .values({
        id: 'entry-1',
        record_type: 'candidate',
        record_id: keller.id,
        recording_id: 'rec-1',
        call_id: null,
        summary: 'Zugeordnet aus dem Eingang',
        next_steps: '[]',
        transcript: null,
        created_at: '2026-11-25T15:00:00.000Z',
        occurred_at: '2026-11-25T15:00:00.000Z',
      })
      .execute();
    await noteCallLinks(db.db as never);
    const entry = await db.db
      .selectFrom('timeline_entries')
      .select(['call_id', 'occurred_at'])
      .where('id', '=', 'entry-1')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ call_id: 'call-1', occurred_at: '2026-11-20T09:00:00.000Z' });
    const call = await db.db
      .selectFrom('calls')
      .select(['matched_type', 'matched_id'])
      .where('id', '=', 'call-1')
      .executeTakeFirstOrThrow();
    expect(call).toEqual({ matched_type: 'candidate', matched_id: keller.id });
  });
});
