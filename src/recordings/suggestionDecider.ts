import type { Kysely, Selectable, Transaction } from 'kysely';
import { displayValue, FIELD_LABELS } from '../crm/extractedFields.ts';
import { addRecordEvent } from '../crm/recordEvents.ts';
import type { DB } from '../db/schema.ts';
import { AppError, NotFoundError } from '../shared/errors.ts';

type Suggestion = Selectable<DB['suggestions']>;

export const WRITABLE = new Set(Object.keys(FIELD_LABELS));
const NUMERIC = new Set(['current_salary_eur', 'willing_to_relocate']);
/** The suggestion, its row taken for the rest of the transaction before it is read. */
export async function lockedSuggestion(trx: Transaction<DB>, id: string) {
  await trx
    .updateTable('suggestions')
    .set((eb) => ({ status: eb.ref('status') }))
    .where('id', '=', id)
    .execute();
  const s = await trx.selectFrom('suggestions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) throw new NotFoundError('Vorschlag');
  return s;
}

type SuggestionField = { candidate_id: string; field: string };

/** The candidate's value of the suggestion's field as it stands now. */
export async function fieldValue(trx: Transaction<DB>, s: SuggestionField): Promise<unknown> {
  const cand = await trx
    .selectFrom('candidates')
    .selectAll()
    .where('id', '=', s.candidate_id)
    .executeTakeFirstOrThrow();
  return cand[s.field as keyof typeof cand];
}

/** Writes the suggestion's field on the candidate (suggestions hold text; some columns are numbers). */
export async function writeField(trx: Transaction<DB>, s: SuggestionField, v: string | null, now: string) {
  await trx
    .updateTable('candidates')
    .set({ [s.field]: v === null ? null : NUMERIC.has(s.field) ? Number(v) : v, updated_at: now })
    .where('id', '=', s.candidate_id)
    .execute();
}

/** Stores a decision (or its undoing) on the suggestion and says it in the candidate's history. */
export async function setDecision(
  trx: Transaction<DB>,
  s: Suggestion,
  decision: Pick<Suggestion, 'status' | 'decided_at' | 'replaced_value'>,
  text: (label: string) => string,
  by: { userId: string } | undefined,
) {
  await trx.updateTable('suggestions').set(decision).where('id', '=', s.id).execute();
  await addRecordEvent(trx, {
    record: { type: 'candidate', id: s.candidate_id },
    kind: 'suggestion',
    text: text(FIELD_LABELS[s.field] ?? s.field),
    recordingId: s.recording_id,
    userId: by?.userId ?? null,
  });
}

/**
 * The recruiter accepts (the value is written; what it replaced is kept for "Rückgängig") or rejects
 * (nothing changes) a suggestion from a call. Both go into the record's history.
 */
export async function decideSuggestion(
  db: Kysely<DB>,
  id: string,
  accept: boolean,
  by?: { userId: string; name: string },
): Promise<{ candidateId: string }> {
  return db.transaction().execute(async (trx) => {
    // The row first: a second decision at the same moment (a double click, another tab) waits here and
    // then finds it decided; on PostgreSQL both read it open and both went through.
    const s = await lockedSuggestion(trx, id);
    if (s.status !== 'open')
      throw new AppError('suggestion_decided', 'Über diesen Vorschlag wurde schon entschieden', {
        status: 409,
        hint: 'Die Seite neu laden; unter „Verlauf“ steht, wie entschieden wurde.',
      });
    if (!WRITABLE.has(s.field))
      throw new AppError('invalid_field', `Feld ${s.field} kann nicht übernommen werden`);
    const now = new Date().toISOString();
    let replaced: string | null = null;
    if (accept) {
      const current = await fieldValue(trx, s);
      replaced = current === null || current === undefined ? null : String(current);
      await writeField(trx, s, s.suggested_value, now);
    }
    await setDecision(
      trx,
      s,
      { status: accept ? 'accepted' : 'rejected', decided_at: now, replaced_value: replaced },
      (label) =>
        accept
          ? `Vorschlag übernommen: ${label} ${displayValue(s.field, s.suggested_value)} (vorher ${displayValue(s.field, replaced)})${by ? ` von ${by.name}` : ''}`
          : `Vorschlag abgelehnt: ${label} ${displayValue(s.field, s.suggested_value)}${by ? ` von ${by.name}` : ''}`,
      by,
    );
    return { candidateId: s.candidate_id };
  });
}
