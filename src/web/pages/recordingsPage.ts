import type { FastifyPluginAsync } from 'fastify';
import type { Kysely } from 'kysely';
import { pageUser } from '../../auth/requestUser.ts';
import type { DB } from '../../db/schema.ts';
import { formatNumber } from '../../phone/phoneNumber.ts';
import { overdueDeletions } from '../../privacy/deletionProofReport.ts';
import { BLOCK_LABELS } from '../../privacy/recordingConsentGate.ts';
import { retryRecording } from '../../recordings/inboxAssigner.ts';
import { pipelineHealth } from '../../recordings/recordingHealth.ts';
import { STATUS, STEP } from '../../recordings/recordingLabels.ts';
import { assertRecordingVisible, onlyVisibleRecordings } from '../../recordings/recordingScope.ts';
import { decideSuggestion } from '../../recordings/suggestionDecider.ts';
import { undoSuggestion } from '../../recordings/suggestionUndoer.ts';
import { AppError } from '../../shared/errors.ts';
import { formatDateTime } from '../format.ts';
import { html } from '../html.ts';
import { page } from '../layout.ts';
import { sendPage } from '../sendPage.ts';

const seconds = (from: string, to: string) =>
  Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
const span = (s: number) =>
  s < 1
    ? 'unter 1 s'
    : s < 120
      ? `${s} s`
      : s < 7200
        ? `${Math.round(s / 60)} min`
        : `${Math.round(s / 3600)} h`;

/** Done: how long the whole way took; else how long the current step has been at it. */
function timing(r: { status: string; created_at: string; updated_at: string; done_at: string | null }) {
  if (r.done_at) return `gesamt ${span(seconds(r.created_at, r.done_at))}`;
  if (r.status === 'running') return `läuft seit ${span(seconds(r.updated_at, new Date().toISOString()))}`;
  return `seit ${span(seconds(r.updated_at, new Date().toISOString()))}`;
}

/**
 * "Aufnahmen" (each recording's way through the pipeline) and the forms posted from pages: retry a
 * recording, decide or undo a suggestion. `pipeline.tick` starts a retried recording at once.
 */
