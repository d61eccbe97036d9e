import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../../src/webex/secretBox.ts';
import { loggerInto } from '../support/logs.ts';
import { CLIENT_ID, CLIENT_SECRET, type Stack, startStack } from '../support/stack.ts';
import { testBackend } from '../support/testDatabase.ts';
import { configureIntegrationAsAdmin, connectWebex } from '../support/webexConnect.ts';

const KEY = generateKey();
const run = promisify(execFile);

/** A full run's tokens and secrets appear nowhere in plain text: not in the database, logs or responses. */
describe('no secret in plain text', () => {
  let stack: Stack;
  const logs: string[] = [];
  const responses: string[] = [];

  beforeAll(async () => {
    stack = await startStack({ encryptionKey: KEY, logLevel: 'debug' }, { log: loggerInto(logs, 'debug') });
    const milad = await stack.login('milad', 'milad-password');
    const admin = await stack.login('admin', 'admin-password');
    await configureIntegrationAsAdmin(stack, admin, CLIENT_ID, CLIENT_SECRET);
    const { result } = await connectWebex(stack, milad);
    responses.push(await result.text());
    // Refresh, rotate, sync, ring, and look at every page that shows Webex state.
    await stack.app.ctx.db
      .updateTable('webex_connections')
      .set({ access_expires_at: '2020-01-01T00:00:00.000Z' })
      .execute();
    await stack.app.webex.upkeep();
    await stack.ring({ from: '030 123456', scenario: 'answered' });
    for (const [path, cookie] of [
      ['/webex', admin],
      ['/webex', milad],
      ['/api/webex/warnings', milad],
      ['/api/session', milad],
      ['/anrufe', milad],
    ] as const) {
      responses.push(await fetch(`${stack.url}${path}`, { headers: { cookie } }).then((r) => r.text()));
    }
  });
  afterAll(() => stack?.close());

  const secrets = () => [
    CLIENT_SECRET,
    ...stack.sim.oauth.accessTokens.keys(),
    ...stack.sim.oauth.refreshTokens.keys(),
    ...[...stack.sim.state.webhooks.values()].map((h) => h.secret!).filter(Boolean),
  ];

  it('used real secrets in this run', () => {
    expect(stack.sim.oauth.refreshTokens.size).toBeGreaterThanOrEqual(2);
    expect(secrets().length).toBeGreaterThanOrEqual(6);
  });

  it('keeps none in the database', async () => {
    let dump: string;
    if (testBackend() === 'sqlite') {
      dump = readFileSync(stack.database.url.slice('sqlite:'.length)).toString('latin1');
      try {
        dump += readFileSync(`${stack.database.url.slice('sqlite:'.length)}-wal`).toString('latin1');
      } catch {
        // no WAL file at the moment
      }
    } else {
      const { stdout } = await run('pg_dump', ['--data-only', stack.database.url], {
        maxBuffer: 64 * 1024 * 1024,
      });
      dump = stdout;
    }
    for (const s of secrets()) expect(dump.includes(s), `secret ${s.slice(0, 6)}… in database`).toBe(false);
    expect(dump).toContain('v1.');
  });

  it('writes none to the logs', () => {
    const all = logs.join('');
    expect(all.length).toBeGreaterThan(0);
    for (const s of secrets()) expect(all.includes(s), `secret ${s.slice(0, 6)}… in logs`).toBe(false);
  });

  it('sends none in API responses or pages', () => {
    const all = responses.join('');
    expect(all).toContain('Webex-Verbindung');
    for (const s of secrets()) expect(all.includes(s), `secret ${s.slice(0, 6)}… in a response`).toBe(false);
  });
});
