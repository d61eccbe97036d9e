import type { Kysely } from 'kysely';
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

/**
 * Finds the leads and candidates that own an E.164 number. One indexed lookup on phone_numbers, then
 * at most a handful of primary-key reads. Leads come first: a company's switchboard is the likelier caller.
 */
export async function matchNumber(db: Kysely<DB>, e164: string): Promise<MatchedRecord[]> {
  const rows = await db
    .selectFrom('phone_numbers as p')
    .leftJoin('leads as l', (j) => j.onRef('l.id', '=', 'p.record_id').on('p.record_type', '=', 'lead'))
    .leftJoin('candidates as c', (j) =>
      j.onRef('c.id', '=', 'p.record_id').on('p.record_type', '=', 'candidate'),
    )
    .select([
      'p.record_type',
      'p.record_id',
      'l.company',
      'l.contact_person',
      'c.first_name',
      'c.last_name',
      'c.position',
    ])
    .where('p.e164', '=', e164)
    .limit(20)
    .execute();
  const found: MatchedRecord[] = [];
  for (const r of rows) {
    if (r.record_type === 'lead' && r.company !== null) {
      found.push({ type: 'lead', id: r.record_id, title: r.company, subtitle: r.contact_person });
    } else if (r.record_type === 'candidate' && r.last_name !== null) {
      found.push({
        type: 'candidate',
        id: r.record_id,
        title: `${r.first_name} ${r.last_name}`,
        subtitle: r.position,
      });
    }
  }
  const order = (m: MatchedRecord) => (m.type === 'lead' ? 0 : 1);
  return found.sort((a, b) => order(a) - order(b) || a.title.localeCompare(b.title, 'de'));
}
