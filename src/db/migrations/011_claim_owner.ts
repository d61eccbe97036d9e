import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // `locked_by` names the instance (stable across its restarts), `claim_boot` the process run that
  // claimed: a restarted instance recognises claims of its own earlier, dead run and takes them back at
  // once instead of waiting for their lease (src/jobs/jobQueue.ts, reclaimOwnDeadClaims).
  await db.schema.alterTable('jobs').addColumn('claim_boot', 'text').execute();
  await db.schema.createIndex('jobs_locked_by').on('jobs').columns(['locked_by', 'status']).execute();
}
