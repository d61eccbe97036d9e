import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { pageUser, viewerOf } from '../../auth/requestUser.ts';
import { getCallFor } from '../../calls/callQueries.ts';
import type { Config } from '../../config/config.ts';
import type { ConsentChannel, ConsentKind, DB, User } from '../../db/schema.ts';
import { form } from '../../http/form.ts';
import { orEmpty } from '../../http/validation.ts';
import { formatNumber } from '../../phone/phoneNumber.ts';
import {
  CHANNEL_LABELS,
  CONSENT_KIND_LABELS,
  consentHistory,
  consentInput,
  consentRefusal,
  consentStateOf,
  recordConsent,
} from '../../privacy/consentRecorder.ts';
import { getErasure, listErasures, requestErasure } from '../../privacy/personEraser.ts';
import { exportPerson, type PersonExport } from '../../privacy/personExporter.ts';
import { findTraces } from '../../privacy/personTraces.ts';
import { BLOCK_LABELS } from '../../privacy/recordingConsentGate.ts';
import { assertRecordExists, type PersonRef } from '../../privacy/subjects.ts';
import { AppError, NotFoundError } from '../../shared/errors.ts';
import { formatDateTime } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { page } from '../layout.ts';
import { personRef } from '../privacyApi.ts';
import { sendPage } from '../sendPage.ts';

