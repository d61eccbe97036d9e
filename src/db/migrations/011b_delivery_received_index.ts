import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The hourly body pruner (src/webhooks/deliveryBodyPruner.ts) selects by age.
  await db.schema
    .createIndex('webhook_deliveries_received')
    .on('webhook_deliveries')
    .column('received_at')
    .execute();
}
