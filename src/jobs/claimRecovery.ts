import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * Claims name the instance (`locked_by`) and the process run (`claim_boot`). An instance with a stable
 * identity (the service: host and listening address, or INSTANCE_ID) that starts again knows that the
 * claims of its earlier runs belong to a dead process and takes them back at once rather than after
 * their lease; another instance's claims are never touched.
 */

/** An identity no other process shares: without a stable one, a queue never reclaims anything early. */
export const ephemeralInstance = () => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/** Makes the running jobs claimed by `instance` in another boot than `boot` due at once; returns how many. */
export async function reclaimDeadClaims(db: Kysely<DB>, instance: string, boot: string): Promise<number> {
  const past = new Date(Date.now() - 1000).toISOString();
  const res = await db
    .updateTable('jobs')
    .set({ lease_until: past })
    .where('status', '=', 'running')
    .where('locked_by', '=', instance)
    .where((eb) => eb.or([eb('claim_boot', 'is', null), eb('claim_boot', '<>', boot)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