export const recordingsPage: FastifyPluginAsync<{ db: Kysely<DB>; pipeline: { tick(): unknown } }> = async (
  app,
  ctx,
) => {
  const { pipeline } = ctx;
  app.get('/aufnahmen', { config: { access: 'user' } }, async (req, reply) => {
    const user = pageUser(req, reply);
    if (!user) return reply;
    const [rows, health, overdue] = await Promise.all([
      onlyVisibleRecordings(ctx.db.selectFrom('recordings').selectAll(), user)
        .orderBy('created_at', 'desc')
        .limit(100)
        .execute(),
      pipelineHealth(ctx.db),
      overdueDeletions(ctx.db, { scope: (q) => onlyVisibleRecordings(q, user) }),
    ]);
    const busy = rows.some((r) => r.status === 'running' || r.status === 'pending');
    const body = html`<h1>Aufnahmen</h1>
${busy ? html`<meta http-equiv="refresh" content="5">` : ''}
<p class="muted">Jede Aufnahme läuft durch: Details → Audio → Transkript → Auswertung → Eintrag beim Datensatz → Löschen bei Webex (DSGVO). Jeder Schritt ist gespeichert, bevor der nächste beginnt.</p>
${
  health.deleteForbidden
    ? html`<div class="banner error" id="delete-forbidden"><strong>${health.deleteForbidden} ${health.deleteForbidden === 1 ? 'Aufnahme konnte' : 'Aufnahmen konnten'} nicht gelöscht werden — Berechtigung fehlt, bitte Webex neu verbinden.</strong> Die Notizen sind gespeichert; nach dem <a href="/webex">erneuten Verbinden</a> wird das Löschen automatisch wiederholt.</div>`
    : ''
}
${
  overdue.length
    ? html`<div class="banner error" id="deletion-overdue"><strong>${overdue.length} ${overdue.length === 1 ? 'Aufnahme liegt' : 'Aufnahmen liegen'} mehr als 5 Minuten nach dem Ergebnis noch bei Webex.</strong> Webex hat das Löschen nicht bestätigt; der Grund steht unten unter „Letzter Fehler“. Das Löschen wird wiederholt.</div>`
    : ''
}
${
  rows.length === 0
    ? html`<div class="empty">Noch keine Aufnahmen. Sobald Webex eine Gesprächsaufnahme meldet, erscheint sie hier.</div>`
    : html`<table id="recordings"><thead><tr><th>Eingang</th><th>Nummer</th><th>Schritt</th><th>Status</th><th>Dauer</th><th>Versuche</th><th>Letzter Fehler</th><th>Bei Webex gelöscht</th><th></th></tr></thead><tbody>${rows.map(
        (
          r,
        ) => html`<tr data-recording-id="${r.id}"><td>${formatDateTime(r.created_at)}</td><td>${r.remote_number ? formatNumber(r.remote_number) : '–'}</td><td>${STEP[r.step] ?? r.step}</td>
<td><span class="badge ${r.status === 'failed' ? 'missed' : r.status === 'done' ? 'connected' : 'ringing'}">${STATUS[r.status] ?? r.status}</span>${r.privacy_block ? html` <span class="badge missed privacy-block">${BLOCK_LABELS[r.privacy_block]}</span>` : ''}${r.inbox ? html` <a href="/nicht-zugeordnet">im Eingang</a>` : ''}</td>
<td>${timing(r)}</td>
<td>${r.status === 'done' ? '–' : r.attempts}</td><td>${r.last_error ?? ''}${r.status === 'pending' && r.attempts > 0 ? html`<br><span class="muted">nächster Versuch ${formatDateTime(r.next_attempt_at)}</span>` : ''}</td>
<td class="deletion-proof">${r.deleted_at_webex ? html`${formatDateTime(r.deleted_at_webex)}${r.deletion_confirmation ? html`<br><span class="muted">${r.deletion_confirmation}</span>` : ''}` : 'noch nicht'}</td>
<td>${r.status === 'failed' || r.status === 'waiting' ? html`<form method="post" action="/aufnahmen/${r.id}/erneut" class="inline"><button type="submit" class="button secondary">Erneut versuchen</button></form>` : ''}</td></tr>`,
      )}</tbody></table>`
}`;
    return sendPage(reply, page({ title: 'Aufnahmen', user, section: 'aufnahmen' }, body));
  });

  app.post<{ Params: { id: string } }>(
    '/aufnahmen/:id/erneut',
    { config: { access: 'user' } },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      await assertRecordingVisible(ctx.db, user, req.params.id);
      await retryRecording(ctx.db, req.params.id);
      void pipeline.tick();
      return reply.redirect('/aufnahmen', 303);
    },
  );

  app.post<{ Params: { id: string; decision: string } }>(
    '/vorschlaege/:id/:decision',
    { config: { access: 'user' } },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const by = { userId: user.id, name: user.display_name };
      const d = req.params.decision;
      if (d === 'rueckgaengig') {
        const { candidateId } = await undoSuggestion(ctx.db, req.params.id, by);
        return reply.redirect(
          `/kandidaten/${candidateId}?vorschlag=${req.params.id}&hinweis=rueckgaengig`,
          303,
        );
      }
      const accept = d === 'annehmen';
      if (!accept && d !== 'ablehnen')
        throw new AppError('not_found', `Unbekannte Entscheidung „${d}“ über einen Vorschlag`, {
          status: 404,
          hint: 'Auf der Seite des Kandidaten „Übernehmen“, „Ablehnen“ oder „Rückgängig“ wählen.',
        });
      const { candidateId } = await decideSuggestion(ctx.db, req.params.id, accept, by);
      return reply.redirect(`/kandidaten/${candidateId}?vorschlag=${req.params.id}`, 303);
    },
  );
};
