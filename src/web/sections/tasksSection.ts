import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { berlinToday } from '../../shared/berlinTime.ts';
import { recordTasks } from '../../tasks/recordTasks.ts';
import type { Task } from '../../tasks/taskRows.ts';
import { formatDate, formatDateTime } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';

export function dueLabel(due: string, today = berlinToday()): SafeHtml {
  if (due < today) return html`<span class="due-overdue">überfällig seit ${formatDate(due)}</span>`;
  if (due === today) return html`<span class="due-today">heute fällig</span>`;
  return html`fällig ${formatDate(due)}`;
}

/** One task with its "erledigt" / "wieder öffnen" button; `back` says where the button returns to. */
export function taskItem(t: Task, back: 'aufgaben' | 'datensatz', extra: SafeHtml = html``): SafeHtml {
  return html`<li data-task-id="${t.id}" class="${t.doneAt ? 'is-done' : ''}">
<div><strong class="${t.doneAt ? 'task-done' : ''}">${t.title}</strong> · ${t.doneAt ? html`erledigt ${formatDateTime(t.doneAt)}` : dueLabel(t.due)}${t.ownerName ? ` · ${t.ownerName}` : ''}${t.mentions > 1 ? ` · in ${t.mentions} Gesprächen vereinbart` : ''}${extra}</div>
${t.detail ? html`<blockquote class="quote">„${t.detail}“</blockquote>` : ''}
<div class="inline-actions">${t.callId ? html`<a href="/anrufe/${t.callId}">zum Anruf</a>` : ''}<form method="post" action="/aufgaben/${t.id}/${t.doneAt ? 'offen' : 'erledigt'}" class="inline"><input type="hidden" name="zurueck" value="${back}"><button type="submit" class="button ${t.doneAt ? 'secondary' : ''}">${t.doneAt ? 'Wieder öffnen' : 'Erledigt'}</button></form></div></li>`;
}

/** The record's open tasks (and the last done ones), each with "Erledigt". */
export async function tasksSection(
  db: Kysely<DB>,
  record: { type: 'lead' | 'candidate'; id: string },
): Promise<SafeHtml> {
  const tasks = await recordTasks(db, record);
  const open = tasks.filter((t) => !t.doneAt).sort((a, b) => (a.due < b.due ? -1 : 1));
  const done = tasks.filter((t) => t.doneAt).slice(0, 5);
  if (!open.length && !done.length) return html``;
  return html`<section aria-labelledby="tasks-title"><h2 id="tasks-title">Aufgaben</h2><div class="card" id="record-tasks">
${open.length ? html`<ul class="task-list">${open.map((t) => taskItem(t, 'datensatz'))}</ul>` : html`<p class="muted">Keine offenen Aufgaben.</p>`}
${done.length ? html`<details><summary>Erledigt (${done.length})</summary><ul class="task-list">${done.map((t) => taskItem(t, 'datensatz'))}</ul></details>` : ''}
</div></section>`;
}

/** After "Erledigt" / "Wieder öffnen": what happened, with the way back. */
export async function taskNotice(
  db: Kysely<DB>,
  taskId: string,
  back: 'aufgaben' | 'datensatz',
): Promise<SafeHtml> {
  const t = await db
    .selectFrom('tasks')
    .select(['id', 'title', 'done_at'])
    .where('id', '=', taskId)
    .executeTakeFirst();
  if (!t) return html``;
  // A title may end in its own full stop ('Rückruf bei … am Di 08.12.'): no second one after it.
  const end = /[.!?]$/.test(t.title) ? '' : '.';
  return html`<div class="flash" role="status" id="task-notice">${t.done_at ? html`Erledigt: ${t.title}${end} <form method="post" action="/aufgaben/${t.id}/offen" class="inline"><input type="hidden" name="zurueck" value="${back}"><button type="submit" class="button secondary">Rückgängig</button></form>` : html`Wieder offen: ${t.title}${end}`}</div>`;
}
