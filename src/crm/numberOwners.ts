import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { RecordType } from './phoneIndex.ts';
import { byOwnerOrder, type MatchedRecord, matchedRecordOf, numberOwnerRows } from './recordMatcher.ts';

/** Who already owns each of these numbers (E.164), leaving out one record (the one being edited). */
export async function ownersOfNumbers(
  db: Kysely<DB> | Transaction<DB>,
  e164s: string[],
  except?: { type: RecordType; id: string },
): Promise<Map<string, MatchedRecord[]>> {
  const out = new Map<string, MatchedRecord[]>();
  const unique = [...new Set(e164s)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await numberOwnerRows(db)
      .where('p.e164', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      if (except && r.record_type === except.type && r.record_id === except.id) continue;
      const m = matchedRecordOf(r);
      if (!m) continue;
      const list = out.get(r.e164) ?? [];
      list.push(m);
      out.set(r.e164, list);
    }
  }
  // Rows come in whatever order the database finds them; people read the list in one order everywhere.
  for (const list of out.values()) list.sort(byOwnerOrder);
  return out;
}

export const recordLabel = (m: { type: RecordType; title: string }) =>
  `${m.type === 'lead' ? 'Lead' : 'Kandidat'} „${m.title}“`;

export const recordPath = (m: { type: RecordType; id: string }) =>
  `/${m.type === 'lead' ? 'leads' : 'kandidaten'}/${m.id}`;
