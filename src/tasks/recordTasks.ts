import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { TASK_COLUMNS, type Task, toTask } from './taskRows.ts';

/** A lead's or candidate's tasks, the done ones first (newest first), then by due date; at most 50. */
export async function recordTasks(
  db: Kysely<DB>,
  record: { type: 'lead' | 'candidate'; id: string },
): Promise<Task[]> {
  const rows = await db
    .selectFrom('tasks as t')
    .leftJoin('users as u', 'u.id', 't.owner_user_id')
    .select(TASK_COLUMNS)
    .where('t.record_type', '=', record.type)
    .where('t.record_id', '=', record.id)
    .orderBy('t.done_at', 'desc')
    .orderBy('t.due_date')
    .limit(50)
    .execute();
  return rows.map(toTask);
}
