import type { Kysely } from 'kysely';
import type { DB, Lead } from '../db/schema.ts';
import type { PhoneRules } from '../phone/phoneNumber.ts';
import { NotFoundError } from '../shared/errors.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { lowerContains } from '../shared/likePattern.ts';
import { normalizeAll, numbersOf, replaceNumbers } from './phoneIndex.ts';
import { phoneSearchCondition } from './phoneSearch.ts';
import type { LeadInput } from './recordInput.ts';

export type LeadWithNumbers = Lead & { phones: string[] };

export async function createLead(
  db: Kysely<DB>,
  rules: PhoneRules,
  input: LeadInput,
): Promise<LeadWithNumbers> {
  const numbers = normalizeAll(input.phones, rules);
  const now = nowIso();
  const lead: Lead = {
    id: newId(),
    company: input.company,
    contact_person: input.contactPerson,
    email: input.email,
    city: input.city,
    notes: input.notes,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('leads').values(lead).execute();
    await replaceNumbers(trx, 'lead', lead.id, numbers);
  });
  return { ...lead, phones: numbers.map((n) => n.e164) };
}

export async function updateLead(
  db: Kysely<DB>,
  rules: PhoneRules,
  id: string,
  input: LeadInput,
): Promise<LeadWithNumbers> {
  const numbers = normalizeAll(input.phones, rules);
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('leads')
      .set({
        company: input.company,
        contact_person: input.contactPerson,
        email: input.email,
        city: input.city,
        notes: input.notes,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new NotFoundError('Lead');
    await replaceNumbers(trx, 'lead', id, numbers);
  });
  return getLead(db, id);
}

export async function getLead(db: Kysely<DB>, id: string): Promise<LeadWithNumbers> {
  const lead = await db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirst();
  if (!lead) throw new NotFoundError('Lead');
  return { ...lead, phones: await numbersOf(db, 'lead', id) };
}

export async function listLeads(
  db: Kysely<DB>,
  opts: { search?: string; limit?: number; offset?: number; phoneRules?: PhoneRules } = {},
): Promise<{ items: Lead[]; total: number }> {
  let q = db.selectFrom('leads');
  const term = opts.search?.trim();
  if (term) {
    q = q.where((eb) => {
      const phone = phoneSearchCondition('lead', term, opts.phoneRules);
      return eb.or([
        lowerContains('company', term),
        lowerContains('contact_person', term),
        lowerContains('city', term),
        ...(phone ? [phone] : []),
      ]);
    });
  }
  const [items, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('company')
      .limit(opts.limit ?? 50)
      .offset(opts.offset ?? 0)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n) };
}
