import type { Kysely } from 'kysely';
import { displayValue } from '../crm/extractedFields.ts';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { fieldValue, lockedSuggestion, setDecision, WRITABLE, writeField } from './suggestionDecider.ts';

/**
 * "Rückgängig" after a decision: the suggestion is open again; after an acceptance the field gets back
 * what it held before — unless it was changed since, which then stays and is said.
 */
export async function undoSuggestion(
  db: Kysely<DB>,
  id: string,
  by?: { userId: string; name: string },
): Promise<{ candidateId: string; restored: boolean }> {
  return db.transaction().execute(async (trx) => {
    // The row first, as when deciding: two undos at once restore once.
    const s = await lockedSuggestion(trx, id);
    if (s.status === 'open')
      throw new AppError('suggestion_open', 'Dieser Vorschlag ist schon offen', { status: 409 });
    if (!WRITABLE.has(s.field)) throw new AppError('invalid_field', `Feld ${s.field} unbekannt`);
    let restored = false;
    if (s.status === 'accepted') {
      if (String(await fieldValue(trx, s)) === s.suggested_value) {
        await writeField(trx, s, s.replaced_value, new Date().toISOString());
        restored = true;
      }
    }
    await setDecision(
      trx,
      s,
      { status: 'open', decided_at: null, replaced_value: null },
      (label) =>
        `Entscheidung zurückgenommen: ${label} ${displayValue(s.field, s.suggested_value)} ist wieder ein offener Vorschlag${restored ? `, ${label} wieder ${displayValue(s.field, s.replaced_value)}` : ''}${by ? ` (${by.name})` : ''}`,
      by,
    );
    return { candidateId: s.candidate_id, restored };
  });
}
