import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type CallNote, callNotesOf } from '../../recordings/callNotes.ts';
import { formatDateTime } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';

/** One note from a recording; it links to the other side: the call from a record's page, and back. */
function timelineEntry(e: CallNote, link: 'call' | 'record'): SafeHtml {
  const steps = JSON.parse(e.next_steps) as string[];
  const to =
    link === 'call'
      ? e.call_id
        ? html` · <a href="/anrufe/${e.call_id}">zum Anruf</a>`
        : ''
      : html` · <a href="/${e.record_type === 'lead' ? 'leads' : 'kandidaten'}/${e.record_id}">zum ${e.record_type === 'lead' ? 'Lead' : 'Kandidaten'}</a>`;
  return html`<article class="card timeline-entry"><div class="muted">${formatDateTime(e.occurred_at ?? e.created_at)}${to}</div>
<p>${e.summary}</p>${steps.length ? html`<ul>${steps.map((s) => html`<li>${s}</li>`)}</ul>` : ''}
${e.transcript ? html`<details><summary>Transkript</summary><pre style="white-space:pre-wrap">${e.transcript}</pre></details>` : ''}</article>`;
}

/** On a call's screen: the notes its recording became (empty until the recording is processed). */
export async function callRecordingNotes(db: Kysely<DB>, callId: string): Promise<SafeHtml> {
  const entries = await callNotesOf(db, callId);
  return entries.length
    ? html`<h2>Aus der Aufnahme</h2>${entries.map((e) => timelineEntry(e, 'record'))}`
    : html``;
}
