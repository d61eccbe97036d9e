import type { TimelineItem } from '../../calls/recordTimeline.ts';
import { displayValue, FIELD_LABELS } from '../../crm/extractedFields.ts';
import { DIRECTION_LABELS, formatDate, formatDateTime, formatDuration, STATE_LABELS } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';

const callLink = (callId: string | null) =>
  callId ? html` · <a href="/anrufe/${callId}">zum Anruf</a>` : '';

const STATUS: Record<string, string> = { open: 'offen', accepted: 'übernommen', rejected: 'abgelehnt' };

function item(i: TimelineItem): SafeHtml {
  const when = html`<div class="when"><time datetime="${i.at}">${formatDateTime(i.at)}</time>${callLink(i.callId)}</div>`;
  switch (i.kind) {
    case 'call':
      return html`<li class="kind-call" data-kind="call" data-at="${i.at}">${when}
<p><span class="kind-label">${DIRECTION_LABELS[i.direction] === '–' ? 'Anruf' : `${DIRECTION_LABELS[i.direction]}er Anruf`}</span><span class="badge ${i.state}">${STATE_LABELS[i.state]}</span>${i.durationSeconds !== null ? ` · ${formatDuration(i.durationSeconds)}` : ''}${i.userName ? ` · ${i.userName}` : ''}</p>
${i.note ? html`<p class="call-note"><strong>Notiz:</strong> ${i.note}</p>` : ''}</li>`;
    case 'note':
      return html`<li class="kind-note timeline-entry" data-kind="note" data-at="${i.at}" id="notiz-${i.id}">${when}
<p><span class="kind-label">Aus der Aufnahme</span>${i.summary}</p>
${i.nextSteps.length ? html`<ul>${i.nextSteps.map((s) => html`<li>${s}</li>`)}</ul>` : ''}
${i.transcript ? html`<details><summary>Transkript</summary><pre style="white-space:pre-wrap">${i.transcript}</pre></details>` : ''}
${i.recordingId && !i.recordingId.startsWith('api:') ? html`<div class="inline-actions"><a href="/aufnahmen/${i.recordingId}/verschieben">Falsch zugeordnet? Anderem Datensatz zuordnen</a></div>` : ''}</li>`;
    case 'suggestion':
      return html`<li class="kind-suggestion" data-kind="suggestion" data-at="${i.at}">${when}
<p><span class="kind-label">Vorschlag (${STATUS[i.status]}${i.decidedAt ? ` am ${formatDateTime(i.decidedAt)}` : ''})</span>${FIELD_LABELS[i.field] ?? i.field} ${displayValue(i.field, i.suggested)} statt ${displayValue(i.field, i.current)}</p>
${i.quote ? html`<blockquote class="quote">„${i.quote}“</blockquote>` : ''}
${i.status !== 'open' ? html`<form method="post" action="/vorschlaege/${i.id}/rueckgaengig" class="inline"><button type="submit" class="link-button">Entscheidung rückgängig machen</button></form>` : ''}</li>`;
    case 'task':
      return html`<li class="kind-task" data-kind="task" data-at="${i.at}">${when}
<p><span class="kind-label">Aufgabe</span><span class="${i.doneAt ? 'task-done' : ''}">${i.title}</span> · fällig ${formatDate(i.due)}${i.ownerName ? ` · ${i.ownerName}` : ''}${i.doneAt ? ` · erledigt am ${formatDateTime(i.doneAt)}` : ''}${i.mentions > 1 ? ` · in ${i.mentions} Gesprächen vereinbart` : ''}</p>
${i.detail ? html`<blockquote class="quote">„${i.detail}“</blockquote>` : ''}</li>`;
    case 'event':
      return html`<li class="kind-event" data-kind="event" data-at="${i.at}">${when}<p>${i.text}</p></li>`;
  }
}

/** The record's one timeline: calls, own notes, notes from recordings, suggestions, tasks, history. */
export function timelineSection(items: TimelineItem[], emptyText: string): SafeHtml {
  return html`<section aria-labelledby="timeline-title"><h2 id="timeline-title">Verlauf</h2>
${items.length ? html`<ol class="timeline" id="timeline">${items.map(item)}</ol>` : html`<div class="empty">${emptyText}</div>`}</section>`;
}
