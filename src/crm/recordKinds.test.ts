import { describe, expect, it } from 'vitest';
import { CANDIDATE, LEAD } from './recordKinds.ts';

describe('record kinds', () => {
  it('maps a validated lead to its columns and names it by the company', () => {
    const input = LEAD.input.parse({ company: ' ACME GmbH ', contactPerson: '', phones: '0221 1; 0221 2' });
    const cols = LEAD.columns(input);
    expect(cols).toEqual({
      company: 'ACME GmbH',
      contact_person: null,
      email: null,
      city: null,
      notes: null,
    });
    expect(LEAD.title(cols)).toBe('ACME GmbH');
    expect(input.phones).toEqual(['0221 1', '0221 2']);
  });

  it('maps a candidate, defaults the status, and merges only contact fields, never the name', () => {
    const input = CANDIDATE.input.parse({ firstName: 'Anna', lastName: 'Becker', position: 'Pflege' });
    const cols = CANDIDATE.columns(input);
    expect(cols).toMatchObject({
      first_name: 'Anna',
      last_name: 'Becker',
      status: 'neu',
      position: 'Pflege',
    });
    expect(CANDIDATE.title(cols)).toBe('Anna Becker');
    expect(CANDIDATE.mergeable).not.toContain('last_name');
    expect(LEAD.mergeable).not.toContain('company');
    // Filled from calls only: a new candidate starts without them, whatever was typed.
    expect(Object.values(CANDIDATE.later).every((v) => v === null)).toBe(true);
  });
});
