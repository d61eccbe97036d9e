import type { Kysely } from 'kysely';

/**
 * Schema nothing reads any more: `periodic_runs` (periodic jobs are keyed jobs in `jobs`, see
 * src/jobs/jobQueue.ts) and `recordings.lease_until` (a step's lease is its job's).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('periodic_runs').ifExists().execute();
  await db.schema.alterTable('recordings').dropColumn('lease_until').execute();
}
