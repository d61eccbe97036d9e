import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import { newId } from '../shared/ids.ts';
import type { WebhookResource } from '../webhooks/webhookResource.ts';
import { enqueueRecordingStep } from './recordingPipeline.ts';
import { newRecordingRow } from './recordingRow.ts';

/**
 * A recording CallBridge has not seen yet becomes a pipeline row and the job of its first step, in the
 * caller's transaction. Returns the new row's id, or null when the recording is known already.
 */
export async function queueRecording(
  trx: Transaction<DB>,
  input: { webexRecordingId: string; ownerPersonId: string | null; source: 'webhook' | 'reconciliation' },
): Promise<string | null> {
  const now = new Date().toISOString();
  const inserted = await trx
    .insertInto('recordings')
    .values(
      newRecordingRow(
        { id: newId(), webex_recording_id: input.webexRecordingId, owner_person_id: input.ownerPersonId },
        now,
      ),
    )
    .onConflict((oc) => oc.column('webex_recording_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  await trx
    .insertInto('recording_audit')
    .values({ recording_id: inserted.id, at: now, event: 'received', detail: input.source })
    .execute();
  await enqueueRecordingStep(trx, inserted.id, 'details');
  return inserted.id;
}

const recordingData = z
  .object({ id: z.string().min(1), ownerId: z.string().nullish(), actorId: z.string().nullish() })
  .loose();

/**
 * The `convergedRecordings` webhook resource: the recording becomes a pipeline row and its first job in
 * the delivery's own transaction, so an acknowledged delivery always has its pipeline. Seen again →
 * nothing new. `applied` runs after each delivery is applied (still inside its transaction).
 */
export function convergedRecordingsResource(
  deps: { applied?: () => void } = {},
): WebhookResource<z.infer<typeof recordingData>> {
  return {
    resource: 'convergedRecordings',
    schema: recordingData,
    dedupeKey: (d, envelope) => `${d.id}|${envelope.event}`,
    lockKey: (d) => d.id,
    apply: async (trx, { envelope, data: d }) => {
      const id = await queueRecording(trx, {
        webexRecordingId: d.id,
        ownerPersonId: d.ownerId ?? d.actorId ?? envelope.actorId ?? envelope.createdBy ?? null,
        source: 'webhook',
      });
      deps.applied?.();
      return { status: 'processed', outcome: id ? 'recording queued' : 'recording known', live: [] };
    },
  };
}
