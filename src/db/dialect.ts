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
