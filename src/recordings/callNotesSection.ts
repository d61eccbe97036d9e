import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { formatDate, formatDateTime } from '../web/format.ts';
import { html, type SafeHtml } from '../web/html.ts';
import { displayValue } from './callNoteApplier.ts';

const LABELS: Record<string, string> = {
  current_position: 'Position',
  current_employer: 'Arbeitgeber',
  current_salary_eur: 'Aktuelles Gehalt',
  salary_expectation: 'Gehaltswunsch',
  notice_period: 'Kündigungsfrist',
  available_from: 'Verfügbar ab',
  willing_to_relocate: 'Umzugsbereit',
  work_model: 'Arbeitsmodell',
  preferred_locations: 'Wunschorte',
  skills: 'Kenntnisse',
};

/** On a lead's or candidate's page: what calls said (fields, suggestions to decide), tasks and the timeline. */
export async function callNotesSection(
  db: Kysely<DB>,
  type: 'lead' | 'candidate',
  id: string,
): Promise<SafeHtml> {
  const [entries, tasks, suggestions, cand] = await Promise.all([
    db
      .selectFrom('timeline_entries')
      .selectAll()
      .where('record_type', '=', type)
      .where('record_id', '=', id)
      .orderBy('created_at', 'desc')
      .limit(50)
      .execute(),
    db
      .selectFrom('tasks')
      .selectAll()
      .where('record_type', '=', type)
      .where('record_id', '=', id)
      .where('done_at', 'is', null)
      .orderBy('due_date')
      .execute(),
    type === 'candidate'
      ? db
          .selectFrom('suggestions')
          .selectAll()
          .where('candidate_id', '=', id)
          .where('status', '=', 'open')
          .orderBy('created_at')
          .execute()
      : [],
    type === 'candidate'
      ? db.selectFrom('candidates').selectAll().where('id', '=', id).executeTakeFirst()
      : undefined,
  ]);
  const known = cand ? Object.entries(LABELS).filter(([col]) => cand[col as keyof typeof cand] !== null) : [];
  return html`
${known.length ? html`<h2>Aus Gesprächen</h2><div class="card"><dl class="facts">${known.map(([col, label]) => html`<dt>${label}</dt><dd>${displayValue(col, cand![col as keyof typeof cand])}</dd>`)}</dl></div>` : ''}
${
  suggestions.length
    ? html`<h2>Vorschläge aus Gesprächen</h2><div class="card" id="suggestions">${suggestions.map(
        (
          s,
        ) => html`<div class="suggestion"><strong>Vorschlag: ${LABELS[s.field] ?? s.field} ${displayValue(s.field, s.suggested_value)}</strong> statt ${displayValue(s.field, s.current_value)}
<form method="post" action="/vorschlaege/${s.id}/annehmen" class="inline"><button type="submit" class="button">Übernehmen</button></form>
<form method="post" action="/vorschlaege/${s.id}/ablehnen" class="inline"><button type="submit" class="button secondary">Ablehnen</button></form></div>`,
      )}</div>`
    : ''
}
${tasks.length ? html`<h2>Aufgaben</h2><ul class="card">${tasks.map((t) => html`<li>${formatDate(t.due_date)}: ${t.title}</li>`)}</ul>` : ''}
<h2>Gesprächsnotizen</h2>
${
  entries.length
    ? entries.map((e) => timelineEntry(e, 'call'))
    : html`<div class="empty">Noch keine Gesprächsnotizen. Nach einem aufgezeichneten Anruf erscheint hier die Zusammenfassung.</div>`
}`;
}

type TimelineRow = Awaited<ReturnType<typeof timelineOfCall>>[number];

/** One note from a recording; it links to the other side: the call from a record's page, and back. */
function timelineEntry(e: TimelineRow, link: 'call' | 'record'): SafeHtml {
  const steps = JSON.parse(e.next_steps) as string[];
  const to =
    link === 'call'
      ? e.call_id
        ? html` · <a href="/anrufe/${e.call_id}">zum Anruf</a>`
        : ''
      : html` · <a href="/${e.record_type === 'lead' ? 'leads' : 'kandidaten'}/${e.record_id}">zum ${e.record_type === 'lead' ? 'Lead' : 'Kandidaten'}</a>`;
  return html`<article class="card timeline-entry"><div class="muted">${formatDateTime(e.created_at)}${to}</div>
<p>${e.summary}</p>${steps.length ? html`<ul>${steps.map((s) => html`<li>${s}</li>`)}</ul>` : ''}
${e.transcript ? html`<details><summary>Transkript</summary><pre style="white-space:pre-wrap">${e.transcript}</pre></details>` : ''}</article>`;
}

function timelineOfCall(db: Kysely<DB>, callId: string) {
  return db
    .selectFrom('timeline_entries')
    .selectAll()
    .where('call_id', '=', callId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** On a call's screen: the notes its recording became (empty until the recording is processed). */
export async function callRecordingNotes(db: Kysely<DB>, callId: string): Promise<SafeHtml> {
  const entries = await timelineOfCall(db, callId);
  return entries.length
    ? html`<h2>Aus der Aufnahme</h2>${entries.map((e) => timelineEntry(e, 'record'))}`
    : html``;
}
