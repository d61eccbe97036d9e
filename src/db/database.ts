import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import pg from 'pg';
import { AppError, ConfigError } from '../shared/errors.ts';
import { ensurePrivateDir, ensurePrivateFile } from '../shared/privateFiles.ts';
import { germanSortKey } from './dialect.ts';
import type { Dialect } from './migrationHelpers.ts';
import * as m001 from './migrations/001_foundation.ts';
import * as m002 from './migrations/002_webex_connections.ts';
import * as m003 from './migrations/003_recordings.ts';
import * as m004 from './migrations/004_periodic_runs.ts';
import * as m005 from './migrations/005_jobs.ts';
import * as m006 from './migrations/006_live_event_sequence.ts';
import * as m007 from './migrations/007_job_priority.ts';
import * as m008 from './migrations/008_login_throttle.ts';
import * as m009 from './migrations/009_privacy.ts';
import * as m010 from './migrations/010_call_screen.ts';
import * as m010b from './migrations/010b_open_calls_index.ts';
import * as m011 from './migrations/011_claim_owner.ts';
import * as m011b from './migrations/011b_delivery_received_index.ts';
import * as m012 from './migrations/012_record_history.ts';
import * as m012b from './migrations/012b_task_todos.ts';
import * as m012c from './migrations/012c_note_call_links.ts';
import * as m013a from './migrations/013a_job_attempts_rule.ts';
import * as m013b from './migrations/013b_dead_schema.ts';
import * as m014 from './migrations/014_oauth_takeover.ts';
import type { DB } from './schema.ts';

export type { Dialect } from './migrationHelpers.ts';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** Where the data lives, without credentials: safe to print. */
  describe: string;
  /** PostgreSQL: the server and database from DATABASE_URL (no credentials), for error messages. */
  server?: { host: string; port: number; name: string };
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
  '008_login_throttle': m008,
  '009_privacy': m009,
  '011_claim_owner': m011,
  '011b_delivery_received_index': m011b,
  '012_record_history': m012,
  '012b_task_todos': m012b,
  '012c_note_call_links': m012c,
  '013a_job_attempts_rule': m013a,
  '013b_dead_schema': m013b,
  '010_call_screen': m010,
  '010b_open_calls_index': m010b,
  '014_oauth_takeover': m014,
};

export interface DatabaseOptions {
  /** PostgreSQL pool size per instance. */
  poolSize?: number;
  /** Errors of idle pooled connections (e.g. the server restarted); the pool replaces them. */
  onIdleError?: (err: Error) => void;
  /**
   * SQLite: refuse a file that does not exist instead of creating it (and its directory). For commands
   * that only read or change existing data, where a new file can only mean a mistyped DATABASE_URL.
   */
  mustExist?: boolean;
}

