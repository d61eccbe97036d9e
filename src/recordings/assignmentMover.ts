import type { Kysely, Transaction } from 'kysely';
import { addRecordEvent } from '../crm/recordEvents.ts';
import type { DB } from '../db/schema.ts';
import type { CallExtraction } from '../extraction/index.ts';
import { followUpStep, similarTasks, todoTitle } from '../extraction/taskTitle.ts';
import { formatDateTime } from '../shared/berlinTime.ts';
import { AppError, NotFoundError } from '../shared/errors.ts';
import { applyCallNote } from './callNoteApplier.ts';
import { callOfRecording, callTimeOf, recruiterOfRecording } from './recordingCall.ts';
import { lockedRecording } from './recordingLock.ts';

type Target = { type: 'lead' | 'candidate'; id: string };

async function titleOf(trx: Transaction<DB>, t: Target): Promise<string | null> {
  if (t.type === 'lead') {
    const l = await trx.selectFrom('leads').select('company').where('id', '=', t.id).executeTakeFirst();
    return l ? `Lead „${l.company}“` : null;
  }
  const c = await trx
    .selectFrom('candidates')
    .select(['first_name', 'last_name'])
    .where('id', '=', t.id)
    .executeTakeFirst();
  return c ? `Kandidat „${c.first_name} ${c.last_name}“` : null;
}

/**
 * This call's follow-up may have been merged into a task another call started (which keeps that call's
 * recording id): found by the same rule that merged it, it loses this call's mention.
 */
async function dropMergedMention(
  trx: Transaction<DB>,
  from: Target,
  recordingId: string,
  ex: CallExtraction,
): Promise<void> {
  const open = await trx
    .selectFrom('tasks')
    .select(['id', 'title', 'due_date'])
    .where('record_type', '=', from.type)
    .where('record_id', '=', from.id)
    .where('done_at', 'is', null)
    .where('mentions', '>', 1)
    .where('recording_id', '!=', recordingId)
    .orderBy('created_at')
    .execute();
  const name = (await titleOf(trx, from))?.replace(/^\S+ „(.*)“$/, '$1') ?? '';
  const { title } = todoTitle(followUpStep(ex.nextSteps), { recordName: name, due: ex.followUpDate! });
  const merged = open.find((t) => t.due_date === ex.followUpDate || similarTasks(t.title, title));
  if (merged)
    await trx
      .updateTable('tasks')
      .set((eb) => ({ mentions: eb('mentions', '-', 1) }))
      .where('id', '=', merged.id)
      .execute();
}

/**
 * A call's note went to the wrong record: it moves to another one with its call link, suggestions and
 * open tasks. Fields the note had filled on the old candidate are emptied again where they still hold
 * that value; the note is applied to the new record as if it had matched there (filling, suggesting,
 * merging its follow-up into an existing task). Decided suggestions and done tasks stay as history.
 */
export async function moveAssignment(
  db: Kysely<DB>,
  recordingId: string,
  to: Target,
  by: { userId: string; name: string },
): Promise<{ from: Target }> {
  return db.transaction().execute(async (trx) => {
    const rec = await lockedRecording(trx, recordingId, 'Aufnahme');
    if (!rec.record_type || !rec.record_id || !rec.extraction_json)
      throw new AppError('not_assigned', 'Dieser Anruf ist keinem Datensatz zugeordnet', {
        status: 409,
        hint: 'Anrufe ohne Datensatz ordnen Sie unter „Nicht zugeordnet“ zu.',
      });
    const from: Target = { type: rec.record_type, id: rec.record_id };
    if (from.type === to.type && from.id === to.id)
      throw new AppError('same_record', 'Der Anruf gehört schon zu diesem Datensatz', { status: 409 });
    const [fromTitle, toTitle] = [await titleOf(trx, from), await titleOf(trx, to)];
    if (!toTitle) throw new NotFoundError(to.type === 'lead' ? 'Lead' : 'Kandidat');

    const entry = await trx
      .selectFrom('timeline_entries')
      .selectAll()
      .where('recording_id', '=', recordingId)
      .executeTakeFirst();
    if (from.type === 'candidate' && entry?.filled_json) {
      const filled = JSON.parse(entry.filled_json) as Record<string, string | number | null>;
      const cand = await trx
        .selectFrom('candidates')
        .selectAll()
        .where('id', '=', from.id)
        .executeTakeFirst();
      const clear: Record<string, null> = {};
      for (const [col, value] of Object.entries(filled))
        if (cand && String(cand[col as keyof typeof cand]) === String(value)) clear[col] = null;
      if (Object.keys(clear).length)
        await trx
          .updateTable('candidates')
          .set({ ...clear, updated_at: new Date().toISOString() })
          .where('id', '=', from.id)
          .execute();
    }
    await trx
      .deleteFrom('suggestions')
      .where('recording_id', '=', recordingId)
      .where('status', '=', 'open')
      .execute();
    // An open task only this call agreed goes (and is made again at the new record); one several calls
    // agreed stays with one mention fewer.
    const ownTasks = await trx
      .selectFrom('tasks')
      .select('id')
      .where('recording_id', '=', recordingId)
      .execute();
    await trx
      .deleteFrom('tasks')
      .where('recording_id', '=', recordingId)
      .where('done_at', 'is', null)
      .where('mentions', '<=', 1)
      .execute();
    await trx
      .updateTable('tasks')
      .set((eb) => ({ mentions: eb('mentions', '-', 1) }))
      .where('recording_id', '=', recordingId)
      .where('done_at', 'is', null)
      .where('mentions', '>', 1)
      .execute();
    const extraction = JSON.parse(rec.extraction_json) as CallExtraction;
    if (ownTasks.length === 0 && extraction.followUpDate)
      await dropMergedMention(trx, from, recordingId, extraction);
    await trx.deleteFrom('timeline_entries').where('recording_id', '=', recordingId).execute();

    const call = await callOfRecording(trx, rec);
    const callId = entry?.call_id ?? call?.id ?? null;
    const occurredAt = entry?.occurred_at ?? callTimeOf(rec, call);
    await applyCallNote(trx, {
      recordingId,
      callId,
      target: to,
      extraction,
      transcript: entry?.transcript ?? rec.transcript,
      occurredAt,
      ownerUserId: await recruiterOfRecording(trx, rec, call),
    });
    const now = new Date().toISOString();
    if (callId)
      await trx
        .updateTable('calls')
        .set({ matched_type: to.type, matched_id: to.id, record_confirmed: 1, updated_at: now })
        .where('id', '=', callId)
        .execute();
    await trx
      .updateTable('recordings')
      .set({ record_type: to.type, record_id: to.id, updated_at: now })
      .where('id', '=', recordingId)
      .execute();
    const when = formatDateTime(occurredAt);
    await addRecordEvent(trx, {
      record: from,
      kind: 'moved_out',
      text: `Anruf vom ${when} zu ${toTitle} verschoben von ${by.name}`,
      callId,
      recordingId,
      userId: by.userId,
    });
    await addRecordEvent(trx, {
      record: to,
      kind: 'moved_in',
      text: `Anruf vom ${when} hierher verschoben${fromTitle ? ` (war bei ${fromTitle})` : ''} von ${by.name}`,
      callId,
      recordingId,
      userId: by.userId,
    });
    await trx
      .insertInto('recording_audit')
      .values({ recording_id: recordingId, at: now, event: 'moved', detail: `${from.type} → ${to.type}` })
      .execute();
    return { from };
  });
}
