import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, migrateToLatest, openDatabase } from '../../src/db/database.ts';
import { PeriodicJobs } from '../../src/jobs/periodicJobs.ts';
import { enforceTranscriptRetention } from '../../src/recordings/transcriptRetention.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.ts';

/** Periodic work runs once per period however many instances share the database. */
describe('periodic jobs across instances', () => {
  let database: TestDatabase;
  let a: Database;
  let b: Database;
  const log = createLogger({ level: 'silent' });

  beforeAll(async () => {
    database = await createTestDatabase();
    a = openDatabase(database.url);
    b = openDatabase(database.url);
    await migrateToLatest(a);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it('lets exactly one of two instances claim a period, and again one for the next period', async () => {
    const [ja, jb] = [new PeriodicJobs(a.db, log), new PeriodicJobs(b.db, log)];
    const now = Date.parse('2026-11-25T10:07:00.000Z');
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? ja : jb).claim('webhook-upkeep', 15 * 60_000, now)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const next = await Promise.all([
      ja.claim('webhook-upkeep', 15 * 60_000, now + 15 * 60_000),
      jb.claim('webhook-upkeep', 15 * 60_000, now + 15 * 60_000),
    ]);
    expect(next.filter(Boolean)).toHaveLength(1);
    // Another job is independent.
    expect(await ja.claim('transcript-retention', 86_400_000, now)).toBe(true);
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
