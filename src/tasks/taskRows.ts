/** A task as the lists show it ("Meine Aufgaben", the record's tasks). */
export interface Task {
  id: string;
  title: string;
  detail: string | null;
  due: string;
  doneAt: string | null;
  mentions: number;
  callId: string | null;
  ownerName: string | null;
}

/** What a `Task` is read from, in a query on `tasks as t` joined to its owner as `users as u`. */
export const TASK_COLUMNS = [
  't.id',
  't.title',
  't.detail',
  't.due_date',
  't.done_at',
  't.mentions',
  't.call_id',
  'u.display_name',
] as const;

export function toTask(t: {
  id: string;
  title: string;
  detail: string | null;
  due_date: string;
  done_at: string | null;
  mentions: number;
  call_id: string | null;
  display_name: string | null;
}): Task {
  return {
    id: t.id,
    title: t.title,
    detail: t.detail,
    due: t.due_date,
    doneAt: t.done_at,
    mentions: t.mentions,
    callId: t.call_id,
    ownerName: t.display_name,
  };
}
