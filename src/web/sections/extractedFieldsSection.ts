import { displayValue, FIELD_LABELS } from '../../crm/extractedFields.ts';
import type { Candidate } from '../../db/schema.ts';
import { html, type SafeHtml } from '../html.ts';

/** What calls said about a candidate (each value can be corrected by hand). */
export function extractedFieldsSection(c: Candidate): SafeHtml {
  const known = Object.entries(FIELD_LABELS).filter(([col]) => c[col as keyof Candidate] !== null);
  return html`<section aria-labelledby="facts-title"><h2 id="facts-title">Aus Gesprächen</h2><div class="card" id="extracted-fields">
${known.length ? html`<dl class="facts">${known.map(([col, label]) => html`<dt>${label}</dt><dd data-field="${col}">${displayValue(col, c[col as keyof Candidate])}</dd>`)}</dl>` : html`<p class="muted">Noch nichts aus Gesprächen. Nach einem aufgezeichneten Anruf stehen hier Gehalt, Kündigungsfrist, Wunschorte …</p>`}
<div class="actions"><a class="button secondary" href="/kandidaten/${c.id}/gespraechsdaten">Gesprächsdaten korrigieren</a></div></div></section>`;
}
