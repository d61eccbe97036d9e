import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { type Database, type DatabaseOptions, migrateToLatest, openDatabase } from '../../src/db/database.ts';
import type { DB } from '../../src/db/schema.ts';

/**
 * A fresh, empty database for one test file on the backend chosen by CB_TEST_DB (sqlite | postgres).
 * PostgreSQL tests get their own database on the local server, dropped afterwards.
 */
export interface TestDatabase {
  url: string;
  kind: 'sqlite' | 'postgres';
  drop(): Promise<void>;
}

export const testBackend = (): 'sqlite' | 'postgres' =>
  process.env['CB_TEST_DB'] === 'postgres' ? 'postgres' : 'sqlite';

const PG_ADMIN_URL = process.env['CB_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testBackend() === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'cb-test-'));
    return {
      url: `sqlite:${join(dir, 'callbridge.db')}`,
      kind: 'sqlite',
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `cb_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: 'postgres',
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A test database, migrated and open; `dispose()` closes the connection and drops the database. */
export type MigratedTestDb = Database & { url: string; dispose(): Promise<void> };

export async function openMigratedTestDb(opts: DatabaseOptions = {}): Promise<MigratedTestDb> {
  const database = await createTestDatabase();
  const db = openDatabase(database.url, opts);
  await migrateToLatest(db);
  return Object.assign(db, {
    url: database.url,
    async dispose() {
      await db.close();
      await database.drop();
    },
  });
}

/**
 * A test database, migrated and closed again: for tests that start CallBridge as a process of its own
 * and look at the database through `withTestDb`.
 */
export async function createMigratedTestDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  await withTestDb(database.url, async (_db, d) => migrateToLatest(d));
  return database;
}

/** Runs `fn` on a connection of its own to the database at `url`, closed afterwards. */
export async function withTestDb<T>(
  url: string,
  fn: (db: Kysely<DB>, database: Database) => Promise<T>,
): Promise<T> {
  const d = openDatabase(url, { poolSize: 1 });
  try {
    return await fn(d.db, d);
  } finally {
    await d.close();
  }
}
