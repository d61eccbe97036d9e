import type { Transaction } from 'kysely';
import type { Config } from '../config/config.ts';
import type { DB } from '../db/schema.ts';
import { enqueueJob } from '../jobs/jobQueue.ts';

export const LEGACY_FORWARD_JOB = 'legacy.forward';

/**
 * With LEGACY_BACKEND_URL set, an applied call note is queued for the old backend in the transaction
 * that applies it (apply step, inbox assignment); src/legacy/legacyForwarder.ts sends it.
 */
export function enqueueLegacyForward(
  trx: Transaction<DB>,
  config: Pick<Config, 'legacyBackendUrl'>,
  recordingId: string,
  reason: 'apply' | 'assigned',
) {
  if (!config.legacyBackendUrl) return Promise.resolve(null);
  return enqueueJob(trx, {
    type: LEGACY_FORWARD_JOB,
    key: `legacy:${recordingId}:${reason}`,
    payload: { recordingId, reason },
  });
}
