import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { pageUser, viewerOf } from '../../auth/requestUser.ts';
import { callNoteDraftOf } from '../../calls/callNoteDrafts.ts';
import { saveCallNote } from '../../calls/callNoteSaver.ts';
import { getCallFor, listCalls } from '../../calls/callQueries.ts';
import { chooseCallRecord } from '../../calls/callRecordChooser.ts';
import type { CallView } from '../../calls/callView.ts';
import type { Config } from '../../config/config.ts';
import { getCandidate } from '../../crm/candidateStore.ts';
import { getLead } from '../../crm/leadStore.ts';
import { CANDIDATE_STATUSES } from '../../crm/recordInput.ts';
import type { DB } from '../../db/schema.ts';
import { form } from '../../http/form.ts';
import { q } from '../../http/query.ts';
import { orEmpty } from '../../http/validation.ts';
import type { EventBus } from '../../live/eventBus.ts';
import { formatNumber } from '../../phone/phoneNumber.ts';
import { NotFoundError, ValidationError } from '../../shared/errors.ts';
import { DIRECTION_LABELS, formatDateTime, formatDuration, formatTime, STATE_LABELS } from '../format.ts';
import { html, jsonBlock, type SafeHtml } from '../html.ts';
import { page } from '../layout.ts';
import { callConsentSection } from '../sections/callConsentSection.ts';
import { callRecordingNotes } from '../sections/callNotesSection.ts';
import { sendPage } from '../sendPage.ts';
import { callRows } from './callPages.ts';

const noteField = z.string({
  error: (issue) => (issue.input === undefined ? 'fehlt' : 'muss ein einzelner Text sein'),
});

export const callTitle = (call: CallView): string =>
  call.match && !call.recordConfirmed && call.alternatives.length > 0
    ? `${call.alternatives.length + 1} Treffer: ${[call.match, ...call.alternatives].map((m) => m.title).join(', ')}`
    : call.match
      ? call.match.title
      : call.number
        ? `Unbekannte Nummer ${call.numberDisplay}`
        : 'Anruf mit unterdrückter Nummer';

export const callStateLabel = (call: CallView): string =>
  call.endUnknown ? `${STATE_LABELS[call.state]} (Ende unbekannt)` : STATE_LABELS[call.state];

export interface CallScreenDeps {
  db: Kysely<DB>;
  bus: EventBus;
  config: Pick<Config, 'recordingConsentMode'>;
}

const callParams = z.object({ id: z.string() });

/**
 * The call screen: who calls, the record, and the recruiter's note. It never reloads: callScreen.js
 * updates state, duration and record in place from the live stream and saves the note as a draft while
 * it is typed (server side, so a reload, a crashed tab or another device finds it).
 */
export const callScreenPage: FastifyPluginAsyncZod<CallScreenDeps> = async (app, ctx) => {
  app.get(
    '/anrufe/:id',
    {
      config: { access: 'user' },
      schema: { params: callParams, querystring: z.object({ gespeichert: q.flag() }) },
    },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const viewer = viewerOf(user);
      const call = await getCallFor(ctx.db, viewer, req.params.id);
      if (!call) throw new NotFoundError('Anruf');
      const [history, draft] = await Promise.all([
        call.number
          ? listCalls(ctx.db, viewer, { number: call.number, limit: 20 }).then((r) =>
              r.items.filter((c) => c.id !== call.id),
            )
          : [],
        callNoteDraftOf(ctx.db, call.id, user.id),
      ]);
      const saved = req.query.gespeichert === true;
      // A draft newer than what was saved is what the recruiter last typed: it wins over the saved note.
      const text = draft?.text ?? call.notes ?? '';
      const { notes, ...view } = call;
      const body = html`<h1 id="call-title">${callTitle(call)}</h1>
<div class="grid">
  <section id="record-card" aria-live="polite">${await recordCard(ctx, call)}</section>
  <section class="card">
    <h2 style="margin-top:0">Anruf</h2>
    <dl class="facts">
      <dt>Zeit</dt><dd>${formatDateTime(call.startedAt)}</dd>
      <dt>Richtung</dt><dd>${DIRECTION_LABELS[call.direction]}</dd>
      <dt>Nummer</dt><dd>${call.numberDisplay}${call.remoteName ? ` (${call.remoteName})` : ''}</dd>
      <dt>Status</dt><dd><span class="badge ${call.state}" id="call-state" role="status">${callStateLabel(call)}</span></dd>
      <dt>Dauer</dt><dd id="call-duration">${formatDuration(call.durationSeconds)}</dd>
    </dl>
    <form method="post" action="/anrufe/${call.id}/notiz" class="stack" id="note-form">
      <label for="notiz">Notiz zum Gespräch</label>
      <textarea id="notiz" name="notiz" rows="6" placeholder="Was wurde besprochen? Wird beim Tippen als Entwurf gesichert.">${text}</textarea>
      <div class="actions"><button type="submit" class="primary">Notiz speichern</button><span class="muted" id="note-status" role="status">${
        saved && !draft
          ? 'Gespeichert.'
          : draft
            ? `Entwurf von ${formatTime(draft.updatedAt)} Uhr – noch nicht gespeichert.`
            : ''
      }</span></div>
    </form>
  </section>
</div>
${await callConsentSection(ctx, call)}
${await callRecordingNotes(ctx.db, call.id)}
<h2>Weitere Anrufe mit dieser Nummer</h2>
${history.length ? callRows(history, null) : html`<div class="empty">Keine weiteren Anrufe mit dieser Nummer.</div>`}
${jsonBlock('call-data', { call: view, savedNote: notes ?? '', draftAt: draft?.updatedAt ?? null })}`;
      return sendPage(
        reply,
        page({ title: 'Anruf', user, section: 'anrufe', scripts: ['callScreen.js', 'callConsent.js'] }, body),
      );
    },
  );

  app.post(
    '/anrufe/:id/notiz',
    {
      config: { access: 'user' },
      // The page's form always sends the field (empty to clear the note): a post without it is no
      // request to blank the note someone wrote.
      schema: { params: callParams, body: orEmpty(z.object({ notiz: noteField })) },
    },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const call = await getCallFor(ctx.db, viewerOf(user), req.params.id);
      if (!call) throw new NotFoundError('Anruf');
      await saveCallNote(ctx.db, call.id, req.body.notiz, user.id);
      return reply.redirect(`/anrufe/${call.id}?gespeichert=1`, 303);
    },
  );

  // Without script: the choice among several records for the number, as a plain form.
  app.post(
    '/anrufe/:id/datensatz',
    {
      config: { access: 'user' },
      schema: { params: callParams, body: orEmpty(z.object({ datensatz: form.text() })) },
    },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const call = await getCallFor(ctx.db, viewerOf(user), req.params.id);
      if (!call) throw new NotFoundError('Anruf');
      const m = /^(lead|candidate):(.{1,100})$/.exec(req.body.datensatz ?? '');
      if (!m) throw new ValidationError('Bitte einen Datensatz auswählen');
      await chooseCallRecord({ db: ctx.db, bus: ctx.bus }, call.id, {
        type: m[1] === 'lead' ? 'lead' : 'candidate',
        id: m[2]!,
      });
      return reply.redirect(`/anrufe/${call.id}`, 303);
    },
  );
};