export function openDatabase(url: string, opts: DatabaseOptions = {}): Database {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    const inMemory = file === ':memory:';
    const path = inMemory ? file : resolve(file);
    if (!inMemory && opts.mustExist && !existsSync(path)) {
      throw new ConfigError(
        `SQLite-Datenbank ${path} gibt es nicht (DATABASE_URL=${url})`,
        'DATABASE_URL prüfen (Tippfehler im Pfad?). Eine neue Datenbank legen `callbridge migrate` oder `callbridge serve` an.',
        undefined,
        'database_missing',
      );
    }
    if (!inMemory) {
      // Personal data: the file is created 0600 (its -wal and -shm inherit that), its directory 0700.
      ensurePrivateDir(dirname(path));
      if (!opts.mustExist) ensurePrivateFile(path);
    }
    let sqlite: SqliteDatabase.Database;
    try {
      sqlite = new SqliteDatabase(path, { fileMustExist: Boolean(opts.mustExist) && !inMemory });
    } catch (err) {
      throw new AppError(
        'database_unreachable',
        `SQLite-Datei ${path} kann nicht geöffnet werden: ${(err as Error).message}`,
        {
          status: 500,
          hint: 'DATABASE_URL prüfen und ob das Verzeichnis beschreibbar ist.',
        },
      );
    }
    // WAL lets the SSE readers and the webhook writer proceed together; NORMAL sync is still durable
    // against process crashes (kill -9), which is what "persisted before acknowledged" must survive.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    // Deleted rows are overwritten, not left in free pages: an erasure (Art. 17) leaves no trace in the file.
    sqlite.pragma('secure_delete = ON');
    // SQLite's lower() folds A–Z only, so a search for "Özdemir" missed "Özdemir" (PostgreSQL folds
    // every letter): the same lower-casing as JavaScript's, which lower-cases the search term.
    sqlite.function('lower', { deterministic: true }, (v: unknown) =>
      typeof v === 'string' ? v.toLowerCase() : v,
    );
    sqlite.function('german_sort_key', { deterministic: true }, (v: unknown) =>
      typeof v === 'string' ? germanSortKey(v) : v,
    );
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
    const server = {
      host: u.hostname || 'localhost',
      port: Number(u.port) || 5432,
      name: decodeURIComponent(u.pathname.slice(1)),
    };
    return {
      db,
      dialect: 'postgres',
      describe: `PostgreSQL ${server.host}:${server.port}${u.pathname}`,
      server,
      close: () => db.destroy(),
    };
  }
  throw new ConfigError(`DATABASE_URL "${url}" ist weder sqlite:… noch postgres://…`);
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
]);

/**
 * A failure to reach or log in to the database server, said as such (with host and port, never the
 * password) and with how to check it; null for any other error.
 */
export function connectionProblem(err: unknown, database: Database): AppError | null {
  const s = database.server;
  if (!s) return null;
  const e = err as { code?: unknown; message?: unknown; errors?: { code?: unknown }[] };
  const code =
    typeof e?.code === 'string' ? e.code : typeof e?.errors?.[0]?.code === 'string' ? e.errors[0].code : '';
  const where = `${s.host}:${s.port}`;
  if (NETWORK_CODES.has(code)) {
    return new AppError(
      'database_unreachable',
      code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? `PostgreSQL-Server ${where} nicht erreichbar: Rechnername ${s.host} unbekannt (${code})`
        : `PostgreSQL-Server ${where} nicht erreichbar (${code})`,
      {
        status: 503,
        hint: `Host und Port in DATABASE_URL prüfen und ob der Server läuft, z. B. mit \`pg_isready -h ${s.host} -p ${s.port}\`.`,
      },
    );
  }
  // SQLSTATE 28000/28P01: login refused; 3D000: no such database.
  if (code === '28000' || code === '28P01') {
    return new AppError(
      'database_login_refused',
      `PostgreSQL ${where} lehnt die Anmeldung ab: ${String(e.message)}`,
      {
        status: 503,
        hint: 'Benutzer und Passwort in DATABASE_URL prüfen (und pg_hba.conf des Servers).',
      },
    );
  }
  if (code === '3D000') {
    return new AppError('database_missing', `Datenbank „${s.name}“ gibt es auf ${where} nicht`, {
      status: 503,
      hint: `Den Namen in DATABASE_URL prüfen oder die Datenbank anlegen, z. B. \`createdb -h ${s.host} -p ${s.port} ${s.name}\`.`,
    });
  }
  return null;
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
    // Branches land their migrations in any order of their numbers (each has its own prefix): a
    // database that already ran a later number still takes an earlier one that arrived after it.
    allowUnorderedMigrations: true,
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
    throw (
      connectionProblem(error, database) ??
      new AppError('migration_failed', `Datenbank-Migration fehlgeschlagen: ${(error as Error).message}`, {
        status: 500,
        hint: 'Prüfen, ob der Datenbankbenutzer Tabellen anlegen darf; die fehlgeschlagene Migration steht im Log.',
      })
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function pendingMigrations(database: Database): Promise<string[]> {
  const all = await migrator(database).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

export async function ping(database: Database): Promise<void> {
  try {
    await sql`select 1`.execute(database.db);
  } catch (err) {
    throw connectionProblem(err, database) ?? err;
  }
}
