import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, openTestDb } from '../support/cliDb.ts';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.ts';

/** `callbridge import`, run as a real process against the configured database. */
describe('callbridge import', () => {
  let database: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'cb-csv-'));
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['src/cli/main.ts', ...args], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'silent' },
    });
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const count = async (table: 'leads' | 'candidates' | 'phone_numbers') => {
    const db = openTestDb(database.url);
    try {
      const r = await db.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    } finally {
      await closeDb(db);
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    execFileSync(process.execPath, ['src/cli/main.ts', 'migrate'], {
      env: { ...process.env, DATABASE_URL: database.url },
    });
  });
  afterAll(() => database?.drop());

  const leadsWithBadRows = [
    'Firma;Ansprechpartner;Telefon;E-Mail;Stadt',
    'ACME GmbH;Petra Schulz;030 123456;p@acme.example;Berlin',
    ';Ohne Firma;030 999999;;',
    'Brandt & Söhne KG;Maria Brandt;12;mb@brandt.example;Kassel',
    'Nordlicht AG;Jan Hansen;040 7654321 | 0171 5550101;kein-mail;Hamburg',
  ].join('\n');

  it('names every bad row by line, column and reason and imports nothing', async () => {
    const r = cli(['import', 'leads', file('leads.csv', leadsWithBadRows)]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('3 von 4 Zeilen fehlerhaft, nichts importiert');
    expect(r.stderr).toContain('Zeile 3, Spalte Firma: Firma fehlt');
    expect(r.stderr).toMatch(/Zeile 4, Spalte Telefon: Telefonnummer "12" ist zu kurz/);
    expect(r.stderr).toContain('Zeile 5, Spalte E-Mail: keine gültige E-Mail-Adresse');
    expect(r.stderr).toContain('--skip-invalid');
    expect(await count('leads')).toBe(0);
    expect(await count('phone_numbers')).toBe(0);
  });

  it('imports the good rows with --skip-invalid and reports the skipped ones', async () => {
    const r = cli(['import', 'leads', file('leads.csv', leadsWithBadRows), '--skip-invalid']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1 von 4 Zeilen importiert, 3 übersprungen');
    expect(await count('leads')).toBe(1);
  });

  it('imports candidates with several numbers per record, all normalised', async () => {
    const csv = [
      'vorname,nachname,telefon,mobil,status',
      'Anna,Keller,0561 112233,+49 (160) 111 22 33,neu',
      'Lukas,Demir,,0151 23456789,',
    ].join('\n');
    const r = cli(['import', 'candidates', file('cand.csv', csv)]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2 von 2 Zeilen importiert');
    const db = openTestDb(database.url);
    try {
      const nums = await db.db
        .selectFrom('phone_numbers')
        .select('e164')
        .where('record_type', '=', 'candidate')
        .orderBy('e164')
        .execute();
      expect(nums.map((n) => n.e164)).toEqual(['+4915123456789', '+491601112233', '+49561112233']);
    } finally {
      await closeDb(db);
    }
  });

  it('reports a number another record has, and with --merge folds the same company into it', async () => {
    // ACME GmbH (030 123456) exists from the --skip-invalid import above.
    const csv = [
      'firma;telefon;stadt;email',
      'ACME Doppelt;030 123456;Köln;',
      'acme gmbh;030 123456 | 030 7777777;Berlin;info@acme.example',
    ].join('\n');
    let r = cli(['import', 'leads', file('dup.csv', csv), '--merge']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1 von 2 Zeilen importiert, 1 in bestehende Datensätze übernommen');
    expect(r.stdout).toContain('doppelte Nummer: Zeile 2: +49 30 123456 gehört schon zu Lead „ACME GmbH“');
    expect(r.stdout).toContain('übernommen: Zeile 3: +49 30 123456 in Lead „ACME GmbH“');
    const db = openTestDb(database.url);
    try {
      const acme = await db.db
        .selectFrom('leads')
        .selectAll()
        .where('company', '=', 'ACME GmbH')
        .executeTakeFirstOrThrow();
      // What was empty is filled, what was there stays.
      expect(acme.email).toBe('p@acme.example');
      expect(acme.city).toBe('Berlin');
      const nums = await db.db
        .selectFrom('phone_numbers')
        .select('e164')
        .where('record_id', '=', acme.id)
        .orderBy('e164')
        .execute();
      expect(nums.map((n) => n.e164)).toEqual(['+4930123456', '+49307777777']);
      expect(await count('leads')).toBe(2);
    } finally {
      await closeDb(db);
    }
    // Without --merge the same row becomes a second record, and the report says so.
    r = cli(['import', 'leads', file('dup2.csv', 'firma;telefon\nACME GmbH;030 7777777')]);
    expect(r.stdout).toContain('1 von 1 Zeilen importiert');
    expect(r.stdout).toContain('gehört schon zu Lead „ACME GmbH“ (trotzdem angelegt; --merge');
    expect(await count('leads')).toBe(3);
  });

  it('refuses a file without the required columns or an unknown kind', async () => {
    let r = cli(['import', 'candidates', file('x.csv', 'email,telefon\na@b.de,030 123456')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Pflichtspalte fehlt: vorname + nachname (oder name)');
    r = cli(['import', 'leads', file('z.csv', 'ansprechpartner;telefon\nPetra;030 123456')]);
    expect(r.stderr).toContain('Pflichtspalte fehlt: firma');
    r = cli(['import', 'kunden', file('y.csv', 'firma\nA')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Unbekannte Art "kunden"');
    r = cli(['import', 'leads', join(dir, 'missing.csv')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('kann nicht gelesen werden');
  });

  it('says in German why a file cannot be read, and which columns it knows', async () => {
    const before = await count('candidates');
    let r = cli(['import', 'candidates', file('quote.csv', 'name,telefon\n"Anna Keller,0561 112233\n')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('CSV kann nicht gelesen werden: Anführungszeichen nicht geschlossen');
    expect(r.stderr).not.toMatch(/Quote|parsing|opening/);
    r = cli(['import', 'leads', file('cols.csv', 'name;telefon\nPetra;030 123456')]);
    expect(r.stderr).toContain('Bekannte Spalten für Leads: firma');
    expect(r.stderr).not.toContain('für leads');
    expect(await count('candidates')).toBe(before);
  });

  it('refuses a bad config value with the variable name and exit code 2', () => {
    const r = spawnSync(process.execPath, ['src/cli/main.ts', 'migrate'], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: database.url, PORT: 'siebzig', DEFAULT_REGION: 'Deutschland' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('PORT="siebzig"');
    expect(r.stderr).toContain('DEFAULT_REGION="Deutschland": muss ein zweibuchstabiger ISO-Ländercode sein');
  });
});
