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
  const owners = await db
    .selectFrom('phone_numbers')
    .select(['record_type', 'record_id'])
    .where('e164', '=', e164)
    .limit(20)
    .execute();
  if (owners.length === 0) return [];
  const leadIds = owners.filter((o) => o.record_type === 'lead').map((o) => o.record_id);
  const candidateIds = owners.filter((o) => o.record_type === 'candidate').map((o) => o.record_id);
  const [leads, candidates] = await Promise.all([
    leadIds.length
      ? db
          .selectFrom('leads')
          .select(['id', 'company', 'contact_person'])
          .where('id', 'in', leadIds)
          .execute()
      : [],
    candidateIds.length
      ? db
          .selectFrom('candidates')
          .select(['id', 'first_name', 'last_name', 'position'])
          .where('id', 'in', candidateIds)
          .execute()
      : [],
  ]);
  return [
    ...leads
      .map((l) => ({ type: 'lead' as const, id: l.id, title: l.company, subtitle: l.contact_person }))
      .sort((a, b) => a.title.localeCompare(b.title, 'de')),
    ...candidates
      .map((c) => ({
        type: 'candidate' as const,
        id: c.id,
        title: `${c.first_name} ${c.last_name}`,
        subtitle: c.position,
      }))
      .sort((a, b) => a.title.localeCompare(b.title, 'de')),
  ];
}
