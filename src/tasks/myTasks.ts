import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { berlinToday } from '../shared/berlinTime.ts';
import { TASK_COLUMNS, type Task, toTask } from './taskRows.ts';

export interface TaskRow extends Task {
  record: { type: 'lead' | 'candidate'; id: string; title: string };
}

/**
 * "Meine Aufgaben": open tasks of the user (or, with `everyone`, of all) split into overdue, due today
 * and next, by Berlin calendar day; tasks without an owner (from before owners existed, or the old
 * workflow) are listed for everyone to pick up. Recently done ones can be reopened.
 */
export async function myTasks(
  db: Kysely<DB>,
  user: { id: string },
  opts: { everyone?: boolean; now?: Date } = {},
): Promise<{ overdue: TaskRow[]; today: TaskRow[]; next: TaskRow[]; unowned: TaskRow[]; done: TaskRow[] }> {
  const today = berlinToday(opts.now);
  const base = db
    .selectFrom('tasks as t')
    .leftJoin('leads as l', (j) => j.onRef('l.id', '=', 't.record_id').on('t.record_type', '=', 'lead'))
    .leftJoin('candidates as c', (j) =>
      j.onRef('c.id', '=', 't.record_id').on('t.record_type', '=', 'candidate'),
    )
    .leftJoin('users as u', 'u.id', 't.owner_user_id')
    .select([
      ...TASK_COLUMNS,
      't.record_type',
      't.record_id',
      't.owner_user_id',
      'l.company',
      'c.first_name',
      'c.last_name',
    ]);
  const [open, done] = await Promise.all([
    base
      .where('t.done_at', 'is', null)
      .$if(!opts.everyone, (q) =>
        q.where((eb) => eb.or([eb('t.owner_user_id', '=', user.id), eb('t.owner_user_id', 'is', null)])),
      )
      .orderBy('t.due_date')
      .limit(500)
      .execute(),
    base
      .where('t.done_at', 'is not', null)
      .$if(!opts.everyone, (q) => q.where('t.done_by', '=', user.id))
      .orderBy('t.done_at', 'desc')
      .limit(10)
      .execute(),
  ]);
  const row = (t: (typeof open)[number]): TaskRow => ({
    ...toTask(t),
    record: {
      type: t.record_type,
      id: t.record_id,
      title:
        t.record_type === 'lead'
          ? (t.company ?? 'Lead')
          : `${t.first_name ?? ''} ${t.last_name ?? ''}`.trim(),
    },
  });
  const owned = open.filter((t) => t.owner_user_id !== null || opts.everyone);
  return {
    overdue: owned.filter((t) => t.due_date < today).map(row),
    today: owned.filter((t) => t.due_date === today).map(row),
    next: owned.filter((t) => t.due_date > today).map(row),
    unowned: opts.everyone ? [] : open.filter((t) => t.owner_user_id === null).map(row),
    done: done.map(row),
  };
}
