import type { Kysely } from 'kysely';
import { displayValue, FIELD_LABELS } from '../../crm/extractedFields.ts';
import type { DB } from '../../db/schema.ts';
import { openSuggestions } from '../../recordings/candidateSuggestions.ts';
import { formatDateTime } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';

/** Open suggestions of a candidate, each with the call and the quote it came from. */
export async function suggestionsSection(db: Kysely<DB>, candidateId: string): Promise<SafeHtml> {
  const rows = await openSuggestions(db, candidateId);
  if (!rows.length) return html``;
  return html`<section aria-labelledby="suggestions-title"><h2 id="suggestions-title">Vorschläge aus Gesprächen</h2><div class="card" id="suggestions">${rows.map(
    (
      s,
    ) => html`<div class="suggestion" data-suggestion-id="${s.id}"><strong>Vorschlag: ${FIELD_LABELS[s.field] ?? s.field} ${displayValue(s.field, s.suggested_value)}</strong> statt ${displayValue(s.field, s.current_value)}
<div class="muted provenance">aus dem Anruf vom ${formatDateTime(s.occurred_at ?? s.created_at)}${s.call_id ? html` · <a href="/anrufe/${s.call_id}">zum Anruf</a>` : ''}</div>
${s.evidence ? html`<blockquote class="quote">„${s.evidence}“</blockquote>` : html`<div class="muted">Kein wörtliches Zitat gespeichert.</div>`}
<div class="inline-actions"><form method="post" action="/vorschlaege/${s.id}/annehmen" class="inline"><button type="submit" class="button">Übernehmen</button></form>
<form method="post" action="/vorschlaege/${s.id}/ablehnen" class="inline"><button type="submit" class="button secondary">Ablehnen</button></form></div></div>`,
  )}</div></section>`;
}

/** The confirmation after accepting, rejecting or undoing, with "Rückgängig" while it is decided. */
export async function suggestionNotice(
  db: Kysely<DB>,
  candidateId: string,
  suggestionId: string,
  undone: boolean,
): Promise<SafeHtml> {
  const s = await db
    .selectFrom('suggestions')
    .selectAll()
    .where('id', '=', suggestionId)
    .where('candidate_id', '=', candidateId)
    .executeTakeFirst();
  if (!s) return html``;
  const what = `${FIELD_LABELS[s.field] ?? s.field} ${displayValue(s.field, s.suggested_value)}`;
  const undo = html` <form method="post" action="/vorschlaege/${s.id}/rueckgaengig" class="inline"><button type="submit" class="button secondary">Rückgängig</button></form>`;
  const text =
    s.status === 'accepted'
      ? html`Übernommen: ${what} (vorher ${displayValue(s.field, s.replaced_value)}).${undo}`
      : s.status === 'rejected'
        ? html`Abgelehnt: ${what}. Der bisherige Wert bleibt.${undo}`
        : undone
          ? html`Rückgängig gemacht: ${what} ist wieder ein offener Vorschlag.`
          : html``;
  return text.value ? html`<div class="flash" role="status" id="suggestion-notice">${text}</div>` : html``;
}
