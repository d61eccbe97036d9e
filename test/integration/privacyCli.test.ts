import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLead } from '../../src/crm/leadStore.ts';
import type { DB } from '../../src/db/schema.ts';
import { storeCandidate } from '../support/records.ts';
import { createMigratedTestDatabase, type TestDatabase, withTestDb } from '../support/testDatabase.ts';

/** `callbridge privacy export|erase` on a database, as an operator runs them. */
describe('callbridge privacy', () => {
  let database: TestDatabase;
  let candidateId = '';
  const dir = mkdtempSync(join(tmpdir(), 'cb-privacy-'));
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['src/cli/main.ts', 'privacy', ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: database.url },
      encoding: 'utf8',
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  const withDb = <T>(fn: (db: Kysely<DB>) => Promise<T>) => withTestDb(database.url, fn);

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    await withDb(async (db) => {
      candidateId = (
        await storeCandidate(db, {
          firstName: 'Lea',
          lastName: 'Sperling',
          email: 'lea@example.de',
          city: 'Köln',
          notes: 'Ruft abends zurück',
          phones: ['0221 5551234'],
        })
      ).id;
    });
  });
  afterAll(() => database?.drop());

  it('exports a person as JSON and as a German page', () => {
    const out = join(dir, 'a.json');
    const page = join(dir, 'a.html');
    const r = cli('export', '--candidate', candidateId, '--out', out, '--html', page);
    expect(r.code, r.err).toBe(0);
    const data = JSON.parse(readFileSync(out, 'utf8'));
    expect(data.records[0].data).toMatchObject({ last_name: 'Sperling', notes: 'Ruft abends zurück' });
    expect(data.records[0].phoneNumbers).toEqual([{ e164: '+492215551234', raw: '0221 5551234' }]);
    const html = readFileSync(page, 'utf8');
    expect(html).toContain('Auskunft nach Art. 15 DSGVO');
    expect(html).toContain('Sperling');
    expect(html).not.toMatch(/<script/i);
    const byPhone = cli('export', '--phone', '+49 221 5551234');
    expect(JSON.parse(byPhone.out).records).toHaveLength(1);
  });

  it('refuses unclear input in German and changes nothing', () => {
    const none = cli('erase');
    expect(none.code).toBe(2);
    expect(none.err).toContain('Genau eine Person angeben');
    const unknown = cli('erase', '--candidate', 'gibt-es-nicht', '--ja');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Kandidat nicht gefunden');
  });

  it('shows what would go without --ja, and erases with it', async () => {
    const dry = cli('erase', '--phone', '0221 5551234');
    expect(dry.code).toBe(1);
    expect(dry.out).toContain('Würde löschen: 1 Datensatz');
    expect(dry.out).toContain('--ja');
    expect(await withDb((db) => db.selectFrom('candidates').select('id').execute())).toHaveLength(1);

    const done = cli('erase', '--phone', '0221 5551234', '--ja');
    expect(done.code, done.err).toBe(0);
    expect(done.out).toMatch(/^Gelöscht \(Vermerk [0-9a-f-]+\)/);
    await withDb(async (db) => {
      expect(await db.selectFrom('candidates').select('id').execute()).toEqual([]);
      expect(await db.selectFrom('phone_numbers').select('e164').execute()).toEqual([]);
      const [tomb] = await db.selectFrom('erasures').selectAll().execute();
      expect(tomb).toMatchObject({
        status: 'done',
        requested_by: 'cli',
        subject_type: 'phone',
        targets_json: null,
      });
      expect(tomb!.summary_json).not.toContain('5551234');
    });
  });

  it('erases a lead with its contact', async () => {
    const leadId = await withDb(
      async (db) =>
        (
          await createLead(
            db,
            { defaultRegion: 'DE', minDigits: 4 },
            {
              company: 'Amsel AG',
              contactPerson: 'Tom Amsel',
              email: 'tom@amsel.example',
              city: 'Bonn',
              notes: null,
              phones: ['0228 7654321'],
            },
          )
        ).id,
    );
    const r = cli('erase', '--lead', leadId, '--ja');
    expect(r.code, r.err).toBe(0);
    await withDb(async (db) => {
      expect(await db.selectFrom('leads').select('id').execute()).toEqual([]);
      expect(await db.selectFrom('phone_numbers').select('e164').execute()).toEqual([]);
    });
  });

  it('refuses a report day the calendar does not have instead of reading 2026-02-30 as 2 March', () => {
    for (const day of ['2026-02-30', '2026-04-31', '2026-13-01']) {
      const r = cli('report', '--from', '2026-02-01', '--to', day);
      expect(r.code, day).toBe(2);
      expect(r.err, day).toContain(`--to „${day}“ ist kein Datum`);
    }
    expect(cli('report', '--from', '2028-02-29', '--to', '2028-02-29', '--json').code).toBe(0);
  });
});
