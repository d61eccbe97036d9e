import { type CandidateWithNumbers, createCandidate } from '../../src/crm/candidateStore.ts';
import { createLead, type LeadWithNumbers } from '../../src/crm/leadStore.ts';
import type { CandidateInput, LeadInput } from '../../src/crm/recordInput.ts';
import type { Stack } from './stack.ts';

/** A candidate stored as the forms store one; what a test does not name is empty (status "neu"). */
export function addCandidate(
  stack: Pick<Stack, 'app'>,
  fields: Pick<CandidateInput, 'firstName' | 'lastName'> & Partial<CandidateInput>,
): Promise<CandidateWithNumbers> {
  return createCandidate(stack.app.ctx.db, stack.app.ctx.phoneRules, {
    email: null,
    position: null,
    status: 'neu',
    city: null,
    notes: null,
    phones: [],
    ...fields,
  });
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
