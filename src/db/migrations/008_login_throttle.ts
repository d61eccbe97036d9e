import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Login and API-key attempts per account and per client address, in the database so that every
  // instance counts against the same limit. One row per key and fixed window; pruned hourly.
  await db.schema
    .createTable('auth_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('auth_throttle_window').on('auth_throttle').column('window_start').execute();
}