/** The choice the pop-up offers too: a number on several records, nobody chose yet. */
function recordChoice(call: CallView): SafeHtml {
  if (call.recordConfirmed || !call.match || call.alternatives.length === 0) return html``;
  const all = [call.match, ...call.alternatives];
  return html`<div class="card choice" id="record-choice">
<p><strong>${all.length} Treffer für ${call.numberDisplay}:</strong> ${all.map((m) => m.title).join(', ')}.
Um welchen Datensatz geht es? Die Notiz aus der Aufnahme wird dort abgelegt.</p>
<form method="post" action="/anrufe/${call.id}/datensatz" class="actions choice-form">
${all.map((m) => html`<button type="submit" name="datensatz" value="${m.type}:${m.id}" class="button secondary">${m.title}${m.subtitle ? html` <span class="muted">(${m.subtitle})</span>` : ''}</button>`)}
</form></div>`;
}

async function recordCard(ctx: { db: Kysely<DB> }, call: CallView): Promise<SafeHtml> {
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
    return html`${recordChoice(call)}<div class="card" data-record="lead:${l.id}"><h2 style="margin-top:0">Lead <a href="/leads/${l.id}">${l.company}</a></h2>
<dl class="facts"><dt>Firma</dt><dd>${l.company}</dd><dt>Ansprechpartner</dt><dd>${l.contact_person ?? '–'}</dd>
<dt>Telefon</dt><dd>${l.phones.map(formatNumber).join(', ') || '–'}</dd><dt>E-Mail</dt><dd>${l.email ?? '–'}</dd><dt>Stadt</dt><dd>${l.city ?? '–'}</dd>
<dt>Notizen</dt><dd>${l.notes ?? '–'}</dd></dl>
<div class="actions"><a href="/leads/${l.id}/bearbeiten">Bearbeiten</a></div></div>`;
  }
  const c = await getCandidate(ctx.db, call.match.id);
  return html`${recordChoice(call)}<div class="card" data-record="candidate:${c.id}"><h2 style="margin-top:0">Kandidat <a href="/kandidaten/${c.id}">${c.first_name} ${c.last_name}</a></h2>
<dl class="facts"><dt>Name</dt><dd>${c.first_name} ${c.last_name}</dd><dt>Position</dt><dd>${c.position ?? '–'}</dd>
<dt>Status</dt><dd>${CANDIDATE_STATUSES[c.status as keyof typeof CANDIDATE_STATUSES] ?? c.status}</dd><dt>E-Mail</dt><dd>${c.email ?? '–'}</dd>
<dt>Telefon</dt><dd>${c.phones.map(formatNumber).join(', ') || '–'}</dd><dt>Stadt</dt><dd>${c.city ?? '–'}</dd><dt>Notizen</dt><dd>${c.notes ?? '–'}</dd></dl>
<div class="actions"><a href="/kandidaten/${c.id}/bearbeiten">Bearbeiten</a></div></div>`;
}
