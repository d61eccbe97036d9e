import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCandidate } from '../../src/crm/candidateStore.ts';
import { type Database, migrateToLatest, openDatabase } from '../../src/db/database.ts';
import { emptyExtraction } from '../../src/extraction/index.ts';
import { eraseTraces } from '../../src/privacy/personEraser.ts';
import { findTraces } from '../../src/privacy/personTraces.ts';
import { moveAssignment } from '../../src/recordings/assignmentMover.ts';
import { recordingRow } from '../support/stepTestDb.ts';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.ts';

const rules = { defaultRegion: 'DE' as const, minDigits: 4 };
const candidate = (firstName: string, lastName: string) => ({
  firstName,
  lastName,
  email: null,
  position: null,
  status: 'neu' as const,
  city: null,
  notes: null,
  phones: [],
});

/**
 * A call wrongly filed at one person and moved to another leaves the first person's name in the second
 * record's history ("war bei Kandidat „…“"). Erasing the first person must not leave it there.
 */
describe('erasure and the history of other records', () => {
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

  it("removes the erased person's name from a moved call's entry on the other record", async () => {
    const wrong = await createCandidate(db.db, rules, candidate('Maximilian', 'Mustermann-Quast'));
    const right = await createCandidate(db.db, rules, candidate('Erika', 'Beispiel'));
    await db.db
      .insertInto('recordings')
      .values(
        recordingRow({
          id: 'rec-moved',
          step: 'delete',
          status: 'done',
          record_type: 'candidate',
          record_id: wrong.id,
          extraction_json: JSON.stringify({ ...emptyExtraction('candidate'), summary: 'Gespräch' }),
        }),
      )
      .execute();
    await moveAssignment(
      db.db,
      'rec-moved',
      { type: 'candidate', id: right.id },
      { userId: 'u1', name: 'Milad' },
    );
    const before = await db.db
      .selectFrom('record_events')
      .select('text')
      .where('record_id', '=', right.id)
      .execute();
    // The history names where the call was before.
    expect(before.map((e) => e.text).join('\n')).toContain('Mustermann-Quast');

    const traces = await findTraces(db.db, { person: { type: 'candidate', id: wrong.id } });
    await db.db.transaction().execute((trx) => eraseTraces(trx, traces));

    const after = await db.db.selectFrom('record_events').select(['record_id', 'text']).execute();
    expect(after.filter((e) => /Mustermann|Maximilian/.test(e.text))).toEqual([]);
    // The other record keeps its history entry, without the name.
    expect(
      after
        .filter((e) => e.record_id === right.id)
        .map((e) => e.text)
        .join('\n'),
    ).toContain('hierher verschoben');
  });
});
