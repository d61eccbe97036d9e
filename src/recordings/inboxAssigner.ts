import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { CallExtraction } from '../extraction/index.ts';
import { AppError, NotFoundError } from '../shared/errors.ts';
import { applyCallNote } from './callNoteApplier.ts';

/** "Nicht zugeordnete Anrufe": assigning applies the note exactly as if the call had matched. */
export async function assignFromInbox(
  db: Kysely<DB>,
  recordingId: string,
  target: { type: 'lead' | 'candidate'; id: string },
) {
  return db.transaction().execute(async (trx) => {
    const rec = await trx
      .selectFrom('recordings')
      .selectAll()
      .where('id', '=', recordingId)
      .executeTakeFirst();
    if (!rec) throw new NotFoundError('Anruf');
    if (!rec.inbox || !rec.extraction_json)
      throw new AppError('not_in_inbox', 'Dieser Anruf wartet nicht auf Zuordnung', { status: 409 });
    const table = target.type === 'lead' ? 'leads' : 'candidates';
    const exists = await trx.selectFrom(table).select('id').where('id', '=', target.id).executeTakeFirst();
    if (!exists) throw new NotFoundError(target.type === 'lead' ? 'Lead' : 'Kandidat');
    const result = await applyCallNote(trx, {
      recordingId,
      callId: null,
      target,
      extraction: JSON.parse(rec.extraction_json) as CallExtraction,
      transcript: rec.transcript,
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
    return result;
  });
}

export async function discardFromInbox(db: Kysely<DB>, recordingId: string) {
  const res = await db
    .updateTable('recordings')
    .set({ inbox: 0, updated_at: new Date().toISOString() })
    .where('id', '=', recordingId)
    .where('inbox', '=', 1)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new NotFoundError('Anruf im Eingang');
  await db
    .insertInto('recording_audit')
    .values({ recording_id: recordingId, at: new Date().toISOString(), event: 'discarded', detail: null })
    .execute();
}

export async function retryRecording(db: Kysely<DB>, recordingId: string) {
  const res = await db
    .updateTable('recordings')
    .set({
      status: 'pending',
      attempts: 0,
      next_attempt_at: new Date().toISOString(),
      lease_until: null,
      updated_at: new Date().toISOString(),
    })
    .where('id', '=', recordingId)
    .where('status', 'in', ['failed', 'waiting', 'pending'])
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0)
    throw new AppError('not_retryable', 'Diese Aufnahme läuft gerade oder ist fertig', { status: 409 });
}
