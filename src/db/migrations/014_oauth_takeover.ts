import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // An admin who confirmed taking over a line another user has: the consent round started with that
  // choice may relink exactly this Webex person (src/webex/lineOwnership.ts).
  await db.schema.alterTable('oauth_states').addColumn('takeover_person_id', 'text').execute();
}
