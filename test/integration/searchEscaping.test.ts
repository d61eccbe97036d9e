import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCandidate, listCandidates } from '../../src/crm/candidateStore.ts';
import { createLead, listLeads } from '../../src/crm/leadStore.ts';
import { candidateInput, leadInput } from '../../src/crm/recordInput.ts';
import { type Stack, startStack } from '../support/stack.ts';
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

/**
 * German names begin with Ä, Ö, Ü as often as with any letter: searching by the name as it is written
 * (or in lower case) finds the record on both backends. SQLite's own lower() folds ASCII only.
 */
describe('search finds names with umlauts however they are typed', () => {
  let stack: Stack;
  let cookie: string;

  beforeAll(async () => {
    stack = await startStack();
    cookie = await stack.login('milad', 'milad-password');
    const post = (path: string, body: object) =>
      fetch(`${stack.url}${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await post('/api/candidates', { firstName: 'Ömer', lastName: 'Özdemir', city: 'Überlingen' });
    await post('/api/leads', { company: 'Ärztehaus Süd GmbH' });
  });
  afterAll(() => stack?.close());

  const found = async (path: string, q: string) => {
    const res = await fetch(`${stack.url}${path}?q=${encodeURIComponent(q)}`, {
      headers: { cookie, accept: 'application/json' },
    });
    return ((await res.json()) as { total: number }).total;
  };

  it('in the candidates and leads the pages list', async () => {
    for (const q of ['Özdemir', 'özdemir', 'ÖZDEMIR', 'Ömer', 'Überlingen', 'überlingen'])
      expect(await found('/api/candidates', q), q).toBe(1);
    for (const q of ['Ärztehaus', 'ärztehaus', 'ÄRZTEHAUS SÜD'])
      expect(await found('/api/leads', q), q).toBe(1);
    const page = await fetch(`${stack.url}/kandidaten?q=${encodeURIComponent('özdemir')}`, {
      headers: { cookie, accept: 'text/html' },
    });
    expect(await page.text()).toContain('Özdemir');
  });
});

/** Lists read as a German reader expects: umlauts beside their letter, case ignored, on both backends. */
describe('lists in German order', () => {
  let a: MigratedTestDb;
  const rules = { defaultRegion: 'DE', minDigits: 4 };

  beforeAll(async () => {
    a = await openMigratedTestDb();
    for (const company of ['Zabel GmbH', 'Özkan Logistik', 'adler & Söhne', 'Oberland Bau', 'Ärztehaus Süd'])
      await createLead(a.db, rules, leadInput.parse({ company }));
    for (const lastName of ['Zimmer', 'Über', 'von Aue', 'Ulrich', 'Öz'])
      await createCandidate(a.db, rules, candidateInput.parse({ firstName: 'Kim', lastName }));
  });
  afterAll(() => a?.dispose());

  it('puts Ä, Ö, Ü beside A, O, U and lower-case names among the others', async () => {
    expect((await listLeads(a.db)).items.map((l) => l.company)).toEqual([
      'adler & Söhne',
      'Ärztehaus Süd',
      'Oberland Bau',
      'Özkan Logistik',
      'Zabel GmbH',
    ]);
    expect((await listCandidates(a.db)).items.map((c) => c.last_name)).toEqual([
      'Öz',
      'Über',
      'Ulrich',
      'von Aue',
      'Zimmer',
    ]);
  });
});
