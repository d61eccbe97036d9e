import { z } from 'zod';
import { newId } from '../shared/ids.ts';
import type { DeliveryHandler } from '../webhooks/deliveryIntake.ts';

const data = z
  .object({ id: z.string().min(1), ownerId: z.string().nullish(), actorId: z.string().nullish() })
  .loose();

/**
 * Webhook handler for `convergedRecordings`: the recording becomes a pipeline row in the delivery's own
 * transaction, so an acknowledged delivery always has its pipeline. Seen again → nothing new.
 */
export const recordingHandler: DeliveryHandler = async (trx, envelope) => {
  const d = data.parse(envelope.data);
  const now = new Date().toISOString();
  const inserted = await trx
    .insertInto('recordings')
    .values({
      id: newId(),
      webex_recording_id: d.id,
      owner_person_id: d.ownerId ?? d.actorId ?? envelope.actorId ?? envelope.createdBy ?? null,
      step: 'details',
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      lease_until: null,
      last_error: null,
      details_json: null,
      audio_path: null,
      transcript: null,
      extraction_json: null,
      flags_json: null,
      call_date: null,
      remote_number: null,
      record_type: null,
      record_id: null,
      inbox: 0,
      created_at: now,
      updated_at: now,
      applied_at: null,
      deleted_at_webex: null,
      done_at: null,
    })
    .onConflict((oc) => oc.column('webex_recording_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) {
    await trx
      .insertInto('recording_audit')
      .values({ recording_id: inserted.id, at: now, event: 'received', detail: 'webhook' })
      .execute();
  }
  return { status: 'processed', outcome: inserted ? 'recording queued' : 'recording known', live: [] };
};
