import type { Kysely } from 'kysely';
import { addRecordEvent } from '../crm/recordEvents.ts';
import type { DB } from '../db/schema.ts';
import { AppError, NotFoundError } from '../shared/errors.ts';

/** "Erledigt" (done = true) and its undo ("Wieder öffnen"); both are noted in the record's history. */
export async function setTaskDone(
  db: Kysely<DB>,
  taskId: string,
  done: boolean,
  by: { userId: string; name: string },
): Promise<{ record: { type: 'lead' | 'candidate'; id: string }; title: string }> {
  return db.transaction().execute(async (trx) => {
    // The row first: a second click at the same moment waits here and then finds it done (on
    // PostgreSQL both read it open and both wrote a history entry).
    await trx
      .updateTable('tasks')
      .set((eb) => ({ done_at: eb.ref('done_at') }))
      .where('id', '=', taskId)
      .execute();
    const t = await trx.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
    if (!t) throw new NotFoundError('Aufgabe');
    if (Boolean(t.done_at) === done)
      throw new AppError(
        'task_unchanged',
        done ? 'Diese Aufgabe ist schon erledigt' : 'Diese Aufgabe ist schon offen',
        { status: 409, hint: 'Die Seite neu laden.' },
      );
    const now = new Date().toISOString();
    await trx
      .updateTable('tasks')
      .set(done ? { done_at: now, done_by: by.userId } : { done_at: null, done_by: null })
      .where('id', '=', taskId)
      .execute();
    const record = { type: t.record_type, id: t.record_id };
    await addRecordEvent(trx, {
      record,
      kind: 'task_done',
      text: done
        ? `Aufgabe erledigt: ${t.title} (${by.name})`
        : `Aufgabe wieder geöffnet: ${t.title} (${by.name})`,
      callId: t.call_id,
      userId: by.userId,
      occurredAt: now,
    });
    return { record, title: t.title };
  });
}
