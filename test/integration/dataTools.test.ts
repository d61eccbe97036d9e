import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type RunningApp, startCallBridge } from '../../src/app/start.ts';
import { addUser } from '../../src/auth/userAccounts.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createLead } from '../../src/crm/leadStore.ts';
import { signBody } from '../../src/webhooks/signature.ts';
import { PERSON, telephonyDelivery } from '../fixtures/telephonyDeliveries.ts';
import { closeDb, openTestDb } from '../support/cliDb.ts';
import { createTestDatabase, testBackend } from '../support/testDatabase.ts';

const SECRET = 'data-tools-secret-0123456789';
const cli = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['src/cli/main.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
  });

/** `callbridge backup` of a live SQLite database and `callbridge migrate-data` SQLite → PostgreSQL. */
describe('backup and data migration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cb-data-'));
  const sqliteUrl = `sqlite:${join(dir, 'source.db')}`;
  let app: RunningApp;

  beforeAll(async () => {
    app = await startCallBridge(
      loadConfig({
        env: {},
        overrides: { port: 0, databaseUrl: sqliteUrl, webhookSecret: SECRET, logLevel: 'silent' },
      }),
    );
    await addUser(app.ctx.db, { username: 'milad', password: 'milad-password', webexPersonId: PERSON });
    await createLead(app.ctx.db, app.ctx.phoneRules, {
      company: 'ACME GmbH',
      contactPerson: null,
      email: null,
      city: null,
      notes: null,
      phones: ['030 123456'],
    });
    for (let i = 0; i < 30; i++) {
      const text = JSON.stringify(telephonyDelivery({ callId: `seed-${i}`, number: '+4930123456' }));
      await fetch(`${app.url}/webhooks/webex`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-spark-signature': signBody(text, SECRET) },
        body: text,
      });
    }
  });
  afterAll(() => app?.close());

  it('backs up the SQLite database while the service runs, into a complete database', async () => {
    const dest = join(dir, 'backup.db');
    const r = cli(['backup', dest], { DATABASE_URL: sqliteUrl });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Integrität geprüft');
    const copy = openTestDb(`sqlite:${dest}`);
    try {
      const calls = await copy.db.selectFrom('calls').select('id').execute();
      expect(calls).toHaveLength(30);
    } finally {
      await closeDb(copy);
    }
    const again = cli(['backup', dest], { DATABASE_URL: sqliteUrl });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('existiert schon');
  });

  describe.skipIf(testBackend() !== 'postgres')('to PostgreSQL', () => {
    it('copies every table, verified by counts and checksums, and the copy runs CallBridge', async () => {
      const target = await createTestDatabase();
      onTestFinished(() => target.drop());
      const r = cli(['migrate-data', '--from', sqliteUrl, '--to', target.url]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/calls\s+30\s+(\w+)\s+\1\s+ok/);
      expect(r.stdout).toContain('Tabellen kopiert und geprüft');
      expect(r.stdout).not.toContain('ABWEICHUNG');

      // A second run refuses to merge into the now non-empty target.
      const again = cli(['migrate-data', '--from', sqliteUrl, '--to', target.url]);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('nicht leer');

      // Serial ids continue after the copied ones: new deliveries and live events insert fine.
      const pgApp = await startCallBridge(
        loadConfig({
          env: {},
          overrides: { port: 0, databaseUrl: target.url, webhookSecret: SECRET, logLevel: 'silent' },
        }),
      );
      try {
        const text = JSON.stringify(telephonyDelivery({ callId: 'after-move', number: '+4930123456' }));
        const res = await fetch(`${pgApp.url}/webhooks/webex`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-spark-signature': signBody(text, SECRET) },
          body: text,
        });
        expect(await res.json()).toMatchObject({ status: 'processed' });
        const call = await pgApp.ctx.db
          .selectFrom('calls')
          .selectAll()
          .where('webex_call_id', '=', 'after-move')
          .executeTakeFirstOrThrow();
        expect(call.matched_type).toBe('lead');
      } finally {
        await pgApp.close();
      }
    });
  });
});
