import type { Kysely, Transaction } from 'kysely';
import { germanOrder } from '../db/dialect.ts';
import type { DB } from '../db/schema.ts';
import type { PhoneRules } from '../phone/phoneNumber.ts';
import { NotFoundError } from '../shared/errors.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { lowerContains } from '../shared/likePattern.ts';
import { normalizeAll, numbersOf, replaceNumbers } from './phoneIndex.ts';
import { phoneSearchCondition } from './phoneSearch.ts';
import type { RecordKind } from './recordKinds.ts';

export type WithNumbers<Row> = Row & { phones: string[] };

export interface ListOptions {
  search?: string;
  limit?: number;
  offset?: number;
  phoneRules?: PhoneRules;
}

/**
 * Kysely types a query by its table name; here the table is the kind's, known only at run time, so the
 * queries below see a record table as id and times plus any column, and the kind's row type is given
 * back where a row leaves this file.
 */
type RecordTables = Record<
  'leads' | 'candidates',
  { id: string; created_at: string; updated_at: string; [column: string]: unknown }
>;
export const records = (db: Kysely<DB> | Transaction<DB>) => db as unknown as Kysely<RecordTables>;

/** A new lead or candidate with its numbers, in one transaction; a bad number writes nothing. */
export async function createRecord<Row extends { id: string }, Input extends { phones: string[] }>(
  db: Kysely<DB>,
  kind: RecordKind<Row, Input>,
  rules: PhoneRules,
  input: Input,
): Promise<WithNumbers<Row>> {
  const numbers = normalizeAll(input.phones, rules);
  const now = nowIso();
  const row = {
    id: newId(),
    ...kind.columns(input),
    created_at: now,
    updated_at: now,
    ...kind.later,
  };
  await db.transaction().execute(async (trx) => {
    await records(trx).insertInto(kind.table).values(row).execute();
    await replaceNumbers(trx, kind.type, row.id, numbers);
  });
  return { ...(row as unknown as Row), phones: numbers.map((n) => n.e164) };
}

/** Replaces what a person fills in and the numbers; fields filled from calls stay. */
export async function updateRecord<Row extends { id: string }, Input extends { phones: string[] }>(
  db: Kysely<DB>,
  kind: RecordKind<Row, Input>,
  rules: PhoneRules,
  id: string,
  input: Input,
): Promise<WithNumbers<Row>> {
  const numbers = normalizeAll(input.phones, rules);
  await db.transaction().execute(async (trx) => {
    const res = await records(trx)
      .updateTable(kind.table)
      .set({ ...kind.columns(input), updated_at: nowIso() })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new NotFoundError(kind.noun);
    await replaceNumbers(trx, kind.type, id, numbers);
  });
  return getRecord(db, kind, id);
}

export async function getRecord<Row extends { id: string }, Input>(
  db: Kysely<DB>,
  kind: RecordKind<Row, Input>,
  id: string,
): Promise<WithNumbers<Row>> {
  const row = await records(db).selectFrom(kind.table).selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(kind.noun);
  return { ...(row as unknown as Row), phones: await numbersOf(db, kind.type, id) };
}

/** A page of records in the kind's order; the search term matches the kind's text columns or a number. */
export async function listRecords<Row extends { id: string }, Input>(
  db: Kysely<DB>,
  kind: RecordKind<Row, Input>,
  opts: ListOptions = {},
): Promise<{ items: Row[]; total: number }> {
  let q = records(db).selectFrom(kind.table);
  const term = opts.search?.trim();
  if (term) {
    q = q.where((eb) => {
      const phone = phoneSearchCondition(kind.type, term, opts.phoneRules);
      return eb.or([...kind.searched.map((c) => lowerContains(c, term)), ...(phone ? [phone] : [])]);
    });
  }
  const [items, count] = await Promise.all([
    kind.order
      // German order ("Özdemir" under O), then the column itself so equal keys keep one order.
      .reduce((page, c) => page.orderBy(germanOrder(db, c)).orderBy(c), q.selectAll())
      .limit(opts.limit ?? 50)
      .offset(opts.offset ?? 0)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items as unknown as Row[], total: Number(count.n) };
}

/** The four operations bound to one kind: what leadStore and candidateStore export. */
export const storeFor = <Row extends { id: string }, Input extends { phones: string[] }>(
  kind: RecordKind<Row, Input>,
) => ({
  create: (db: Kysely<DB>, rules: PhoneRules, input: Input) => createRecord(db, kind, rules, input),
  update: (db: Kysely<DB>, rules: PhoneRules, id: string, input: Input) =>
    updateRecord(db, kind, rules, id, input),
  get: (db: Kysely<DB>, id: string) => getRecord(db, kind, id),
  list: (db: Kysely<DB>, opts: ListOptions = {}) => listRecords(db, kind, opts),
});
