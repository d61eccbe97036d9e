import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import pg from 'pg';
import { AppError } from '../shared/errors.ts';
import type { Dialect } from './migrationHelpers.ts';
import * as m001 from './migrations/001_foundation.ts';
import * as m002 from './migrations/002_webex_connections.ts';
import * as m003 from './migrations/003_recordings.ts';
import * as m004 from './migrations/004_periodic_runs.ts';
import * as m005 from './migrations/005_jobs.ts';
import * as m006 from './migrations/006_live_event_sequence.ts';
import * as m007 from './migrations/007_job_priority.ts';
import type { DB } from './schema.ts';

export type { Dialect } from './migrationHelpers.ts';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Where the data lives, without credentials: safe to print. */
  describe: string;
  close(): Promise<void>;
}

const MIGRATIONS: Record<string, { up: (db: Kysely<unknown>, dialect: Dialect) => Promise<void> }> = {
  '001_foundation': m001,
  '002_webex_connections': m002,
  '003_recordings': m003,
  '004_periodic_runs': m004,
  '005_jobs': m005,
  '006_live_event_sequence': m006,
  '007_job_priority': m007,
};

export interface DatabaseOptions {
  /** PostgreSQL pool size per instance. */
  poolSize?: number;
  /** Errors of idle pooled connections (e.g. the server restarted); the pool replaces them. */
  onIdleError?: (err: Error) => void;
}

export function openDatabase(url: string, opts: DatabaseOptions = {}): Database {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    const inMemory = file === ':memory:';
    const path = inMemory ? file : resolve(file);
    if (!inMemory) mkdirSync(dirname(path), { recursive: true });
    let sqlite: SqliteDatabase.Database;
    try {
      sqlite = new SqliteDatabase(path);
    } catch (err) {
      throw new AppError(
        'database_unreachable',
        `SQLite-Datei ${path} kann nicht geöffnet werden: ${(err as Error).message}`,
        {
          status: 500,
          hint: 'Check DATABASE_URL and that the directory is writable.',
        },
      );
    }
    // WAL lets the SSE readers and the webhook writer proceed together; NORMAL sync is still durable
    // against process crashes (kill -9), which is what "persisted before acknowledged" must survive.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return {
      db,
      dialect: 'sqlite',
      describe: `SQLite ${path}`,
      close: () => db.destroy(),
    };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: opts.poolSize ?? 10,
      // int8 (bigserial ids, counts) as numbers: ids stay far below 2^53.
      types: {
        getTypeParser: (oid: number, format?: 'text' | 'binary') =>
          oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
      } as pg.CustomTypesConfig,
    });
    // Without a listener an idle connection dropped by the server (restart, failover) would crash the
    // process; the pool discards it and opens a new one on demand.
    pool.on('error', (err) => opts.onIdleError?.(err));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) });
    const u = new URL(url);
    return {
      db,
      dialect: 'postgres',
      describe: `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`,
      close: () => db.destroy(),
    };
  }
  throw new AppError('config_invalid', `DATABASE_URL "${url}" is neither sqlite:… nor postgres://…`, {
    status: 500,
  });
}

/**
 * Kysely prepares every query anew; on the webhook hot path preparing cost as much as running. The
 * handful of distinct SQL texts the service issues are prepared once and reused. Kysely runs one query
 * at a time on this connection, so a cached statement is never in use twice.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, max = 500) {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        // Queries with IN-lists of varying length make many texts; keep the cache bounded.
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

/**
 * PostgreSQL parses and plans every unnamed statement anew, which on the webhook hot path was a large
 * part of the server's CPU. Queries with parameters are sent as named prepared statements instead: each
 * connection parses a text once and reuses it. Texts are few (Kysely builds the same SQL for the same
 * query shape); past `max` distinct texts (IN-lists of varying length) the rest stay unnamed.
 */
function withNamedStatements(pool: pg.Pool, max = 400) {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name && names.size < max) {
      name = `cb_${names.size}`;
      names.set(text, name);
    }
    return name;
  };
  const patched = new WeakSet<pg.PoolClient>();
  return {
    options: pool.options,
    Client: pg.Client,
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect();
      if (!patched.has(client)) {
        patched.add(client);
        const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
        (client as { query: unknown }).query = (text: unknown, values?: unknown[]) => {
          const name = typeof text === 'string' && values && values.length > 0 ? nameOf(text) : undefined;
          return name ? query({ name, text, values }) : query(text, values);
        };
      }
      return client;
    },
  };
}

function migrator(database: Database): Migrator {
  return new Migrator({
    db: database.db,
    provider: {
      getMigrations: async () => {
        const out: Record<string, Migration> = {};
        for (const [name, mig] of Object.entries(MIGRATIONS)) {
          out[name] = { up: (db) => mig.up(db, database.dialect) };
        }
        return out;
      },
    },
  });
}

/** Applies pending migrations. Kysely holds a lock meanwhile, so concurrent instances migrate once. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const { error, results } = await migrator(database).migrateToLatest();
  if (error) {
    throw new AppError(
      'migration_failed',
      `Datenbank-Migration fehlgeschlagen: ${(error as Error).message}`,
      {
        status: 500,
        hint: 'Check that the database user may create tables; see the log for the failing migration.',
      },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function pendingMigrations(database: Database): Promise<string[]> {
  const all = await migrator(database).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

export async function ping(database: Database): Promise<void> {
  await sql`select 1`.execute(database.db);
}
