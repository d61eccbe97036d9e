import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/auth/userAccounts.ts';
import { migrateToLatest } from '../../src/db/database.ts';
import { type RunningSimulator, startSimulator } from '../../src/simulator/simulatorServer.ts';
import { generateKey } from '../../src/webex/secretBox.ts';
import { closeDb, openTestDb } from '../support/cliDb.ts';
import { freePort, type ServiceProcess, startServiceProcess } from '../support/serviceProcess.ts';
import { loginAt, type Stack } from '../support/stack.ts';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.ts';
import { connectProcessToWebex, connectWebex } from '../support/webexConnect.ts';

const KEY = generateKey();
const CLIENT = { clientId: 'Ccrash-test-client-0001', clientSecret: 'crash-test-client-secret-0001' };

/**
 * kill -9 of a CallBridge process while it refreshes a token, against a simulator that invalidates
 * replaced refresh tokens. Dying before Webex acted leaves a working connection; dying after Webex
 * rotated but before the write leaves "Neu verbinden nötig" with a reason — never a retry loop.
 */
describe('kill -9 around a token refresh', () => {
  let database: TestDatabase;
  let sim: RunningSimulator;
  let svc: ServiceProcess | null = null;
  let port = 0;
  const env = () => ({
    DATABASE_URL: database.url,
    ENCRYPTION_KEY: KEY,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    WEBEX_API_URL: `${sim.url}/v1`,
  });
  const simOauth = (body: object) =>
    fetch(`${sim.url}/_sim/oauth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const connection = async () => {
    const db = openTestDb(database.url);
    try {
      return await db.db.selectFrom('webex_connections').selectAll().executeTakeFirstOrThrow();
    } finally {
      await closeDb(db);
    }
  };
  const expireAccess = async () => {
    const db = openTestDb(database.url);
    try {
      await db.db
        .updateTable('webex_connections')
        .set({ access_expires_at: '2020-01-01T00:00:00.000Z' })
        .execute();
    } finally {
      await closeDb(db);
    }
  };
  const sync = (url: string, cookie: string) =>
    fetch(`${url}/webex/webhooks/sync`, {
      method: 'POST',
      headers: { cookie, origin: url },
      redirect: 'manual',
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    port = await freePort();
    sim = await startSimulator({ port: 0, oauth: CLIENT });
    const db = openTestDb(database.url);
    await migrateToLatest(db);
    await addUser(db.db, { username: 'admin', password: 'admin-password', role: 'admin' });
    await closeDb(db);
  });
  afterAll(async () => {
    await svc?.kill('SIGKILL');
    await sim?.close();
    await database?.drop();
  });

  async function connectedService(): Promise<string> {
    svc = await startServiceProcess(env(), port);
    const cookie = await loginAt(svc.url, 'admin', 'admin-password');
    expect((await connectProcessToWebex(svc.url, sim, cookie, CLIENT)).status).toBe(303);
    return cookie;
  }

  async function killDuringRefresh(cookie: string, phase: 'before' | 'after') {
    await expireAccess();
    await simOauth({ refreshDelayMs: 5_000, refreshDelayPhase: phase });
    const before = sim.oauth.tokenRequests.refresh_token;
    void sync(svc!.url, cookie).catch(() => {});
    for (let i = 0; sim.oauth.tokenRequests.refresh_token === before; i++) {
      if (i > 200) throw new Error('CallBridge never asked for a token');
      await new Promise((r) => setTimeout(r, 25));
    }
    await svc!.kill('SIGKILL');
    await simOauth({ refreshDelayMs: 0 });
    svc = await startServiceProcess(env(), port);
  }

  it('dying before Webex acted: after restart the connection works', async () => {
    const cookie = await connectedService();
    await killDuringRefresh(cookie, 'before');
    // The killed request did reach Webex, which then answered nobody; the old refresh token still works.
    const before = sim.oauth.tokenRequests.refresh_token;
    const res = await sync(svc!.url, cookie);
    expect(res.status).toBe(303);
    expect(await connection()).toMatchObject({ status: 'active' });
    expect(sim.oauth.tokenRequests.refresh_token - before).toBe(1);
    expect(Date.parse((await connection()).access_expires_at)).toBeGreaterThan(Date.now());
  });

  it('dying after Webex rotated: "Neu verbinden nötig" with a reason, and no retry loop', async () => {
    const cookie = await loginAt(svc!.url, 'admin', 'admin-password');
    await killDuringRefresh(cookie, 'after');
    const before = sim.oauth.tokenRequests.refresh_token;
    await sync(svc!.url, cookie);
    await sync(svc!.url, cookie);
    const conn = await connection();
    expect(conn.status).toBe('reauth_required');
    expect(conn.status_reason).toContain('abgelehnt');
    // One refused attempt, then nothing more: the connection waits for a human.
    expect(sim.oauth.tokenRequests.refresh_token - before).toBe(1);
    const warnings = await fetch(`${svc!.url}/api/webex/warnings`, { headers: { cookie } }).then((r) =>
      r.json(),
    );
    expect(warnings.warnings[0].text).toContain('Neu verbinden nötig');
    // Reconnecting repairs it.
    const { result } = await connectWebex(
      { url: svc!.url, sim, personId: sim.state.people[0]!.id } as Stack,
      cookie,
    );
    expect(result.status).toBe(303);
    expect(await connection()).toMatchObject({ status: 'active' });
  });
});
