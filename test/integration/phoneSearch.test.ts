import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCandidate } from '../../src/crm/candidateStore.ts';
import { createLead } from '../../src/crm/leadStore.ts';
import { type Stack, startStack } from '../support/stack.ts';

/** Searching by phone number finds the record whatever form the number is typed in. */
describe('phone search', () => {
  let stack: Stack;
  let cookie: string;

  beforeAll(async () => {
    stack = await startStack();
    cookie = await stack.login('milad', 'milad-password');
    const rules = stack.app.ctx.phoneRules;
    await createLead(stack.app.ctx.db, rules, {
      company: 'Rheinland Bau GmbH',
      contactPerson: null,
      email: null,
      city: 'Köln',
      notes: null,
      phones: ['+49 221 998877'],
    });
    await createLead(stack.app.ctx.db, rules, {
      company: 'Andere Firma',
      contactPerson: null,
      email: null,
      city: null,
      notes: null,
      phones: ['+43 1 998877'],
    });
    await createCandidate(stack.app.ctx.db, rules, {
      firstName: 'Jana',
      lastName: 'Berg',
      email: null,
      position: null,
      status: 'neu',
      city: null,
      notes: null,
      phones: ['0171 2345678'],
    });
  });
  afterAll(() => stack?.close());

  const search = async (path: string, q: string) => {
    const res = await fetch(`${stack.url}${path}?q=${encodeURIComponent(q)}`, {
      headers: { cookie, accept: 'application/json' },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { items: { company?: string; last_name?: string }[] };
  };

  it('finds a lead by its number typed nationally, internationally, with spaces, dashes or brackets', async () => {
    for (const q of [
      '0221 998877',
      '0221-998877',
      '(0221) 99 88 77',
      '+49 221 998877',
      '0049 221 998877',
      '+49-221-998877',
      '0221 99',
    ]) {
      const { items } = await search('/api/leads', q);
      expect(
        items.map((i) => i.company),
        q,
      ).toEqual(['Rheinland Bau GmbH']);
    }
    // The same digits in another country are another number.
    expect((await search('/api/leads', '+43 1 998877')).items.map((i) => i.company)).toEqual([
      'Andere Firma',
    ]);
  });

  it('finds a candidate the same way, on the list page too', async () => {
    expect((await search('/api/candidates', '0171 234 56 78')).items.map((i) => i.last_name)).toEqual([
      'Berg',
    ]);
    const page = await fetch(`${stack.url}/kandidaten?q=${encodeURIComponent('0171-2345678')}`, {
      headers: { cookie, accept: 'text/html' },
    }).then((r) => r.text());
    expect(page).toContain('Berg');
    expect(page).not.toContain('Nichts gefunden');
  });
});
