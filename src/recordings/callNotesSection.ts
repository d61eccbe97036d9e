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
    ? entries.map(
        (
          e,
        ) => html`<article class="card timeline-entry"><div class="muted">${formatDateTime(e.created_at)}${e.call_id ? html` · <a href="/anrufe/${e.call_id}">zum Anruf</a>` : ''}</div>
<p>${e.summary}</p>${(JSON.parse(e.next_steps) as string[]).length ? html`<ul>${(JSON.parse(e.next_steps) as string[]).map((s) => html`<li>${s}</li>`)}</ul>` : ''}
${e.transcript ? html`<details><summary>Transkript</summary><pre style="white-space:pre-wrap">${e.transcript}</pre></details>` : ''}</article>`,
      )
    : html`<div class="empty">Noch keine Gesprächsnotizen. Nach einem aufgezeichneten Anruf erscheint hier die Zusammenfassung.</div>`
}`;
}
