import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createApiKey } from '../../src/auth/apiKeys.ts';
import { migrateToLatest } from '../../src/db/database.ts';
import { runDoctor } from '../../src/doctor/doctor.ts';
import { startOpenAiTestServer } from '../../src/testServer/openaiTestServer.ts';
import { generateKey } from '../../src/webex/secretBox.ts';
import { cli } from '../support/cli.ts';
import { closeDb, openTestDb } from '../support/cliDb.ts';
import { freePort, startServiceProcess } from '../support/serviceProcess.ts';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.ts';

const exited = (child: ChildProcess, ms: number) =>
  new Promise<number | null | 'timeout'>((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => resolve('timeout'), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });

/** What the CLI says when a setting is wrong: one clear German message, the right exit code, no stack. */
describe('CLI failures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cb-cli-fail-'));

  it('says in German that a command got too many arguments, naming them', async () => {
    // `users add` with a name in two words, as typed without quotes.
    const r = await cli(['users', 'add', 'Anna', 'Keller'], {
      DATABASE_URL: `sqlite:${join(dir, 'none.db')}`,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Fehler: zu viele Argumente (erwartet 1, erhalten 2: Anna, Keller)');
    expect(r.stderr).not.toMatch(/too many|Expected|but got/);
  });

  describe('a SQLite path that does not exist', () => {
    const missingDir = join(dir, 'tippfehler');
    const url = `sqlite:${join(missingDir, 'x.db')}`;

    it.each([
      ['doctor'],
      ['recordings', 'list'],
      ['recordings', 'show', 'r1'],
      ['webex', 'status'],
      ['webex', 'webhooks', 'list'],
      ['users', 'list'],
      ['apikeys', 'list'],
      ['apikeys', 'revoke', 'legacy'],
    ])('is refused by `%s …`, naming DATABASE_URL and the path, and nothing is created', async (...args) => {
      const r = await cli(args, { DATABASE_URL: url });
      expect(r.code).not.toBe(0);
      expect(`${r.stdout}${r.stderr}`).toContain(
        `SQLite-Datenbank ${join(missingDir, 'x.db')} gibt es nicht`,
      );
      expect(`${r.stdout}${r.stderr}`).toContain('DATABASE_URL');
      expect(`${r.stdout}${r.stderr}`).not.toContain('Migrationen fehlen');
      expect(existsSync(missingDir)).toBe(false);
    });

    it('is created by `migrate` and by commands that add data', async () => {
      const fresh = join(dir, 'neu', 'a.db');
      expect((await cli(['migrate'], { DATABASE_URL: `sqlite:${fresh}` })).code).toBe(0);
      expect(existsSync(fresh)).toBe(true);
      const other = join(dir, 'neu2', 'b.db');
      expect((await cli(['apikeys', 'create', 'n8n'], { DATABASE_URL: `sqlite:${other}` })).code).toBe(0);
      expect(existsSync(other)).toBe(true);
    });
  });

  describe('an ENCRYPTION_KEY that does not match the stored Webex credentials', () => {
    let database: TestDatabase;
    const oldKey = generateKey();
    const otherKey = generateKey();

    beforeAll(async () => {
      database = await createTestDatabase();
      const configured = await cli(
        ['webex', 'configure', '--client-id', 'Cabc12345678'],
        { DATABASE_URL: database.url, ENCRYPTION_KEY: oldKey },
        'client-secret-0123456789\n',
      );
      expect(configured.code).toBe(0);
    });
    afterAll(() => database?.drop());

    it('warns when TRUST_PROXY trusts every peer, and names the fix', async () => {
      const trusting = await runDoctor({ DATABASE_URL: database.url, TRUST_PROXY: 'true' });
      expect(trusting.find((c) => c.id === 'trust_proxy')).toMatchObject({
        status: 'warn',
        fix: expect.stringContaining('TRUST_PROXY=127.0.0.1'),
      });
      const narrow = await runDoctor({ DATABASE_URL: database.url, TRUST_PROXY: '127.0.0.1' });
      expect(narrow.find((c) => c.id === 'trust_proxy')).toBeUndefined();
    });

    it('is its own doctor finding with the fix; the database is fine and the other checks still run', async () => {
      const checks = await runDoctor({ DATABASE_URL: database.url, ENCRYPTION_KEY: otherKey });
      expect(checks.filter((c) => c.id === 'database')).toEqual([expect.objectContaining({ status: 'ok' })]);
      const key = checks.find((c) => c.id === 'encryption_key');
      expect(key).toMatchObject({
        status: 'fail',
        de: expect.stringContaining('ENCRYPTION_KEY passt nicht zu den gespeicherten Webex-Zugangsdaten'),
        fix: expect.stringMatching(/PREVIOUS_ENCRYPTION_KEYS.*Webex neu einrichten/s),
      });
      expect(checks.map((c) => c.id)).toEqual(
        expect.arrayContaining(['api_keys', 'events', 'recording_pipeline']),
      );
      expect(JSON.stringify(checks)).not.toContain('unbekannten Schlüssel');
      const without = await runDoctor({ DATABASE_URL: database.url });
      expect(without.find((c) => c.id === 'encryption_key')).toMatchObject({
        status: 'fail',
        de: expect.stringContaining('ENCRYPTION_KEY fehlt: die gespeicherten Webex-Zugangsdaten'),
      });
      // With the old key among the previous ones everything opens again.
      const fixed = await runDoctor({
        DATABASE_URL: database.url,
        ENCRYPTION_KEY: otherKey,
        PREVIOUS_ENCRYPTION_KEYS: oldKey,
      });
      expect(fixed.find((c) => c.id === 'encryption_key')?.status).toBe('ok');
      expect(fixed.find((c) => c.id === 'integration')?.status).toBe('ok');
    });

    it('stops `webex webhooks list` with the key problem and a non-zero exit, also without any key', async () => {
      for (const env of [{ ENCRYPTION_KEY: otherKey }, {}] as Record<string, string>[]) {
        const r = await cli(['webex', 'webhooks', 'list'], { DATABASE_URL: database.url, ...env });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/^Fehler: ENCRYPTION_KEY (passt nicht zu den|fehlt: die) gespeicherten/);
        expect(r.stderr).not.toContain('unbekannten Schlüssel');
      }
    });

    it('lets `serve` start, with one warning about it', async () => {
      const service = await startServiceProcess({
        DATABASE_URL: database.url,
        ENCRYPTION_KEY: otherKey,
        LOG_LEVEL: 'warn',
      });
      onTestFinished(() => service.kill('SIGKILL').then(() => undefined));
      expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
      const warnings = service
        .output()
        .split('\n')
        .filter((l) => l.includes('ENCRYPTION_KEY does not match the stored Webex credentials'));
      expect(warnings).toHaveLength(1);
      expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 40, code: 'encryption_key_mismatch' });
      expect(await service.kill('SIGTERM')).toBe(0);
    });
  });

  describe('API keys', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase();
      expect((await cli(['migrate'], { DATABASE_URL: database.url })).code).toBe(0);
    });
    afterAll(() => database?.drop());

    it('refuses a second active key with the same name', async () => {
      const first = await cli(['apikeys', 'create', 'legacy'], { DATABASE_URL: database.url });
      expect(first.code).toBe(0);
      const second = await cli(['apikeys', 'create', 'legacy'], { DATABASE_URL: database.url });
      expect(second.code).toBe(1);
      expect(second.stdout).toBe('');
      expect(second.stderr).toContain('Es gibt schon einen aktiven API-Schlüssel „legacy“');
      expect(second.stderr).toContain('callbridge apikeys revoke cbk_');
    });

    it('refuses to revoke by a name several keys share, lists them, and names the one it revokes', async () => {
      // Two active keys of one name, as databases from before the check hold them.
      const db = openTestDb(database.url);
      let prefixes: string[];
      try {
        await createApiKey(db.db, 'zapier');
        await db.db
          .updateTable('api_keys')
          .set({ name: 'zapier-tmp' })
          .where('name', '=', 'zapier')
          .execute();
        await createApiKey(db.db, 'zapier');
        await db.db
          .updateTable('api_keys')
          .set({ name: 'zapier' })
          .where('name', '=', 'zapier-tmp')
          .execute();
        prefixes = (
          await db.db.selectFrom('api_keys').select('prefix').where('name', '=', 'zapier').execute()
        ).map((r) => r.prefix);
      } finally {
        await closeDb(db);
      }
      expect(prefixes).toHaveLength(2);
      const ambiguous = await cli(['apikeys', 'revoke', 'zapier'], { DATABASE_URL: database.url });
      expect(ambiguous.code).toBe(1);
      expect(ambiguous.stderr).toContain(
        '„zapier“ passt auf 2 aktive API-Schlüssel; keiner wurde widerrufen',
      );
      for (const p of prefixes) expect(ambiguous.stderr).toContain(p);
      const revoked = await cli(['apikeys', 'revoke', prefixes[0]!], { DATABASE_URL: database.url });
      expect(revoked.code).toBe(0);
      expect(revoked.stdout).toBe(`Schlüssel „zapier“ (${prefixes[0]}…) widerrufen.\n`);
      const list = await cli(['apikeys', 'list'], { DATABASE_URL: database.url });
      expect(
        list.stdout.split('\n').filter((l) => l.startsWith('zapier') && l.includes('aktiv')),
      ).toHaveLength(1);
    });
  });

  describe('listening', () => {
    let blocker: Server;
    let busyPort: number;
    beforeAll(async () => {
      blocker = createServer();
      await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
      busyPort = (blocker.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((r) => blocker.close(() => r())));
    const sqlite = () => ({ DATABASE_URL: `sqlite:${join(dir, `serve-${Math.random()}.db`)}` });

    it('names the port in use and what to do, exit 2', async () => {
      const r = await cli(['serve', '--port', String(busyPort)], sqlite());
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`Port ${busyPort} auf 127.0.0.1 ist schon belegt`);
      expect(r.stderr).toContain('--port');
      expect(r.stderr).not.toContain('    at ');
    });

    it('names a HOST that is not an address of this machine, exit 2', async () => {
      const r = await cli(['serve', '--port', '0'], { ...sqlite(), HOST: '999.1.1.1' });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Adresse 999.1.1.1 gibt es auf diesem Rechner nicht');
      expect(r.stderr).toContain('HOST');
      expect(r.stderr).not.toContain('    at ');
    });

    it.each([
      [['simulator', '--port', '-5'], '--port "-5"'],
      [['openai-test-server', '--port', 'x'], '--port "x"'],
      [['serve', '--port', '70000'], '--port "70000"'],
      [['demo', '--sim-port', '3.5'], '--sim-port "3.5"'],
    ])('validates the port option of `%s`, exit 2', async (args, named) => {
      const r = await cli(args, sqlite());
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`Fehler: ${named} ist kein gültiger Port`);
      expect(r.stderr).toContain('0 bis 65535');
    });

    it('says a PostgreSQL server is unreachable, with host and port and without the password', async () => {
      const port = await freePort();
      const r = await cli(['serve', '--port', '0'], {
        DATABASE_URL: `postgres://nouser:geheim@127.0.0.1:${port}/db`,
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`PostgreSQL-Server 127.0.0.1:${port} nicht erreichbar (ECONNREFUSED)`);
      expect(r.stderr).toContain(`pg_isready -h 127.0.0.1 -p ${port}`);
      expect(r.stderr).not.toContain('Tabellen anlegen');
      expect(r.stderr).not.toContain('geheim');
    });
  });

  it('drains and exits on SIGTERM when nobody reads its output any more (`serve | head -1`)', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['src/cli/main.ts', 'serve', '--port', String(port)], {
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        DATABASE_URL: `sqlite:${join(dir, 'epipe.db')}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    for (let i = 0; i < 100; i++) {
      if (
        await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 50));
    }
    // What `head -1` does after the first line: the reading end goes away, every later write is EPIPE.
    child.stdout!.destroy();
    child.stderr!.destroy();
    child.kill('SIGTERM');
    expect(await exited(child, 10_000)).toBe(0);
  });

  describe('model providers', () => {
    it('refuses `serve` with the OpenAI cloud and no key, naming the variable (exit 2)', async () => {
      const r = await cli(['serve', '--port', '0'], { TRANSCRIPTION_PROVIDER: 'openai' });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('TRANSCRIPTION_API_KEY fehlt');
    });

    it('refuses `extract --provider openai` without EXTRACTION_API_KEY (exit 2)', async () => {
      const file = join(dir, 't.txt');
      writeFileSync(file, 'Recruiter: Guten Tag.\nKandidat: Hallo.\n');
      const r = await cli(['extract', '--provider', 'openai', file]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('EXTRACTION_API_KEY fehlt');
      expect(r.stderr).not.toContain('    at ');
    });

    it('prints an unreachable provider as one German line with the setting to check, no stack', async () => {
      const audio = join(dir, 'a.mp3');
      writeFileSync(audio, Buffer.alloc(20_000, 1));
      const port = await freePort();
      const r = await cli(['transcribe', audio], {
        TRANSCRIPTION_PROVIDER: 'openai-compatible',
        TRANSCRIPTION_BASE_URL: `http://127.0.0.1:${port}/v1`,
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^Fehler: Transkriptionsdienst: .*ECONNREFUSED/);
      expect(r.stderr).toContain('TRANSCRIPTION_BASE_URL prüfen');
      expect(r.stderr).not.toContain('Unerwarteter Fehler');
      expect(r.stderr).not.toContain('    at ');
      const t = join(dir, 't2.txt');
      writeFileSync(t, 'Recruiter: Guten Tag.\n');
      const e = await cli(['extract', '--provider', 'openai-compatible', t], {
        EXTRACTION_BASE_URL: `http://127.0.0.1:${port}/v1`,
      });
      expect(e.code).toBe(1);
      expect(e.stderr).toMatch(/^Fehler: Auswertungsdienst: Connection error\. \(.*ECONNREFUSED/);
      expect(e.stderr).toContain('EXTRACTION_BASE_URL prüfen');
      expect(e.stderr).not.toContain('    at ');
    });

    it('are reported by doctor: which provider, the key, and whether the base URL answers', async () => {
      const server = await startOpenAiTestServer({ port: 0 });
      onTestFinished(() => server.close());
      const closed = await freePort();
      const database = await createTestDatabase();
      onTestFinished(() => database.drop());
      const db = openTestDb(database.url);
      await migrateToLatest(db);
      await closeDb(db);
      const checks = await runDoctor({
        DATABASE_URL: database.url,
        TRANSCRIPTION_PROVIDER: 'openai-compatible',
        TRANSCRIPTION_BASE_URL: `${server.url}/v1`,
        EXTRACTION_PROVIDER: 'openai-compatible',
        EXTRACTION_BASE_URL: `http://127.0.0.1:${closed}/v1`,
      });
      expect(checks.find((c) => c.id === 'provider:transcription')).toMatchObject({
        status: 'ok',
        de: `openai-compatible, ${server.url}/v1, ohne Schlüssel, erreichbar`,
      });
      expect(checks.find((c) => c.id === 'provider:extraction')).toMatchObject({
        status: 'fail',
        de: expect.stringContaining('nicht erreichbar'),
        fix: expect.stringContaining('EXTRACTION_BASE_URL'),
      });
      expect(checks.find((c) => c.id === 'database')?.status).toBe('ok');
      const builtIn = await runDoctor({ DATABASE_URL: database.url });
      expect(builtIn.filter((c) => c.id.startsWith('provider:')).map((c) => c.status)).toEqual(['ok', 'ok']);
    });
  });

  it('backs up without progress redrawn in place when stderr is no terminal', async () => {
    const url = `sqlite:${join(dir, 'backup-src.db')}`;
    expect((await cli(['migrate'], { DATABASE_URL: url })).code).toBe(0);
    const r = await cli(['backup', join(dir, 'backup.db')], { DATABASE_URL: url });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Gesichert nach .*Integrität geprüft\)\.\n$/);
  });
});
