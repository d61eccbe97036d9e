import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { enforceTranscriptRetention } from '../../src/privacy/transcriptRetention.ts';
import { type MigratedTestDb, openMigratedTestDb } from '../support/testDatabase.ts';

/** Daily transcript retention (scheduled once per day across instances, see jobQueue.test.ts). */
describe('transcript retention', () => {
  let a: MigratedTestDb;
  let b: Database;

  beforeAll(async () => {
    a = await openMigratedTestDb();
    b = openDatabase(a.url);
  });
  afterAll(async () => {
    await b?.close();
    await a?.dispose();
  });

  it('removes transcripts past the retention period and keeps the rest', async () => {
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const fresh = new Date().toISOString();
    for (const [id, created] of [
      ['old', old],
      ['fresh', fresh],
    ] as const) {
      await a.db
        .insertInto('timeline_entries')
        .values({
          id,
          record_type: 'lead',
          record_id: 'x',
          recording_id: id,
          call_id: null,
          summary: 's',
          next_steps: '[]',
          transcript: 'Hallo …',
          created_at: created,
        })
        .execute();
    }
    expect(await enforceTranscriptRetention(a.db, undefined)).toBe(0);
    expect(await enforceTranscriptRetention(a.db, 30)).toBe(1);
    const rows = await a.db
      .selectFrom('timeline_entries')
      .select(['id', 'transcript', 'summary'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: 'fresh', transcript: 'Hallo …', summary: 's' },
      { id: 'old', transcript: null, summary: 's' },
    ]);
  });
});
