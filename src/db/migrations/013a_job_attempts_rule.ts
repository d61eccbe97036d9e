import type { Kysely } from 'kysely';

/** How often a job may run is its type's `maxAttempts` (src/jobs/jobQueue.ts), not a copy per row. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').dropColumn('max_attempts').execute();
}
