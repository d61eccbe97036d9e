import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { newId } from '../shared/ids.ts';
import { ownersOfNumbers } from './numberOwners.ts';
import type { RecordKind } from './recordKinds.ts';
import type { MatchedRecord } from './recordMatcher.ts';
import { records } from './recordStore.ts';

export interface DuplicateNumber {
  line: number;
  e164: string;
  /** The record that already had the number (or the earlier row's record). */
  existing: Pick<MatchedRecord, 'type' | 'id' | 'title'>;
  /** merged: the row went into that record; created: a second record with the number was made. */
  action: 'merged' | 'created';
}

export interface PlannedRow<Input> {
  line: number;
  id: string;
  value: Input;
  numbers: { e164: string; raw: string }[];
  /** The record this row is merged into, or null when it becomes a new record. */
  mergeInto: string | null;
  duplicates: DuplicateNumber[];
}

/** Same name: case, spacing and punctuation do not count ("ACME GmbH" = "acme  gmbh."). */
export const nameKey = (s: string) =>
  s
    .toLocaleLowerCase('de')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * Decides per row: a new record, or (with `merge`) the existing one with the same number and the same
 * name. "Existing" includes records made by earlier rows of the same file.
 */
export async function planRows<Row extends { id: string }, Input>(
  db: Kysely<DB>,
  kind: RecordKind<Row, Input>,
  good: { line: number; value: Input; numbers: { e164: string; raw: string }[] }[],
  merge: boolean,
): Promise<PlannedRow<Input>[]> {
  const type = kind.type;
  const stored = await ownersOfNumbers(
    db,
    good.flatMap((g) => g.numbers.map((n) => n.e164)),
  );
  const fromFile = new Map<string, Pick<MatchedRecord, 'type' | 'id' | 'title'>[]>();
  const plan: PlannedRow<Input>[] = [];
  for (const g of good) {
    const title = kind.title(kind.columns(g.value));
    const owners = new Map<string, Pick<MatchedRecord, 'type' | 'id' | 'title'>[]>();
    for (const n of g.numbers)
      owners.set(n.e164, [...(stored.get(n.e164) ?? []), ...(fromFile.get(n.e164) ?? [])]);
    const same = merge
      ? [...owners.values()].flat().find((o) => o.type === type && nameKey(o.title) === nameKey(title))
      : undefined;
    const id = newId();
    const target = same?.id ?? id;
    const duplicates: DuplicateNumber[] = [];
    for (const [e164, list] of owners)
      for (const o of list)
        duplicates.push({
          line: g.line,
          e164,
          existing: o,
          action: same?.id === o.id ? 'merged' : 'created',
        });
    plan.push({ ...g, id, mergeInto: same?.id ?? null, duplicates: dedupe(duplicates) });
    for (const n of g.numbers) {
      const list = fromFile.get(n.e164) ?? [];
      if (!list.some((o) => o.id === target)) list.push({ type, id: target, title: same?.title ?? title });
      fromFile.set(n.e164, list);
    }
  }
  return plan;
}

function dedupe(list: DuplicateNumber[]): DuplicateNumber[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const k = `${d.e164} ${d.existing.id}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Fills the existing record's empty fields (of the kind's mergeable ones) from the row; what is already there stays. */
export async function mergeInto<Row extends { id: string }, Input>(
  trx: Transaction<DB>,
  kind: RecordKind<Row, Input>,
  row: PlannedRow<Input>,
  now: string,
): Promise<void> {
  const id = row.mergeInto!;
  const cur = await records(trx).selectFrom(kind.table).selectAll().where('id', '=', id).executeTakeFirst();
  if (!cur) return;
  const wanted: Record<string, unknown> = kind.columns(row.value);
  const set: Record<string, unknown> = {};
  for (const col of kind.mergeable) {
    const value = wanted[col];
    if (value !== null && value !== undefined && value !== '' && (cur[col] === null || cur[col] === ''))
      set[col] = value;
  }
  if (Object.keys(set).length)
    await records(trx)
      .updateTable(kind.table)
      .set({ ...set, updated_at: now })
      .where('id', '=', id)
      .execute();
}
