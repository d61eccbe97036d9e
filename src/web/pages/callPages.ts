import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { pageUser, viewerOf } from '../../auth/requestUser.ts';
import { listUsers } from '../../auth/userAccounts.ts';
import { type CallFilter, listCalls } from '../../calls/callQueries.ts';
import type { CallView } from '../../calls/callView.ts';
import type { DB } from '../../db/schema.ts';
import { q } from '../../http/query.ts';
import { berlinDayBounds } from '../../shared/berlinDay.ts';
import { DIRECTION_LABELS, formatDateTime, formatDuration, STATE_LABELS } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { page } from '../layout.ts';
import { sendPage } from '../sendPage.ts';

const PAGE_SIZE = 50;

export function callRows(calls: CallView[], userNames: Map<string, string> | null): SafeHtml {
  return html`<div class="table-wrap"><table>
<thead><tr><th>Zeit</th><th>Richtung</th><th>Nummer</th><th>Anrufer / Datensatz</th><th>Status</th><th>Dauer</th>${userNames ? html`<th>Benutzer</th>` : ''}</tr></thead>
<tbody>${calls.map(
    (c) => html`<tr class="clickable" data-href="/anrufe/${c.id}">
  <td><a href="/anrufe/${c.id}">${formatDateTime(c.startedAt)}</a></td>
  <td>${DIRECTION_LABELS[c.direction]}</td>
  <td>${c.numberDisplay}</td>
  <td>${c.match ? html`<a href="/${c.match.type === 'lead' ? 'leads' : 'kandidaten'}/${c.match.id}">${c.match.title}</a>${c.recordConfirmed ? '' : html` <span class="muted">(mehrere Treffer, keiner gewählt)</span>`}` : html`<span class="muted">${c.remoteName ?? 'nicht zugeordnet'}</span>`}</td>
  <td><span class="badge ${c.state}">${STATE_LABELS[c.state]}${c.endUnknown ? ' (Ende unbekannt)' : ''}</span></td>
  <td>${formatDuration(c.durationSeconds)}</td>
  ${userNames ? html`<td>${c.userId ? (userNames.get(c.userId) ?? '–') : '–'}</td>` : ''}
</tr>`,
  )}</tbody></table></div>`;
}

/** 2026-12-05 → 05.12.2026, as the page writes dates. */
const germanDay = (d: string) => d.split('-').reverse().join('.');

/** Berlin calendar day → UTC ISO bounds; the filter form speaks in local dates. */
const dayStart = (d: string | undefined) => (d ? berlinDayBounds(d).start : undefined);
const dayEnd = (d: string | undefined) => (d ? berlinDayBounds(d).end : undefined);

const callListQuery = z.object({
  seite: q.page(),
  benutzer: q.text(),
  von: q.day(),
  bis: q.day(),
  nichtZugeordnet: q.flag(),
});

export const callPages: FastifyPluginAsyncZod<{ db: Kysely<DB> }> = async (app, ctx) => {
  app.get('/', { config: { access: 'user' } }, async (req, reply) =>
    pageUser(req, reply) ? reply.redirect('/anrufe') : reply,
  );

  app.get(
    '/anrufe',
    { config: { access: 'user' }, schema: { querystring: callListQuery } },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const query = req.query;
      const viewer = viewerOf(user);
      const pageNo = query.seite ?? 1;
      const filter: CallFilter = {
        userId: viewer.isAdmin && query.benutzer ? query.benutzer : undefined,
        from: dayStart(query.von),
        to: dayEnd(query.bis),
        unmatchedOnly: query.nichtZugeordnet === true,
        limit: PAGE_SIZE,
        offset: (pageNo - 1) * PAGE_SIZE,
      };
      const [{ items, total }, users] = await Promise.all([
        listCalls(ctx.db, viewer, filter),
        viewer.isAdmin ? listUsers(ctx.db) : [],
      ]);
      const userNames = viewer.isAdmin ? new Map(users.map((u) => [u.id, u.display_name])) : null;
      const filtered = Boolean(filter.userId || filter.from || filter.to || filter.unmatchedOnly);
      // Both are JJJJ-MM-TT, so text order is day order.
      const reversed = Boolean(query.von && query.bis && query.von > query.bis);
      const qs = (p: number) => {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries({ ...query, seite: p }))
          if (v !== undefined && v !== '' && v !== false) params.set(k, v === true ? '1' : String(v));
        return params.toString();
      };
      const body = html`<h1>Anrufe</h1>
<p class="card new-calls-hint" id="new-calls-hint">Neue Anrufe sind eingegangen. <a href="/anrufe">Aktualisieren</a></p>
<form method="get" action="/anrufe" class="toolbar">
  ${viewer.isAdmin ? html`<label>Benutzer<select name="benutzer"><option value="">Alle</option>${users.map((u) => html`<option value="${u.id}" ${u.id === filter.userId ? html`selected` : ''}>${u.display_name}</option>`)}</select></label>` : ''}
  <label>Von<input type="date" name="von" value="${query.von ?? ''}"></label>
  <label>Bis<input type="date" name="bis" value="${query.bis ?? ''}"></label>
  <label style="flex-direction:row;align-items:center;gap:.4rem"><input type="checkbox" name="nichtZugeordnet" value="1" ${filter.unmatchedOnly ? html`checked` : ''}> nur nicht zugeordnete</label>
  <button type="submit" class="primary">Filtern</button>${filtered ? html`<a href="/anrufe">Filter zurücksetzen</a>` : ''}
</form>
${
  items.length === 0
    ? html`<div class="empty">${total > 0 ? html`Seite ${pageNo} gibt es nicht (${total === 1 ? '1 Anruf' : `${total} Anrufe`}). <a href="/anrufe?${qs(1)}">Zur ersten Seite</a>` : reversed ? `„Von“ (${germanDay(query.von!)}) liegt nach „Bis“ (${germanDay(query.bis!)}): so gibt es keine Anrufe. Die beiden Tage tauschen.` : filtered ? 'Keine Anrufe passen zu diesem Filter.' : 'Noch keine Anrufe. Sobald Webex einen Anruf meldet, erscheint er hier – und als Pop-up unten rechts.'}</div>`
    : html`${callRows(items, userNames)}
<div class="pager">${pageNo > 1 ? html`<a href="/anrufe?${qs(pageNo - 1)}">← Neuere</a>` : ''}<span class="muted">${total === 1 ? '1 Anruf' : `${total} Anrufe`}</span>${pageNo * PAGE_SIZE < total ? html`<a href="/anrufe?${qs(pageNo + 1)}">Ältere →</a>` : ''}</div>`
}`;
      return sendPage(
        reply,
        page({ title: 'Anrufe', user, section: 'anrufe', scripts: ['callList.js'] }, body),
      );
    },
  );
};
