import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { listUsers } from '../../auth/userAccounts.ts';
import { saveCallNote } from '../../calls/callNoteSaver.ts';
import { type CallFilter, getCallFor, listCalls } from '../../calls/callQueries.ts';
import type { CallView } from '../../calls/callView.ts';
import { getCandidate } from '../../crm/candidateStore.ts';
import { getLead } from '../../crm/leadStore.ts';
import { CANDIDATE_STATUSES } from '../../crm/recordInput.ts';
import { pageUser, viewerOf } from '../../http/auth.ts';
import { parseQuery, q } from '../../http/query.ts';
import { formatNumber } from '../../phone/phoneNumber.ts';
import { callRecordingNotes } from '../../recordings/callNotesSection.ts';
import { berlinDayBounds } from '../../shared/berlinDay.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { DIRECTION_LABELS, formatDateTime, formatDuration, STATE_LABELS } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { page } from '../layout.ts';

const PAGE_SIZE = 50;

export function callRows(calls: CallView[], userNames: Map<string, string> | null): SafeHtml {
  return html`<table>
<thead><tr><th>Zeit</th><th>Richtung</th><th>Nummer</th><th>Anrufer / Datensatz</th><th>Status</th><th>Dauer</th>${userNames ? html`<th>Benutzer</th>` : ''}</tr></thead>
<tbody>${calls.map(
    (c) => html`<tr class="clickable" data-href="/anrufe/${c.id}">
  <td><a href="/anrufe/${c.id}">${formatDateTime(c.startedAt)}</a></td>
  <td>${DIRECTION_LABELS[c.direction]}</td>
  <td>${c.numberDisplay}</td>
  <td>${c.match ? html`<a href="/${c.match.type === 'lead' ? 'leads' : 'kandidaten'}/${c.match.id}">${c.match.title}</a>` : html`<span class="muted">${c.remoteName ?? 'nicht zugeordnet'}</span>`}</td>
  <td><span class="badge ${c.state}">${STATE_LABELS[c.state]}</span></td>
  <td>${formatDuration(c.durationSeconds)}</td>
  ${userNames ? html`<td>${c.userId ? (userNames.get(c.userId) ?? '–') : '–'}</td>` : ''}
</tr>`,
  )}</tbody></table>`;
}

/** Berlin calendar day → UTC ISO bounds; the filter form speaks in local dates. */
const dayStart = (d: string | undefined) => (d ? berlinDayBounds(d).start : undefined);
const dayEnd = (d: string | undefined) => (d ? berlinDayBounds(d).end : undefined);

const callListQuery = {
  seite: q.page(),
  benutzer: q.text(),
  von: q.day(),
  bis: q.day(),
  nichtZugeordnet: q.flag(),
};

export const callPages =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    app.get('/', { config: { access: 'user' } }, async (req, reply) =>
      pageUser(req, reply) ? reply.redirect('/anrufe') : reply,
    );

    app.get('/anrufe', { config: { access: 'user' } }, async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const query = parseQuery(callListQuery, req.query);
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
    ? html`<div class="empty">${filtered ? 'Keine Anrufe passen zu diesem Filter.' : 'Noch keine Anrufe. Sobald Webex einen Anruf meldet, erscheint er hier – und als Pop-up unten rechts.'}</div>`
    : html`${callRows(items, userNames)}
<div class="pager">${pageNo > 1 ? html`<a href="/anrufe?${qs(pageNo - 1)}">← Neuere</a>` : ''}<span class="muted">${total === 1 ? '1 Anruf' : `${total} Anrufe`}</span>${pageNo * PAGE_SIZE < total ? html`<a href="/anrufe?${qs(pageNo + 1)}">Ältere →</a>` : ''}</div>`
}`;
      return reply
        .type('text/html; charset=utf-8')
        .send(page({ title: 'Anrufe', user, section: 'anrufe', scripts: ['callList.js'] }, body).value);
    });

    app.get<{ Params: { id: string } }>('/anrufe/:id', { config: { access: 'user' } }, async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const viewer = viewerOf(user);
      const call = await getCallFor(ctx.db, viewer, req.params.id);
      if (!call) throw new NotFoundError('Anruf');
      const history = call.number
        ? (await listCalls(ctx.db, viewer, { number: call.number, limit: 20 })).items.filter(
            (c) => c.id !== call.id,
          )
        : [];
      const saved = parseQuery({ gespeichert: q.flag() }, req.query).gespeichert === true;
      const body = html`<h1>${call.match ? call.match.title : call.number ? `Unbekannte Nummer ${call.numberDisplay}` : 'Anruf mit unterdrückter Nummer'}</h1>
