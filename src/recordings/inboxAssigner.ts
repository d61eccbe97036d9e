import type { Kysely } from 'kysely';
import type { Config } from '../config/config.ts';
import { addRecordEvent } from '../crm/recordEvents.ts';
import type { DB } from '../db/schema.ts';
import type { CallExtraction } from '../extraction/index.ts';
import { requeueJob } from '../jobs/jobQueue.ts';
import { formatDateTime } from '../shared/berlinTime.ts';
import { AppError, NotFoundError } from '../shared/errors.ts';
import { applyCallNote } from './callNoteApplier.ts';
import { enqueueLegacyForward } from './noteForwarding.ts';
import { callOfRecording, callTimeOf, recruiterOfRecording } from './recordingCall.ts';
import { lockedRecording } from './recordingLock.ts';
import { enqueueRecordingStep, recordingStepKey } from './recordingPipeline.ts';

/** "Nicht zugeordnete Anrufe": assigning applies the note exactly as if the call had matched. */
export async function assignFromInbox(
  db: Kysely<DB>,
  recordingId: string,
  target: { type: 'lead' | 'candidate'; id: string },
  config?: Pick<Config, 'legacyBackendUrl'>,
  by?: { userId: string; name: string },
) {
  return db.transaction().execute(async (trx) => {
    const rec = await lockedRecording(trx, recordingId, 'Anruf');
    if (!rec.inbox || !rec.extraction_json)
      throw new AppError('not_in_inbox', 'Dieser Anruf wartet nicht auf Zuordnung', { status: 409 });
    const table = target.type === 'lead' ? 'leads' : 'candidates';
    const exists = await trx.selectFrom(table).select('id').where('id', '=', target.id).executeTakeFirst();
    if (!exists) throw new NotFoundError(target.type === 'lead' ? 'Lead' : 'Kandidat');
    const call = await callOfRecording(trx, rec);
    const occurredAt = callTimeOf(rec, call);
    const result = await applyCallNote(trx, {
      recordingId,
      callId: call?.id ?? null,
      target,
      extraction: JSON.parse(rec.extraction_json) as CallExtraction,
      transcript: rec.transcript,
      occurredAt,
      ownerUserId: await recruiterOfRecording(trx, rec, call),
    });
    await addRecordEvent(trx, {
      record: target,
      kind: 'assigned',
      text: `Anruf vom ${formatDateTime(occurredAt)} aus „Nicht zugeordnet“ zugeordnet${by ? ` von ${by.name}` : ''}`,
      callId: call?.id ?? null,
      recordingId,
      userId: by?.userId ?? null,
    });
    await trx
      .updateTable('recordings')
      .set({ inbox: 0, record_type: target.type, record_id: target.id, updated_at: new Date().toISOString() })
      .where('id', '=', recordingId)
      .execute();
    await trx
      .insertInto('recording_audit')
      .values({
        recording_id: recordingId,
        at: new Date().toISOString(),
        event: 'assigned',
        detail: target.type,
      })
      .execute();
    if (config) await enqueueLegacyForward(trx, config, recordingId, 'assigned');
    return result;
  });
}

/** "Erneut versuchen": the stopped (or waiting) step goes back in line at once, attempts reset. */
export async function retryRecording(db: Kysely<DB>, recordingId: string) {
  await db.transaction().execute(async (trx) => {
    const rec = await trx
      .selectFrom('recordings')
      .select(['id', 'step', 'status'])
      .where('id', '=', recordingId)
      .executeTakeFirst();
    if (!rec) throw new NotFoundError('Aufnahme');
    if (!['failed', 'waiting', 'pending'].includes(rec.status) || rec.step === 'done')
      throw new AppError('not_retryable', 'Diese Aufnahme läuft gerade oder ist fertig', { status: 409 });
    const job = await trx
      .selectFrom('jobs')
      .select('id')
      .where('key', '=', recordingStepKey(rec.id, rec.step))
      .executeTakeFirst();
    if (!job) await enqueueRecordingStep(trx, rec.id, rec.step);
    else if (!(await requeueJob(trx, job.id)))
      throw new AppError('not_retryable', 'Diese Aufnahme läuft gerade', { status: 409 });
    const now = new Date().toISOString();
    await trx
      .updateTable('recordings')
      .set({ status: 'pending', attempts: 0, next_attempt_at: now, updated_at: now })
      .where('id', '=', rec.id)
      .execute();
  });
}

/**
 * After a reconnect: recordings that stopped for a missing permission or wait for a connection go
 * again once their owner's Webex connection was renewed after they stopped.
 */
export async function retryAfterReconnect(db: Kysely<DB>): Promise<number> {
  const stuck = await db
    .selectFrom('recordings')
    .innerJoin('webex_connections', (j) =>
      j.onRef('webex_connections.person_id', '=', 'recordings.owner_person_id'),
    )
    .select(['recordings.id'])
    .where('webex_connections.status', '=', 'active')
    .whereRef('webex_connections.updated_at', '>', 'recordings.updated_at')
    .where((eb) =>
      eb.or([
        eb('recordings.status', '=', 'waiting'),
        eb.and([
          eb('recordings.status', '=', 'failed'),
          eb('recordings.last_error', 'like', '%neu verbinden%'),
        ]),
      ]),
    )
    .execute();
  let n = 0;
  for (const r of stuck) {
    await retryRecording(db, r.id).then(
      () => n++,
      () => {},
    );
  }
  return n;
}
