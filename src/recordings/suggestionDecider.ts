import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError, NotFoundError } from '../shared/errors.ts';

const WRITABLE = new Set([
  'current_position',
  'current_employer',
  'current_salary_eur',
  'salary_expectation',
  'notice_period',
  'available_from',
  'willing_to_relocate',
  'work_model',
  'preferred_locations',
  'skills',
]);

/** The recruiter accepts (the value is written) or rejects (nothing changes) a suggestion from a call. */
export async function decideSuggestion(
  db: Kysely<DB>,
  id: string,
  accept: boolean,
): Promise<{ candidateId: string }> {
  return db.transaction().execute(async (trx) => {
    const s = await trx.selectFrom('suggestions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!s) throw new NotFoundError('Vorschlag');
    if (s.status !== 'open')
      throw new AppError('suggestion_decided', 'Über diesen Vorschlag wurde schon entschieden', {
        status: 409,
      });
    if (accept) {
      if (!WRITABLE.has(s.field))
        throw new AppError('invalid_field', `Feld ${s.field} kann nicht übernommen werden`);
      const numeric = s.field === 'current_salary_eur' || s.field === 'willing_to_relocate';
      await trx
        .updateTable('candidates')
        .set({
          [s.field]: numeric ? Number(s.suggested_value) : s.suggested_value,
          updated_at: new Date().toISOString(),
        })
        .where('id', '=', s.candidate_id)
        .execute();
    }
    await trx
      .updateTable('suggestions')
      .set({ status: accept ? 'accepted' : 'rejected' })
      .where('id', '=', id)
      .execute();
    return { candidateId: s.candidate_id };
  });
}
