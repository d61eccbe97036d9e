import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { RecordType } from './phoneIndex.ts';
import type { MatchedRecord } from './recordMatcher.ts';

/** Who already owns each of these numbers (E.164), leaving out one record (the one being edited). */
export async function ownersOfNumbers(
  db: Kysely<DB> | Transaction<DB>,
  e164s: string[],
  except?: { type: RecordType; id: string },
): Promise<Map<string, MatchedRecord[]>> {
  const out = new Map<string, MatchedRecord[]>();
  const unique = [...new Set(e164s)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
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
      ])
      .where('p.e164', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      if (except && r.record_type === except.type && r.record_id === except.id) continue;
      const m: MatchedRecord | null =
        r.record_type === 'lead' && r.company !== null
          ? { type: 'lead', id: r.record_id, title: r.company, subtitle: r.contact_person }
          : r.record_type === 'candidate' && r.last_name !== null
            ? {
                type: 'candidate',
                id: r.record_id,
                title: `${r.first_name} ${r.last_name}`,
                subtitle: r.position,
              }
            : null;
      if (!m) continue;
      const list = out.get(r.e164) ?? [];
      list.push(m);
      out.set(r.e164, list);
    }
  }
  return out;
}

export const recordLabel = (m: { type: RecordType; title: string }) =>
  `${m.type === 'lead' ? 'Lead' : 'Kandidat'} „${m.title}“`;

export const recordPath = (m: { type: RecordType; id: string }) =>
  `/${m.type === 'lead' ? 'leads' : 'kandidaten'}/${m.id}`;
