import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Due jobs are claimed highest priority first, then oldest. The recordings pipeline gives later steps
  // higher priority, so a recording that has started runs to its end before the next one is downloaded:
  // after an outage, a backlog of recordings does not put every audio file on disk at once.
  await db.schema
    .alterTable('jobs')
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
