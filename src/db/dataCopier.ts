import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { AppError } from '../shared/errors.ts';
import { type Database, migrateToLatest } from './database.ts';

export interface TableReport {
  table: string;
  rows: number;
  sourceChecksum: string;
  targetChecksum: string;
  ok: boolean;
}

const BATCH = 500;
const SKIP = new Set(['kysely_migration', 'kysely_migration_lock']);

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

/** Where each backend keeps its tables, columns, primary keys and foreign keys. */
interface Catalog {
  tables(db: AnyDb): Promise<string[]>;
  columns(db: AnyDb, table: string): Promise<string[]>;
  primaryKey(db: AnyDb, table: string): Promise<string[]>;
  parents(db: AnyDb, table: string): Promise<string[]>;
}

const names = async (q: Promise<{ rows: { name: string }[] }>) => (await q).rows.map((r) => r.name);

const SQLITE: Catalog = {
  tables: (db) =>
    names(
      sql<{
        name: string;
      }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
        db,
      ),
    ),
  columns: (db, table) =>
    names(sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)),
  primaryKey: (db, table) =>
    names(
      sql<{ name: string }>`select name from pragma_table_info(${table}) where pk > 0 order by pk`.execute(
        db,
      ),
    ),
  parents: (db, table) =>
    names(sql<{ name: string }>`select "table" as name from pragma_foreign_key_list(${table})`.execute(db)),
};

const POSTGRES: Catalog = {
  tables: (db) =>
    names(
      sql<{
        name: string;
      }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(
        db,
      ),
    ),
  columns: (db, table) =>
    names(
      sql<{
        name: string;
      }>`select column_name as name from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position`.execute(
        db,
      ),
    ),
  primaryKey: (db, table) =>
    names(
      sql<{ name: string }>`
      select a.attname as name from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = ${table}::regclass and i.indisprimary`.execute(db),
    ),
  parents: (db, table) =>
    names(
      sql<{ name: string }>`
      select ccu.table_name as name from information_schema.table_constraints tc
      join information_schema.constraint_column_usage ccu on tc.constraint_name = ccu.constraint_name
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_name = ${table}`.execute(db),
    ),
};

/** Tables of the current schema and their columns, read from the source database itself. */
async function tablesOf(
  database: Database,
): Promise<{ name: string; columns: string[]; pk: string[]; parents: string[] }[]> {
  const db = database.db as unknown as AnyDb;
  const catalog = database.dialect === 'sqlite' ? SQLITE : POSTGRES;
  const out = [];
  for (const name of await catalog.tables(db)) {
    if (SKIP.has(name)) continue;
    out.push({
      name,
      columns: await catalog.columns(db, name),
      pk: await catalog.primaryKey(db, name),
      parents: (await catalog.parents(db, name)).filter((t) => t !== name),
    });
  }
  return out;
}

/** Parents before children, so foreign keys hold while copying. */
function dependencyOrder<T extends { name: string; parents: string[] }>(tables: T[]): T[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: T[] = [];
  const visit = (t: T, path: Set<string>) => {
    if (done.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const p of t.parents) {
      const parent = byName.get(p);
      if (parent) visit(parent, path);
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

const canon = (v: unknown): string => {
  if (v === null || v === undefined) return '\u0000';
  if (Buffer.isBuffer(v)) return `b:${v.toString('base64')}`;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (v instanceof Date) return v.toISOString();
  return String(v);
};

/** Order-independent checksum of a table: row count and the sum of row hashes modulo 2^52. */
async function checksum(
  database: Database,
  table: string,
  columns: string[],
  pk: string[],
): Promise<{ rows: number; sum: string }> {
  const db = database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  let total = 0n;
  let rows = 0;
  for (let offset = 0; ; offset += BATCH) {
    let q = db.selectFrom(table).select(columns);
    for (const k of pk.length ? pk : columns) q = q.orderBy(k);
    const page = await q.limit(BATCH).offset(offset).execute();
    for (const r of page) {
      const h = createHash('sha256')
        .update(columns.map((c) => canon(r[c])).join('\u0001'))
        .digest();
      total = (total + h.readBigUInt64BE(0)) % 2n ** 52n;
    }
    rows += page.length;
    if (page.length < BATCH) break;
  }
  return { rows, sum: total.toString(16) };
}

/**
 * Copies every table from one database to another (e.g. SQLite → PostgreSQL) and verifies each by row
 * count and checksum. The target is migrated first and must be empty: nothing is merged or overwritten.
 */
export async function copyData(
  source: Database,
  target: Database,
  onProgress: (msg: string) => void = () => {},
): Promise<TableReport[]> {
  await migrateToLatest(source);
  await migrateToLatest(target);
  const tables = dependencyOrder(await tablesOf(source));
  const tdb = target.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const sdb = source.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  for (const t of tables) {
    const n = await tdb
      .selectFrom(t.name)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n.n) > 0) {
      throw new AppError(
        'target_not_empty',
        `Ziel-Datenbank ist nicht leer: Tabelle ${t.name} hat ${n.n} Zeilen`,
        {
          hint: 'In eine frisch angelegte, leere Datenbank migrieren.',
        },
      );
    }
  }
  await target.db.transaction().execute(async (trx) => {
    const tx = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
    for (const t of tables) {
      let copied = 0;
      for (let offset = 0; ; offset += BATCH) {
        let q = sdb.selectFrom(t.name).select(t.columns);
        for (const k of t.pk.length ? t.pk : t.columns) q = q.orderBy(k);
        const page = await q.limit(BATCH).offset(offset).execute();
        if (page.length) await tx.insertInto(t.name).values(page).execute();
        copied += page.length;
        if (page.length < BATCH) break;
      }
      onProgress(`${t.name}: ${copied} Zeilen kopiert`);
    }
    if (target.dialect === 'postgres') {
      // Continue serial ids after the copied ones.
      for (const t of tables) {
        if (t.pk.length !== 1 || t.pk[0] !== 'id') continue;
        const seq = await sql<{
          seq: string | null;
        }>`select pg_get_serial_sequence(${t.name}, 'id') as seq`.execute(trx);
        const name = seq.rows[0]?.seq;
        if (name) {
          await sql`select setval(${name}, coalesce((select max(id) from ${sql.table(t.name)}), 0) + 1, false)`.execute(
            trx,
          );
        }
      }
    }
  });
  const reports: TableReport[] = [];
  for (const t of tables) {
    const [s, d] = await Promise.all([
      checksum(source, t.name, t.columns, t.pk),
      checksum(target, t.name, t.columns, t.pk),
    ]);
    reports.push({
      table: t.name,
      rows: s.rows,
      sourceChecksum: s.sum,
      targetChecksum: d.sum,
      ok: s.rows === d.rows && s.sum === d.sum,
    });
  }
  return reports;
}
