import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { followUpStep, similarTasks, todoTitle } from '../extraction/taskTitle.ts';
import { newId } from '../shared/ids.ts';

async function recordName(trx: Transaction<DB>, type: 'lead' | 'candidate', id: string) {
  if (type === 'lead') {
    const l = await trx.selectFrom('leads').select('company').where('id', '=', id).executeTakeFirst();
    return l?.company ?? 'Lead';
  }
  const c = await trx
    .selectFrom('candidates')
    .select(['first_name', 'last_name'])
    .where('id', '=', id)
    .executeTakeFirst();
  return c ? `${c.first_name} ${c.last_name}` : 'Kandidat';
}

/**
 * One task per agreed follow-up. A call that agrees the same follow-up again (same record and the same
 * due date, or a similar to-do) adds a mention to the open task instead of a second task; its date is
 * the latest agreement.
 */
export async function addFollowUpTask(
  trx: Transaction<DB>,
  f: {
    record: { type: 'lead' | 'candidate'; id: string };
    recordingId: string;
    callId: string | null;
    ownerUserId: string | null;
    due: string;
    nextSteps: string[];
    /** The transcript passage of each next step (same order), kept as the task's detail. */
    quotes?: (string | null)[];
  },
): Promise<{ taskId: string; merged: boolean }> {
  const step = followUpStep(f.nextSteps);
  const todo = todoTitle(step, {
    recordName: await recordName(trx, f.record.type, f.record.id),
    due: f.due,
  });
  const title = todo.title;
  const detail = todo.detail ?? (step ? (f.quotes?.[f.nextSteps.indexOf(step)] ?? null) : null);
  const open = await trx
    .selectFrom('tasks')
    .selectAll()
    .where('record_type', '=', f.record.type)
    .where('record_id', '=', f.record.id)
    .where('done_at', 'is', null)
    .orderBy('created_at')
    .execute();
  const same = open.find((t) => t.due_date === f.due || similarTasks(t.title, title));
  if (same) {
    if (same.recording_id === f.recordingId) return { taskId: same.id, merged: true };
    await trx
      .updateTable('tasks')
      .set({
        mentions: same.mentions + 1,
        due_date: [f.due, same.due_date].sort().at(-1)!,
        owner_user_id: same.owner_user_id ?? f.ownerUserId,
        detail: same.detail ?? detail,
      })
      .where('id', '=', same.id)
      .execute();
    return { taskId: same.id, merged: true };
  }
  const id = newId();
  await trx
    .insertInto('tasks')
    .values({
      id,
      record_type: f.record.type,
      record_id: f.record.id,
      recording_id: f.recordingId,
      call_id: f.callId,
      owner_user_id: f.ownerUserId,
      due_date: f.due,
      title,
      detail,
      created_at: new Date().toISOString(),
      done_at: null,
    })
    .execute();
  return { taskId: id, merged: false };
}
