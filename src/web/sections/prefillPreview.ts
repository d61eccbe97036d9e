import { formatNumber } from '../../phone/phoneNumber.ts';
import type { Prefill } from '../../recordings/inboxPrefill.ts';
import { formatDateTime } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';

/** Above the form when a record is made from an inbox card: what the call said and what goes along. */
export function prefillPreview(p: Prefill): SafeHtml {
  return html`<div class="card" id="from-call"><h2 style="margin-top:0">Aus dem Anruf vom ${formatDateTime(p.callAt)}${p.number ? ` (${formatNumber(p.number)})` : ''}</h2>
<p>${p.summary}</p>
${p.carried.length ? html`<dl class="facts">${p.carried.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>` : ''}
<p class="muted">Beim Speichern wird der Anruf diesem neuen Datensatz zugeordnet: die Notiz, die Angaben oben und die Aufgaben gehen mit.</p></div>`;
}
