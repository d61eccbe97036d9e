import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCandidate, listCandidates } from '../../src/crm/candidateStore.ts';
import { createLead, listLeads } from '../../src/crm/leadStore.ts';
import { candidateInput, leadInput } from '../../src/crm/recordInput.ts';
import { type MigratedTestDb, openMigratedTestDb } from '../support/testDatabase.ts';

/** `%`, `_` and the escape character are searched for literally, on SQLite and PostgreSQL. */
describe('search treats LIKE wildcards as text', () => {
  let a: MigratedTestDb;
  const rules = { defaultRegion: 'DE', minDigits: 4 };

  beforeAll(async () => {
    a = await openMigratedTestDb();
    for (const company of ['100% Personal GmbH', 'Muster_Bau AG', 'MusterXBau AG', 'Hallo! KG', 'Plain']) {
      await createLead(a.db, rules, leadInput.parse({ company }));
    }
    for (const lastName of ['O_Neil', 'OxNeil', '50%']) {
      await createCandidate(a.db, rules, candidateInput.parse({ firstName: 'Kim', lastName }));
    }
  });
  afterAll(() => a?.dispose());

  const leads = async (search: string) =>
    (await listLeads(a.db, { search })).items.map((l) => l.company).sort();
  const candidates = async (search: string) =>
    (await listCandidates(a.db, { search })).items.map((c) => c.last_name).sort();

  it('finds only the records that contain the character', async () => {
    expect(await leads('%')).toEqual(['100% Personal GmbH']);
    expect(await leads('_')).toEqual(['Muster_Bau AG']);
    expect(await leads('muster_bau')).toEqual(['Muster_Bau AG']);
    expect(await leads('!')).toEqual(['Hallo! KG']);
    expect(await leads('!%')).toEqual([]);
    expect(await leads('musterxbau')).toEqual(['MusterXBau AG']);
    expect(await candidates('o_n')).toEqual(['O_Neil']);
    expect(await candidates('%')).toEqual(['50%']);
  });
});
