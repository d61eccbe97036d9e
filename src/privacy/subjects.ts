import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { NotFoundError } from '../shared/errors.ts';

export type RecordType = 'lead' | 'candidate';

/** A person whose data is processed: a candidate, or the contact of a lead. */
export interface PersonRef {
  type: RecordType;
  id: string;
}

export const recordLabel = (t: RecordType) => (t === 'lead' ? 'Lead' : 'Kandidat');

/** Throws a German 404 when the record does not exist. */
export async function assertRecordExists(db: Kysely<DB>, ref: PersonRef): Promise<void> {
  const row =
    ref.type === 'lead'
      ? await db.selectFrom('leads').select('id').where('id', '=', ref.id).executeTakeFirst()
      : await db.selectFrom('candidates').select('id').where('id', '=', ref.id).executeTakeFirst();
  if (!row) throw new NotFoundError(recordLabel(ref.type));
}