<div class="grid">
  <section>${await recordCard(ctx, call)}</section>
  <section class="card">
    <h2 style="margin-top:0">Anruf</h2>
    <dl class="facts">
      <dt>Zeit</dt><dd>${formatDateTime(call.startedAt)}</dd>
      <dt>Richtung</dt><dd>${DIRECTION_LABELS[call.direction]}</dd>
      <dt>Nummer</dt><dd>${call.numberDisplay}${call.remoteName ? ` (${call.remoteName})` : ''}</dd>
      <dt>Status</dt><dd><span class="badge ${call.state}" id="call-state">${STATE_LABELS[call.state]}</span></dd>
      <dt>Dauer</dt><dd>${formatDuration(call.durationSeconds)}</dd>
    </dl>
    <form method="post" action="/anrufe/${call.id}/notiz" class="stack">
      <label for="notiz">Notiz zum Gespräch</label>
      <textarea id="notiz" name="notiz" rows="6" placeholder="Was wurde besprochen?">${call.notes ?? ''}</textarea>
      <div class="actions"><button type="submit" class="primary">Notiz speichern</button>${saved ? html`<span class="muted" role="status">Gespeichert.</span>` : ''}</div>
    </form>
  </section>
</div>
${await callRecordingNotes(ctx.db, call.id)}
<h2>Weitere Anrufe mit dieser Nummer</h2>
${history.length ? callRows(history, null) : html`<div class="empty">Keine weiteren Anrufe mit dieser Nummer.</div>`}
<span hidden id="this-call" data-call-id="${call.id}"></span>`;
      return reply
        .type('text/html; charset=utf-8')
        .send(page({ title: 'Anruf', user, section: 'anrufe', scripts: ['callDetail.js'] }, body).value);
    });

    app.post<{ Params: { id: string } }>(
      '/anrufe/:id/notiz',
      { config: { access: 'user' } },
      async (req, reply) => {
        const user = pageUser(req, reply);
        if (!user) return reply;
        const call = await getCallFor(ctx.db, viewerOf(user), req.params.id);
        if (!call) throw new NotFoundError('Anruf');
        await saveCallNote(ctx.db, call.id, String((req.body as Record<string, string>)['notiz'] ?? ''));
        return reply.redirect(`/anrufe/${call.id}?gespeichert=1`, 303);
      },
    );
  };

async function recordCard(ctx: AppContext, call: CallView): Promise<SafeHtml> {
  if (!call.match) {
    if (!call.number)
      return html`<div class="card"><p class="muted">Der Anrufer hat seine Nummer unterdrückt.</p></div>`;
    const q = `telefon=${encodeURIComponent(call.number)}&anruf=${encodeURIComponent(call.id)}`;
    return html`<div class="card"><h2 style="margin-top:0">Nicht zugeordnet</h2>
<p>Zu ${call.numberDisplay} gibt es noch keinen Lead und keinen Kandidaten.</p>
<div class="actions"><a class="button" href="/leads/neu?${q}">Als Lead anlegen</a><a class="button secondary" href="/kandidaten/neu?${q}">Kandidat anlegen</a></div></div>`;
  }
  if (call.match.type === 'lead') {
    const l = await getLead(ctx.db, call.match.id);
    return html`<div class="card"><h2 style="margin-top:0">Lead <a href="/leads/${l.id}">${l.company}</a></h2>
<dl class="facts"><dt>Firma</dt><dd>${l.company}</dd><dt>Ansprechpartner</dt><dd>${l.contact_person ?? '–'}</dd>
<dt>Telefon</dt><dd>${l.phones.map(formatNumber).join(', ') || '–'}</dd><dt>E-Mail</dt><dd>${l.email ?? '–'}</dd><dt>Stadt</dt><dd>${l.city ?? '–'}</dd>
<dt>Notizen</dt><dd>${l.notes ?? '–'}</dd></dl>
<div class="actions"><a href="/leads/${l.id}/bearbeiten">Bearbeiten</a></div></div>`;
  }
  const c = await getCandidate(ctx.db, call.match.id);
  return html`<div class="card"><h2 style="margin-top:0">Kandidat <a href="/kandidaten/${c.id}">${c.first_name} ${c.last_name}</a></h2>
<dl class="facts"><dt>Name</dt><dd>${c.first_name} ${c.last_name}</dd><dt>Position</dt><dd>${c.position ?? '–'}</dd>
<dt>Status</dt><dd>${CANDIDATE_STATUSES[c.status as keyof typeof CANDIDATE_STATUSES] ?? c.status}</dd><dt>E-Mail</dt><dd>${c.email ?? '–'}</dd>
<dt>Telefon</dt><dd>${c.phones.map(formatNumber).join(', ') || '–'}</dd><dt>Stadt</dt><dd>${c.city ?? '–'}</dd><dt>Notizen</dt><dd>${c.notes ?? '–'}</dd></dl>
<div class="actions"><a href="/kandidaten/${c.id}/bearbeiten">Bearbeiten</a></div></div>`;
}
