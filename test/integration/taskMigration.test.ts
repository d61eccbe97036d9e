import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCandidate } from '../../src/crm/candidateStore.ts';
import { type Database, migrateToLatest, openDatabase } from '../../src/db/database.ts';
import { up as taskTodos } from '../../src/db/migrations/012b_task_todos.ts';
import { newId } from '../../src/shared/ids.ts';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.ts';

/** Tasks written before owners and merging: one per call, worded as a quote. Migration 012b tidies them. */
describe('migration 012b: tasks as to-dos', () => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = openDatabase(database.url);
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('rewords quotes into to-dos with the quote as detail and merges repeated open tasks', async () => {
    const keller = await createCandidate(
      db.db,
      { defaultRegion: 'DE', minDigits: 4 },
      {
        firstName: 'Anna',
        lastName: 'Keller',
        email: null,
        position: null,
        status: 'neu',
        city: null,
        notes: null,
        phones: [],
      },
    );
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
});
