import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { RecordType } from './phoneIndex.ts';

export interface MatchedRecord {
  type: RecordType;
  id: string;
  /** What the pop-up shows: the company for a lead, the person's name for a candidate. */
  title: string;
  /** Contact person of a lead, position of a candidate. */
  subtitle: string | null;
}

/** phone_numbers joined with the lead or candidate that owns each number; the caller picks the numbers. */
export const numberOwnerRows = (db: Kysely<DB> | Transaction<DB>) =>
  db
    .selectFrom('phone_numbers as p')
    .leftJoin('leads as l', (j) => j.onRef('l.id', '=', 'p.record_id').on('p.record_type', '=', 'lead'))
    .leftJoin('candidates as c', (j) =>
      j.onRef('c.id', '=', 'p.record_id').on('p.record_type', '=', 'candidate'),
    )
    .select([
      'p.e164',
      'p.record_type',
      'p.record_id',
      'l.company',
      'l.contact_person',
      'c.first_name',
      'c.last_name',
      'c.position',
    ]);

type OwnerRow = Awaited<ReturnType<ReturnType<typeof numberOwnerRows>['execute']>>[number];

/** The record an owner row names, or null for a number whose record is gone. */
export function matchedRecordOf(r: OwnerRow): MatchedRecord | null {
  if (r.record_type === 'lead' && r.company !== null)
    return { type: 'lead', id: r.record_id, title: r.company, subtitle: r.contact_person };
  if (r.record_type === 'candidate' && r.last_name !== null)
    return {
      type: 'candidate',
      id: r.record_id,
      title: `${r.first_name} ${r.last_name}`,
      subtitle: r.position,
    };
  return null;
}

/**
 * Finds the leads and candidates that own an E.164 number. One indexed lookup on phone_numbers, then
 * at most a handful of primary-key reads. Leads come first: a company's switchboard is the likelier caller.
 */
export async function matchNumber(db: Kysely<DB>, e164: string): Promise<MatchedRecord[]> {
  const rows = await numberOwnerRows(db).where('p.e164', '=', e164).limit(20).execute();
  return rows
    .map(matchedRecordOf)
    .filter((m) => m !== null)
    .sort(byOwnerOrder);
}

/** The order records sharing a number are shown in everywhere: leads first, then by title. */
export const byOwnerOrder = (a: MatchedRecord, b: MatchedRecord) =>
  (a.type === 'lead' ? 0 : 1) - (b.type === 'lead' ? 0 : 1) || a.title.localeCompare(b.title, 'de');
