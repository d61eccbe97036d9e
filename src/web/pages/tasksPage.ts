import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { pageUser } from '../../auth/requestUser.ts';
import { recordPath } from '../../crm/numberOwners.ts';
import type { DB } from '../../db/schema.ts';
import { form } from '../../http/form.ts';
import { q } from '../../http/query.ts';
import { orEmpty } from '../../http/validation.ts';
import { myTasks, type TaskRow } from '../../tasks/myTasks.ts';
import { setTaskDone } from '../../tasks/taskCompleter.ts';
import { html, type SafeHtml } from '../html.ts';
import { page } from '../layout.ts';
import { taskItem, taskNotice } from '../sections/tasksSection.ts';
import { sendPage } from '../sendPage.ts';

const withRecord = (t: TaskRow) =>
  taskItem(t, 'aufgaben', html` · <a href="${recordPath(t.record)}">${t.record.title}</a>`);

function list(id: string, title: string, rows: TaskRow[], empty: string): SafeHtml {
  return html`<section aria-labelledby="${id}-title"><h2 id="${id}-title">${title}${rows.length ? ` (${rows.length})` : ''}</h2>
${rows.length ? html`<ul class="card task-list" id="${id}">${rows.map(withRecord)}</ul>` : html`<div class="empty">${empty}</div>`}</section>`;
}

const tasksQuery = z.object({ alle: q.flag(), aufgabe: q.text(100) });
/** Where "Erledigt" leads back to: the record's page, else the task list. */
const backForm = orEmpty(z.object({ zurueck: form.text() }));
const taskParams = z.object({ id: z.string() });

/** "Meine Aufgaben": what is overdue, due today and next, with "Erledigt" and its undo. */
export const tasksPage: FastifyPluginAsyncZod<{ db: Kysely<DB> }> = async (app, ctx) => {
  app.get(
    '/aufgaben',
    { config: { access: 'user' }, schema: { querystring: tasksQuery } },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const query = req.query;
      const everyone = user.role === 'admin' && query.alle === true;
      const t = await myTasks(ctx.db, user, { everyone });
      const body = html`<h1>${everyone ? 'Alle Aufgaben' : 'Meine Aufgaben'}</h1>
${query.aufgabe ? await taskNotice(ctx.db, query.aufgabe, 'aufgaben') : ''}
${user.role === 'admin' ? html`<p>${everyone ? html`<a href="/aufgaben">Nur meine Aufgaben</a>` : html`<a href="/aufgaben?alle=1">Aufgaben aller anzeigen</a>`}</p>` : ''}
${list('tasks-overdue', 'Überfällig', t.overdue, 'Nichts überfällig.')}
${list('tasks-today', 'Heute', t.today, 'Heute ist nichts fällig.')}
${list('tasks-next', 'Demnächst', t.next, 'Keine weiteren Aufgaben. Vereinbart ein Gespräch einen nächsten Kontakt, erscheint er hier.')}
${t.unowned.length ? list('tasks-unowned', 'Ohne Zuständigen', t.unowned, '') : ''}
${t.done.length ? html`<details><summary>Zuletzt erledigt (${t.done.length})</summary><ul class="card task-list" id="tasks-done">${t.done.map(withRecord)}</ul></details>` : ''}`;
      return sendPage(reply, page({ title: 'Aufgaben', user, section: 'aufgaben' }, body));
    },
  );

  for (const [action, done] of [
    ['erledigt', true],
    ['offen', false],
  ] as const) {
    app.post(
      `/aufgaben/:id/${action}`,
      { config: { access: 'user' }, schema: { params: taskParams, body: backForm } },
      async (req, reply) => {
        const user = pageUser(req, reply);
        if (!user) return reply;
        const back = req.body.zurueck === 'datensatz' ? 'datensatz' : 'aufgaben';
        const { record } = await setTaskDone(ctx.db, req.params.id, done, {
          userId: user.id,
          name: user.display_name,
        });
        const to = back === 'datensatz' ? recordPath(record) : '/aufgaben';
        return reply.redirect(`${to}?aufgabe=${encodeURIComponent(req.params.id)}`, 303);
      },
    );
  }
};
