import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { Dialect } from './migrationHelpers.ts';

/**
 * Where SQLite and PostgreSQL differ, for code outside src/db/: callers hand over the connection or
 * transaction they already have instead of carrying a dialect around.
 */

// biome-ignore lint/suspicious/noExplicitAny: any schema; only the connection's adapter is read.
type AnyDb = Kysely<any>;

/** The backend behind a connection or transaction. */
export function dialectOf(db: AnyDb): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * `FOR UPDATE` on PostgreSQL: the selected rows stay locked until the transaction ends, so concurrent
 * transactions on other instances take turns. SQLite has no such clause and needs none: it runs one
 * write transaction at a time.
 */
export function forUpdate<Q extends { forUpdate(): Q }>(db: AnyDb, query: Q): Q {
  return dialectOf(db) === 'postgres' ? query.forUpdate() : query;
}

/**
 * The locking clause that lets several claimers each take different rows (`FOR UPDATE SKIP LOCKED`), for
 * raw SQL; empty on SQLite, where the one writer makes a claiming statement atomic by itself.
 */
export function forUpdateSkipLocked(db: AnyDb): RawBuilder<unknown> {
  return dialectOf(db) === 'postgres' ? sql`for update skip locked` : sql``;
}

const ACCENTED = 'ÄÖÜäöüÁÀÂÉÈÊÍÌÎÓÒÔÚÙÛáàâéèêíìîóòôúùûÇçÑñ';
const PLAIN = 'AOUaouAAAEEEIIIOOOUUUaaaeeeiiiooouuuCcNn';

/**
 * How a German reader expects names listed: "Özdemir" under O, "von Aue" under v, case ignored. Byte
 * order (SQLite, and PostgreSQL with the C collation) puts every umlaut and every lower-case name after Z.
 */
export function germanSortKey(text: string): string {
  let out = '';
  for (const ch of text) {
    const i = ACCENTED.indexOf(ch);
    out += i >= 0 ? PLAIN[i] : ch === 'ß' ? 'ss' : ch;
  }
  return out.toLowerCase();
}

/** A column as an ORDER BY key in German order, the same on both backends (SQLite: a registered function). */
export function germanOrder(db: AnyDb, column: string): RawBuilder<string> {
  return dialectOf(db) === 'postgres'
    ? sql<string>`lower(replace(translate(${sql.ref(column)}, ${ACCENTED}, ${PLAIN}), 'ß', 'ss'))`
    : sql<string>`german_sort_key(${sql.ref(column)})`;
}
