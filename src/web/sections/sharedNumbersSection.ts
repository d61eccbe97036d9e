import type { Kysely } from 'kysely';
import { ownersOfNumbers, recordLabel, recordPath } from '../../crm/numberOwners.ts';
import type { RecordType } from '../../crm/phoneIndex.ts';
import type { DB } from '../../db/schema.ts';
import { formatNumber } from '../../phone/phoneNumber.ts';
import { html, type SafeHtml } from '../html.ts';

/** Numbers of this record that another record has too: a call from them shows both to choose from. */
export async function sharedNumbersSection(
  ctx: { db: Kysely<DB> },
  type: RecordType,
  id: string,
  numbers: string[],
): Promise<SafeHtml> {
  const owners = await ownersOfNumbers(ctx.db, numbers, { type, id });
  if (owners.size === 0) return html``;
  return html`<div class="warning-box" role="note" id="shared-numbers"><strong>Doppelte Nummer:</strong> ${[
    ...owners,
  ].map(
    ([e164, list]) =>
      html`<span class="shared-number">${formatNumber(e164)} gehört auch zu ${list.map((m, i) => html`${i ? ', ' : ''}<a href="${recordPath(m)}">${recordLabel(m)}</a>`)}.</span>`,
  )} Ein Anruf von dieser Nummer zeigt alle Treffer zur Auswahl; die Notiz kommt zu dem Datensatz, der während des Anrufs gewählt wird.</div>`;
}

/**
 * The form's warning before a number is saved that another record already has. `confirmed` are the
 * numbers the person already saw the warning for ("Trotzdem speichern").
 */
export async function duplicateNumberWarning(
  ctx: { db: Kysely<DB> },
  e164s: string[],
  self: { type: RecordType; id: string } | undefined,
  confirmed: string[],
): Promise<{ warning: SafeHtml; numbers: string[] } | null> {
  const owners = await ownersOfNumbers(ctx.db, e164s, self);
  const fresh = [...owners.keys()].filter((n) => !confirmed.includes(n));
  if (fresh.length === 0) return null;
  return {
    numbers: [...owners.keys()].sort(),
    warning: html`<div class="warning-box" role="alert" id="duplicate-warning"><strong>Noch nicht gespeichert:</strong> ${[
      ...owners,
    ].map(
      ([e164, list]) =>
        html`Die Nummer ${formatNumber(e164)} gehört schon zu ${list.map((m, i) => html`${i ? ', ' : ''}<a href="${recordPath(m)}" target="_blank" rel="noopener">${recordLabel(m)}</a>`)}. `,
    )}Ist es derselbe Kontakt, ergänzen Sie besser den vorhandenen Datensatz. Sonst „Trotzdem speichern“: ein Anruf von dieser Nummer zeigt dann beide zur Auswahl.</div>`,
  };
}
