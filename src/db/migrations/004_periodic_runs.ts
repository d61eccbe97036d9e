import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per periodic job and period: the instance that inserts it runs the job, the others skip.
  await db.schema
    .createTable('periodic_runs')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('instance', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('periodic_runs_pk', ['job', 'period'])
    .execute();
}