const recordPath = (p: PersonRef) => `/${p.type === 'lead' ? 'leads' : 'kandidaten'}/${p.id}`;
/** The "Datenschutz" card of a lead's or candidate's page: state, history, setting it, export, erasure. */
export async function privacySection(
  ctx: { db: Kysely<DB>; config: Pick<Config, 'recordingConsentMode'> },
  user: User,
  person: PersonRef,
): Promise<SafeHtml> {
  const [state, history] = await Promise.all([
    consentStateOf(ctx.db, person),
    consentHistory(ctx.db, person),
  ]);
  const mode = ctx.config.recordingConsentMode;
  const badge = state.objected
    ? html`<span class="badge missed" id="consent-state">Widerspruch: Aufzeichnung ausschalten</span>`
    : state.consented
      ? html`<span class="badge connected" id="consent-state">Einwilligung erteilt</span>`
      : html`<span class="badge" id="consent-state">${mode === 'consent' ? 'Keine Einwilligung: Aufnahmen werden ungelesen gelöscht' : 'Kein Widerspruch'}</span>`;
  const base = `/datenschutz/${person.type}/${person.id}`;
  return html`<h2>Datenschutz</h2>
<div class="card" id="privacy">
<p>${badge} <span class="muted">Modus: ${mode === 'consent' ? 'nur mit Einwilligung aufzeichnen' : 'aufzeichnen, außer bei Widerspruch'}</span></p>
<form method="post" action="${base}/einwilligung" class="toolbar">
  <label>Eintrag<select name="kind">${Object.entries(CONSENT_KIND_LABELS).map(([k, l]) => html`<option value="${k}">${l}</option>`)}</select></label>
  <label>Wie<select name="channel">${Object.entries(CHANNEL_LABELS).map(([k, l]) => html`<option value="${k}">${l}</option>`)}</select></label>
  <label>Bemerkung<input type="text" name="note" maxlength="500" placeholder="optional"></label>
  <button type="submit" class="primary">Eintragen</button>
</form>
${
  history.length
    ? html`<table id="consent-history"><thead><tr><th>Wann</th><th>Was</th><th>Wie</th><th>Wer</th><th>Bemerkung</th></tr></thead><tbody>${history.map(
        (e) =>
          html`<tr><td>${formatDateTime(e.at)}</td><td>${CONSENT_KIND_LABELS[e.kind]}${e.callId ? html` <a href="/anrufe/${e.callId}">(im Anruf)</a>` : ''}</td><td>${CHANNEL_LABELS[e.channel]}</td><td>${e.byName ?? '–'}</td><td>${e.note ?? ''}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">Noch kein Widerspruch und keine Einwilligung eingetragen.</p>`
}
<div class="actions">
  <a class="button secondary" id="export-page" href="${base}/auskunft">Auskunft (Art. 15) ansehen</a>
  <a class="button secondary" id="export-json" href="/api/privacy/export/${person.type}/${person.id}" download>Auskunft als JSON</a>
  ${user.role === 'admin' ? html`<a class="button danger" id="erase" href="${base}/loeschen">Person löschen (Art. 17)</a> <a href="/datenschutz/loeschungen">Bisherige Löschungen</a>` : ''}
</div>
</div>`;
}

/** The tables of the access export: heading, rows and their columns (key, heading). */
const exportTables = (d: PersonExport): [string, Record<string, unknown>[], [string, string][]][] => [
  [
    'Anrufe',
    d.calls,
    [
      ['started_at', 'Beginn'],
      ['direction', 'Richtung'],
      ['remote_number', 'Nummer'],
      ['remote_name', 'Name'],
      ['state', 'Status'],
      ['notes', 'Notiz'],
    ],
  ],
  [
    'Gesprächsnotizen',
    d.notes,
    [
      ['created_at', 'Wann'],
      ['summary', 'Zusammenfassung'],
      ['next_steps', 'Nächste Schritte'],
      ['transcript', 'Transkript'],
    ],
  ],
  [
    'Aufnahmen',
    d.recordings,
    [
      ['receivedAt', 'Eingang'],
      ['status', 'Status'],
      ['transcript', 'Transkript'],
      ['deletedUnreadBecause', 'Ungelesen gelöscht'],
      ['deletedAtWebex', 'Bei Webex gelöscht'],
      ['deletionConfirmation', 'Bestätigung'],
    ],
  ],
  [
    'Vorschläge',
    d.suggestions,
    [
      ['created_at', 'Wann'],
      ['field', 'Feld'],
      ['current_value', 'Bisher'],
      ['suggested_value', 'Vorschlag'],
      ['status', 'Status'],
    ],
  ],
  [
    'Aufgaben',
    d.tasks,
    [
      ['due_date', 'Fällig'],
      ['title', 'Aufgabe'],
      ['done_at', 'Erledigt'],
    ],
  ],
  [
    'Verlauf des Datensatzes',
    d.history,
    [
      ['occurred_at', 'Wann'],
      ['kind', 'Art'],
      ['text', 'Eintrag'],
    ],
  ],
  [
    'Widerspruch und Einwilligung',
    d.consentHistory.map((e) => ({
      ...e,
      kind: CONSENT_KIND_LABELS[e['kind'] as ConsentKind] ?? e['kind'],
      channel: CHANNEL_LABELS[e['channel'] as ConsentChannel] ?? e['channel'],
    })),
    [
      ['at', 'Wann'],
      ['kind', 'Was'],
      ['channel', 'Wie'],
      ['byName', 'Wer'],
      ['note', 'Bemerkung'],
    ],
  ],
  [
    'Protokoll der Aufnahmen',
    d.auditEntries,
    [
      ['at', 'Wann'],
      ['event', 'Ereignis'],
      ['detail', 'Detail'],
    ],
  ],
];

function exportBody(d: PersonExport): SafeHtml {
  const rows = (items: Record<string, unknown>[], cols: [string, string][]) =>
    items.length
      ? html`<table><thead><tr>${cols.map(([, l]) => html`<th>${l}</th>`)}</tr></thead><tbody>${items.map(
          (it) =>
            html`<tr>${cols.map(([k]) => {
              const v = it[k];
              const s =
                v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v);
              return html`<td>${/_at$|At$|^at$/.test(k) && typeof v === 'string' ? formatDateTime(v) : s}</td>`;
            })}</tr>`,
        )}</tbody></table>`
      : html`<p class="muted">Keine.</p>`;
  const tables = exportTables(d).map(
    ([title, items, cols]) => html`
<h2>${title} (${items.length})</h2>
${rows(items, cols)}`,
  );
  return html`<p class="muted">Erstellt ${formatDateTime(d.createdAt)}. Diese Seite zeigt alles, was CallBridge zu dieser Person speichert; dieselben Daten gibt es als JSON-Datei.</p>
<h2>Stammdaten</h2>
${d.records.length ? d.records.map((r) => html`<div class="card"><h3>${r.type === 'lead' ? 'Lead (Ansprechpartner)' : 'Kandidat'}</h3><dl class="facts">${Object.entries(r.data).map(([k, v]) => html`<dt>${k}</dt><dd>${v === null ? '–' : String(v)}</dd>`)}<dt>Telefonnummern</dt><dd>${r.phoneNumbers.map((p) => formatNumber(p.e164)).join(', ') || '–'}</dd></dl></div>`) : html`<p class="muted">Kein Lead und kein Kandidat.</p>`}${tables}
<h2>Live-Ereignisse (${d.liveEvents.length}) und Webex-Meldungen (${d.webhookDeliveries.length})</h2>
<p class="muted">Kurzlebige technische Kopien der Anrufe (für Pop-ups und zur Wiederholung); vollständig in der JSON-Datei.</p>`;
}

/** The access export as a file of its own (CLI `--html`): readable without CallBridge. */
export function standaloneExportPage(d: PersonExport): SafeHtml {
  return html`<!doctype html>
<html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Auskunft nach Art. 15 DSGVO · CallBridge</title>
<style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:1rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}.muted{color:#666}</style>
</head><body><h1>Auskunft nach Art. 15 DSGVO</h1>${exportBody(d)}</body></html>`;
}

const personParams = z.object({ type: z.string(), id: z.string() });

export const privacyPages: FastifyPluginAsyncZod<{ db: Kysely<DB> }> = async (app, ctx) => {
  app.post(
    '/datenschutz/:type/:id/einwilligung',
    {
      config: { access: 'user', invalidInput: consentRefusal },
      schema: { params: personParams, body: orEmpty(consentInput) },
    },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const person = personRef(req.params.type, req.params.id);
      await recordConsent(ctx.db, { person }, req.body, user.id);
      return reply.redirect(`${recordPath(person)}#privacy`, 303);
    },
  );

  // The call screen's buttons without script.
  app.post(
    '/anrufe/:id/einwilligung',
    {
      config: { access: 'user', invalidInput: consentRefusal },
      schema: { params: z.object({ id: z.string() }), body: orEmpty(consentInput) },
    },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const call = await getCallFor(ctx.db, viewerOf(user), req.params.id);
      if (!call) throw new NotFoundError('Anruf');
      await recordConsent(
        ctx.db,
        { person: call.match ? { type: call.match.type, id: call.match.id } : null, callId: call.id },
        req.body,
        user.id,
      );
      return reply.redirect(`/anrufe/${call.id}#call-consent`, 303);
    },
  );

  app.get<{ Params: { type: string; id: string } }>(
    '/datenschutz/:type/:id/auskunft',
    { config: { access: 'user' } },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const person = personRef(req.params.type, req.params.id);
      await assertRecordExists(ctx.db, person);
      const d = await exportPerson(ctx.db, { person });
      const title = `Auskunft nach Art. 15 DSGVO`;
      return sendPage(
        reply.header('cache-control', 'no-store'),
        page(
          { title, user, section: person.type === 'lead' ? 'leads' : 'kandidaten' },
          html`<h1>${title}</h1><p><a href="${recordPath(person)}">← zurück zum Datensatz</a> · <a href="/api/privacy/export/${person.type}/${person.id}" download>als JSON herunterladen</a></p>${exportBody(d)}`,
        ),
      );
    },
  );

  const adminOnly = (user: User) => {
    if (user.role !== 'admin')
      throw new AppError('forbidden', 'Nur Administratoren dürfen Personen löschen', {
        status: 403,
        hint: 'Eine Administratorin oder einen Administrator bitten.',
      });
  };

  app.get<{ Params: { type: string; id: string } }>(
    '/datenschutz/:type/:id/loeschen',
    { config: { access: 'admin' } },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      adminOnly(user);
      const person = personRef(req.params.type, req.params.id);
      await assertRecordExists(ctx.db, person);
      const t = await findTraces(ctx.db, { person });
      return sendPage(
        reply,
        page(
          { title: 'Person löschen', user },
          html`<h1>Person löschen (Art. 17 DSGVO)</h1>
<div class="card"><p>Gelöscht werden endgültig: der Datensatz mit ${t.numbers.length} Telefonnummer(n), Nummer und Name in ${t.callIds.length} Anruf(en), ${t.timelineIds.length} Gesprächsnotiz(en) mit Transkript, ${t.suggestionIds.length} Vorschlag/Vorschläge, ${t.taskIds.length} Aufgabe(n), ${t.consentIds.length} Einträge zu Widerspruch/Einwilligung, ${t.liveEventIds.length} Live-Ereignis(se), ${t.deliveryIds.length} gespeicherte Webex-Meldung(en) und ${t.recordingIds.length} Aufnahme(n) (noch bei Webex liegende werden dort gelöscht). Übrig bleibt nur ein Vermerk ohne personenbezogene Daten: dass, wann und von wem gelöscht wurde.</p>
<p><strong>Das lässt sich nicht rückgängig machen.</strong> Vorher die <a href="/datenschutz/${person.type}/${person.id}/auskunft">Auskunft</a> sichern, falls die Person sie verlangt hat.</p>
<form method="post" action="/datenschutz/${person.type}/${person.id}/loeschen" class="stack">
<label><input type="checkbox" name="confirm" value="ja" required> Ja, diese Person endgültig löschen</label>
<div class="actions"><button type="submit" class="button danger" id="erase-confirm">Endgültig löschen</button><a href="${recordPath(person)}">Abbrechen</a></div>
</form></div>`,
        ),
      );
    },
  );

  app.post(
    '/datenschutz/:type/:id/loeschen',
    {
      config: { access: 'admin' },
      schema: { params: personParams, body: orEmpty(z.object({ confirm: form.text() })) },
    },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      adminOnly(user);
      const person = personRef(req.params.type, req.params.id);
      if (req.body.confirm !== 'ja')
        throw new AppError('not_confirmed', 'Löschen nicht bestätigt', {
          status: 400,
          hint: 'Das Kästchen „Ja, diese Person endgültig löschen“ ankreuzen.',
        });
      const { id } = await requestErasure(ctx.db, { person }, user.id);
      return reply.redirect(`/datenschutz/loeschungen/${id}`, 303);
    },
  );

  app.get('/datenschutz/loeschungen', { config: { access: 'admin' } }, async (req, reply) => {
    const user = pageUser(req, reply);
    if (!user) return reply;
    adminOnly(user);
    const rows = await listErasures(ctx.db);
    const kind = { lead: 'Lead', candidate: 'Kandidat', phone: 'Telefonnummer' } as const;
    return sendPage(
      reply,
      page(
        { title: 'Löschungen', user },
        html`<h1>Löschungen nach Art. 17 DSGVO</h1>
<p class="muted">Vermerke ohne Personendaten: dass, wann und von wem gelöscht wurde, und wie viel.</p>
${
  rows.length
    ? html`<table id="erasures"><thead><tr><th>Beantragt</th><th>Wer</th><th>Was</th><th>Status</th><th>Entfernt</th></tr></thead><tbody>${rows.map(
        (e) =>
          html`<tr><td><a href="/datenschutz/loeschungen/${e.id}">${formatDateTime(e.requestedAt)}</a></td><td>${e.by}</td><td>${kind[e.subjectType]}</td><td>${e.status === 'done' ? `abgeschlossen ${formatDateTime(e.finishedAt)}` : 'läuft …'}</td><td>${e.summary ? `${e.summary.records} Datensatz, ${e.summary.calls} Anrufe, ${e.summary.notes} Notizen, ${e.summary.recordings} Aufnahmen` : '–'}</td></tr>`,
      )}</tbody></table>`
    : html`<div class="empty">Noch keine Löschungen. Eine Person löscht man auf der Seite ihres Datensatzes unter „Datenschutz“.</div>`
}`,
      ),
    );
  });

  app.get<{ Params: { id: string } }>(
    '/datenschutz/loeschungen/:id',
    { config: { access: 'admin' } },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      adminOnly(user);
      const e = await getErasure(ctx.db, req.params.id);
      const s = e.summary;
      return sendPage(
        reply,
        page(
          { title: 'Löschung', user },
          html`${e.status === 'done' ? '' : html`<meta http-equiv="refresh" content="2">`}<h1>Löschung nach Art. 17 DSGVO</h1>
<div class="card" id="erasure" data-status="${e.status}"><dl class="facts"><dt>Status</dt><dd>${e.status === 'done' ? 'abgeschlossen' : 'läuft …'}</dd><dt>Beantragt</dt><dd>${formatDateTime(e.requestedAt)}</dd><dt>Abgeschlossen</dt><dd>${e.finishedAt ? formatDateTime(e.finishedAt) : '–'}</dd>
${s ? html`<dt>Entfernt</dt><dd>${s.records} Datensatz, ${s.phoneNumbers} Nummer(n), ${s.calls} Anruf(e) anonymisiert, ${s.notes} Notiz(en), ${s.recordings} Aufnahme(n), ${s.suggestions} Vorschläge, ${s.tasks} Aufgaben, ${s.consentEntries} Einwilligungs-Einträge, ${s.historyEntries} Verlaufseinträge, ${s.liveEvents} Live-Ereignisse, ${s.webhookDeliveries} Webex-Meldungen, ${s.forwardsCancelled} Weiterleitungen abgebrochen</dd><dt>Bei Webex</dt><dd>${s.recordingsToDeleteAtWebex ? html`${s.recordingsToDeleteAtWebex} Aufnahme(n) werden gelöscht — Stand unter <a href="/aufnahmen">Aufnahmen</a> („${BLOCK_LABELS.erased}“)` : 'nichts mehr vorhanden'}</dd>` : ''}</dl></div>
<p><a href="/datenschutz/loeschungen">Alle Löschungen</a> · <a href="/anrufe">Zu den Anrufen</a></p>`,
        ),
      );
    },
  );
};
