import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { SWEEPER_MAX_ATTEMPTS } from './deliveryIntake.ts';

/**
 * What the delivery body pruner keeps and for how long; listed with the other retention periods
 * (doctor, docs/security.md).
 */
export const DELIVERY_RETENTION = {
  /** The raw body (caller numbers and names) of a delivery that no longer needs it. */
  bodyHoursSetting: 'WEBHOOK_BODY_RETENTION_HOURS',
  /**
   * The row itself, i.e. the dedupe identity (`dedup_key`) with status and outcome: Webex retries a
   * delivery for hours, not weeks, so a redelivery is recognised long after its body is gone.
   */
  identityDays: 30,
} as const;

export interface PruneResult {
  /** Deliveries whose body was removed. */
  bodies: number;
  /** Rows removed altogether (older than the dedupe period). */
  rows: number;
}

/**
 * Removes raw webhook bodies older than `bodyHours` and whole delivery rows older than
 * DELIVERY_RETENTION.identityDays. A delivery still waiting to be applied keeps its body (the sweeper
 * needs it) unless the sweeper has given up on it.
 */
export async function pruneDeliveryBodies(
  db: Kysely<DB>,
  bodyHours: number,
  now = Date.now(),
): Promise<PruneResult> {
  const bodyCutoff = new Date(now - bodyHours * 3600_000).toISOString();
  const rowCutoff = new Date(now - DELIVERY_RETENTION.identityDays * 86_400_000).toISOString();
  return db.transaction().execute(async (trx) => {
    const bodies = await trx
      .updateTable('webhook_deliveries')
      .set({ body: '' })
      .where('received_at', '<', bodyCutoff)
      .where('body', '<>', '')
      .where((eb) => eb.or([eb('status', '<>', 'pending'), eb('attempts', '>=', SWEEPER_MAX_ATTEMPTS)]))
      .executeTakeFirst();
    const rows = await trx
      .deleteFrom('webhook_deliveries')
      .where('received_at', '<', rowCutoff)
      .where((eb) => eb.or([eb('status', '<>', 'pending'), eb('attempts', '>=', SWEEPER_MAX_ATTEMPTS)]))
      .executeTakeFirst();
    return { bodies: Number(bodies.numUpdatedRows), rows: Number(rows.numDeletedRows) };
  });
}
