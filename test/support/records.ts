import type { Kysely } from 'kysely';
import { type CandidateWithNumbers, createCandidate } from '../../src/crm/candidateStore.ts';
import { createLead, type LeadWithNumbers } from '../../src/crm/leadStore.ts';
import type { CandidateInput, LeadInput } from '../../src/crm/recordInput.ts';
import type { DB } from '../../src/db/schema.ts';
import type { PhoneRules } from '../../src/phone/phoneNumber.ts';
import type { Stack } from './stack.ts';

type CandidateFields = Pick<CandidateInput, 'firstName' | 'lastName'> & Partial<CandidateInput>;

/** The phone rules of a default configuration (Germany, numbers of four digits or more). */
export const TEST_PHONE_RULES: PhoneRules = { defaultRegion: 'DE', minDigits: 4 };

/** The candidate the recording tests talk to, by the number her calls come from. */
export const KELLER = { firstName: 'Anna', lastName: 'Keller', phones: ['0561 112233'] };

/** A candidate stored as the forms store one; what a test does not name is empty (status "neu"). */
export function storeCandidate(
  db: Kysely<DB>,
  fields: CandidateFields,
  rules: PhoneRules = TEST_PHONE_RULES,
): Promise<CandidateWithNumbers> {
  return createCandidate(db, rules, {
    email: null,
    position: null,
    status: 'neu',
    city: null,
    notes: null,
    phones: [],
    ...fields,
  });
}

/** `storeCandidate` in a running stack, with its phone rules. */
export function addCandidate(
  stack: Pick<Stack, 'app'>,
  fields: CandidateFields,
): Promise<CandidateWithNumbers> {
  return storeCandidate(stack.app.ctx.db, fields, stack.app.ctx.phoneRules);
}

/** A lead stored as the forms store one; what a test does not name is empty. */
export function addLead(
  stack: Pick<Stack, 'app'>,
  fields: Pick<LeadInput, 'company'> & Partial<LeadInput>,
): Promise<LeadWithNumbers> {
  return createLead(stack.app.ctx.db, stack.app.ctx.phoneRules, {
    contactPerson: null,
    email: null,
    city: null,
    notes: null,
    phones: [],
    ...fields,
  });
}
