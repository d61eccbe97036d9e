import type { Kysely } from 'kysely';
import type { Candidate, DB } from '../db/schema.ts';
import type { PhoneRules } from '../phone/phoneNumber.ts';
import { NotFoundError } from '../shared/errors.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { lowerContains } from '../shared/likePattern.ts';
import { normalizeAll, numbersOf, replaceNumbers } from './phoneIndex.ts';
import { phoneSearchCondition } from './phoneSearch.ts';
import type { CandidateInput } from './recordInput.ts';

export type CandidateWithNumbers = Candidate & { phones: string[] };

function columns(input: CandidateInput) {
  return {
    first_name: input.firstName,
    last_name: input.lastName,
    email: input.email,
    position: input.position,
    status: input.status,
    city: input.city,
    notes: input.notes,
  };
}

export async function createCandidate(
  db: Kysely<DB>,
  rules: PhoneRules,
  input: CandidateInput,
): Promise<CandidateWithNumbers> {
  const numbers = normalizeAll(input.phones, rules);
  const now = nowIso();
  const candidate: Candidate = {
    id: newId(),
    ...columns(input),
    created_at: now,
    updated_at: now,
    current_position: null,
    current_employer: null,
    current_salary_eur: null,
    salary_expectation: null,
    notice_period: null,
    available_from: null,
    willing_to_relocate: null,
    work_model: null,
    preferred_locations: null,
    skills: null,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('candidates').values(candidate).execute();
    await replaceNumbers(trx, 'candidate', candidate.id, numbers);
  });
  return { ...candidate, phones: numbers.map((n) => n.e164) };
}

export async function updateCandidate(
  db: Kysely<DB>,
  rules: PhoneRules,
  id: string,
  input: CandidateInput,
): Promise<CandidateWithNumbers> {
  const numbers = normalizeAll(input.phones, rules);
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('candidates')
      .set({ ...columns(input), updated_at: nowIso() })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new NotFoundError('Kandidat');
    await replaceNumbers(trx, 'candidate', id, numbers);
  });
  return getCandidate(db, id);
}

export async function getCandidate(db: Kysely<DB>, id: string): Promise<CandidateWithNumbers> {
  const c = await db.selectFrom('candidates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw new NotFoundError('Kandidat');
  return { ...c, phones: await numbersOf(db, 'candidate', id) };
}

export async function listCandidates(
  db: Kysely<DB>,
  opts: { search?: string; limit?: number; offset?: number; phoneRules?: PhoneRules } = {},
): Promise<{ items: Candidate[]; total: number }> {
  let q = db.selectFrom('candidates');
  const term = opts.search?.trim();
  if (term) {
    q = q.where((eb) => {
      const phone = phoneSearchCondition('candidate', term, opts.phoneRules);
      return eb.or([
        lowerContains('first_name', term),
        lowerContains('last_name', term),
        lowerContains('position', term),
        lowerContains('email', term),
        lowerContains('city', term),
        ...(phone ? [phone] : []),
      ]);
    });
  }
  const [items, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('last_name')
      .orderBy('first_name')
      .limit(opts.limit ?? 50)
      .offset(opts.offset ?? 0)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}
