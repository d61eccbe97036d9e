import type { Kysely } from 'kysely';
import { displayValue, FIELD_LABELS } from '../crm/extractedFields.ts';
import { addRecordEvent } from '../crm/recordEvents.ts';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { fieldValue, lockedSuggestion, WRITABLE, writeField } from './suggestionDecider.ts';

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
    await trx
      .updateTable('suggestions')
      .set({ status: 'open', decided_at: null, replaced_value: null })
      .where('id', '=', id)
      .execute();
    const label = FIELD_LABELS[s.field] ?? s.field;
    await addRecordEvent(trx, {
      record: { type: 'candidate', id: s.candidate_id },
      kind: 'suggestion',
      text: `Entscheidung zurückgenommen: ${label} ${displayValue(s.field, s.suggested_value)} ist wieder ein offener Vorschlag${restored ? `, ${label} wieder ${displayValue(s.field, s.replaced_value)}` : ''}${by ? ` (${by.name})` : ''}`,
      recordingId: s.recording_id,
      userId: by?.userId ?? null,
    });
    return { candidateId: s.candidate_id, restored };
  });
}
