import type { Kysely } from 'kysely';
import { similarTasks, todoTitle } from '../../extraction/taskTitle.ts';

interface Tables {
  tasks: {
    id: string;
    record_type: string;
    record_id: string;
    recording_id: string | null;
    due_date: string;
    title: string;
    detail: string | null;
    owner_user_id: string | null;
    call_id: string | null;
    done_at: string | null;
    mentions: number;
    created_at: string;
  };
  recordings: { id: string; owner_person_id: string | null };
  users: { id: string; webex_person_id: string | null };
  timeline_entries: { recording_id: string | null; call_id: string | null };
  leads: { id: string; company: string };
  candidates: { id: string; first_name: string; last_name: string };
}

/**
 * Tasks from before: a first-person quote becomes a to-do title (the quote kept as detail), the owner
 * and call are taken from the recording, and repeated open tasks for one follow-up (one per call) are
 * merged into one, counting the mentions.
 */
export async function up(raw: Kysely<unknown>): Promise<void> {
  const db = raw as unknown as Kysely<Tables>;
  const tasks = await db.selectFrom('tasks').selectAll().orderBy('created_at').execute();
  const names = new Map<string, string>();
  const nameOf = async (type: string, id: string) => {
    const key = `${type}:${id}`;
    if (!names.has(key)) {
      if (type === 'lead') {
        const l = await db.selectFrom('leads').select('company').where('id', '=', id).executeTakeFirst();
        names.set(key, l?.company ?? 'Lead');
      } else {
        const c = await db
          .selectFrom('candidates')
          .select(['first_name', 'last_name'])
          .where('id', '=', id)
          .executeTakeFirst();
        names.set(key, c ? `${c.first_name} ${c.last_name}` : 'Kandidat');
      }
    }
    return names.get(key)!;
  };
  const kept: Tables['tasks'][] = [];
  for (const t of tasks) {
    const todo = t.detail
      ? { title: t.title, detail: t.detail }
      : todoTitle(t.title, {
          recordName: await nameOf(t.record_type, t.record_id),
          due: t.due_date,
        });
    let owner = t.owner_user_id;
    let callId = t.call_id;
    if (t.recording_id && (!owner || !callId)) {
      const rec = await db
        .selectFrom('recordings')
        .select('owner_person_id')
        .where('id', '=', t.recording_id)
        .executeTakeFirst();
      if (!owner && rec?.owner_person_id)
        owner =
          (
            await db
              .selectFrom('users')
              .select('id')
              .where('webex_person_id', '=', rec.owner_person_id)
              .executeTakeFirst()
          )?.id ?? null;
      callId ??=
        (
          await db
            .selectFrom('timeline_entries')
            .select('call_id')
            .where('recording_id', '=', t.recording_id)
            .executeTakeFirst()
        )?.call_id ?? null;
    }
    const same = t.done_at
      ? undefined
      : kept.find(
          (k) =>
            !k.done_at &&
            k.record_type === t.record_type &&
            k.record_id === t.record_id &&
            (k.due_date === t.due_date || similarTasks(k.title, todo.title)),
        );
    if (same) {
      same.mentions += t.mentions;
      same.due_date = [same.due_date, t.due_date].sort().at(-1)!;
      await db
        .updateTable('tasks')
        .set({ mentions: same.mentions, due_date: same.due_date })
        .where('id', '=', same.id)
        .execute();
      await db.deleteFrom('tasks').where('id', '=', t.id).execute();
      continue;
    }
    const row = { ...t, title: todo.title, detail: todo.detail, owner_user_id: owner, call_id: callId };
    await db
      .updateTable('tasks')
      .set({ title: row.title, detail: row.detail, owner_user_id: owner, call_id: callId })
      .where('id', '=', t.id)
      .execute();
    kept.push(row);
  }
}
