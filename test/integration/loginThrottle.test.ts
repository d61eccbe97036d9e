import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startCallBridge } from '../../src/app/start.ts';
import { createApiKey } from '../../src/auth/apiKeys.ts';
import { cli } from '../support/cli.ts';
import { freePort } from '../support/serviceProcess.ts';
import { type Stack, startStack } from '../support/stack.ts';

const json = (base: string, username: string, password: string, forwardedFor?: string) =>
  fetch(`${base}/api/session`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
    },
    body: JSON.stringify({ username, password }),
  });

async function inParallel<T>(n: number, width: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await fn(i);
      }
    }),
  );
  return out;
}

/** Password and API-key guessing is limited per account and per client address, across instances. */
describe('login throttling behind a trusted proxy', () => {
  let stack: Stack;
  let second: RunningApp;

  beforeAll(async () => {
    stack = await startStack({
      trustProxy: '127.0.0.1',
      loginMaxAttempts: 5,
      loginMaxAttemptsPerAddress: 20,
    });
    // A second instance on the same database, as behind a load balancer.
    second = await startCallBridge({ ...stack.app.ctx.config, port: await freePort() });
  });
  afterAll(async () => {
    await second?.close();
    await stack?.close();
  });

  it('200 guesses at concurrency 20 over two instances: 5 are checked, then a German pause; unlock lifts it', async () => {
    const results = await inParallel(200, 20, (i) =>
      json(i % 2 ? second.url : stack.url, 'milad', `falsch-${i}`, `198.51.100.${i % 200}`).then(
        async (r) => ({
          status: r.status,
          body: (await r.json()) as { message: string },
          retry: r.headers.get('retry-after'),
        }),
      ),
    );
    expect(results.filter((r) => r.status === 401)).toHaveLength(5);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(195);
    expect(refused[0]!.body.message).toMatch(
      /^Zu viele fehlgeschlagene Anmeldeversuche\. Bitte ab \d\d:\d\d Uhr erneut versuchen\.$/,
    );
    expect(Number(refused[0]!.retry)).toBeGreaterThan(14 * 60);

    // The right password does not help during the pause; another account is not affected.
    expect((await json(stack.url, 'milad', 'milad-password', '192.0.2.10')).status).toBe(429);
    expect((await json(second.url, 'sabine', 'sabine-password', '192.0.2.10')).status).toBe(200);

    const unlocked = await cli(['users', 'unlock', 'milad'], { DATABASE_URL: stack.database.url });
    expect(unlocked).toMatchObject({ code: 0 });
    expect(unlocked.out).toContain('Sperre für milad aufgehoben');
    expect((await json(stack.url, 'milad', 'milad-password', '192.0.2.10')).status).toBe(200);
  });

  it('per client address: 20 failures over many accounts pause that address only', async () => {
    const attacker = '203.0.113.66';
    for (let i = 0; i < 20; i++) expect((await json(stack.url, `user${i}`, 'x', attacker)).status).toBe(401);
    expect((await json(second.url, 'sabine', 'sabine-password', attacker)).status).toBe(429);
    expect((await json(stack.url, 'sabine', 'sabine-password', '203.0.113.67')).status).toBe(200);
  });

  it('an IPv6 client counts per /64 network: new addresses of its own network do not reset the limit', async () => {
    // Every IPv6 host has a whole /64 to pick from; counted per address, the limit would never be hit.
    for (let i = 0; i < 20; i++)
      expect(
        (await json(stack.url, `v6user${i}`, 'x', `2001:db8:77:1::${(i + 1).toString(16)}`)).status,
      ).toBe(401);
    expect((await json(second.url, 'sabine', 'sabine-password', '2001:db8:77:1:abcd::1')).status).toBe(429);
    expect((await json(stack.url, 'sabine', 'sabine-password', '2001:db8:77:2::1')).status).toBe(200);
    const lifted = await cli(['users', 'unlock', '--address', '2001:0db8:0077:0001:0:0:0:99'], {
      DATABASE_URL: stack.database.url,
    });
    expect(lifted).toMatchObject({ code: 0 });
    expect((await json(stack.url, 'sabine', 'sabine-password', '2001:db8:77:1::5')).status).toBe(200);
  });

  it('a JSON login without name or password is told what is needed, and counts no failure', async () => {
    const res = await json(stack.url, 'sabine', '', '203.0.113.68');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid_input',
      message: 'username und password werden benötigt',
    });
    expect((await json(stack.url, 'sabine', 'sabine-password', '203.0.113.68')).status).toBe(200);
  });

  it('the login form says the same in German (429, nothing logged in)', async () => {
    const address = '203.0.113.90';
    const form = () =>
      fetch(`${stack.url}/login`, {
        method: 'POST',
        headers: {
          origin: stack.url,
          'content-type': 'application/x-www-form-urlencoded',
          'x-forwarded-for': address,
        },
        body: 'username=admin&password=falsch',
        redirect: 'manual',
      });
    for (let i = 0; i < 5; i++) expect((await form()).status).toBe(401);
    const res = await form();
    expect(res.status).toBe(429);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await res.text()).toMatch(/Zu viele fehlgeschlagene Anmeldeversuche\. Bitte ab \d\d:\d\d Uhr/);
    await cli(['users', 'unlock', 'admin'], { DATABASE_URL: stack.database.url });
  });

  it('wrong API keys on the compatibility endpoints pause the address; the right key works elsewhere', async () => {
    const { key } = await createApiKey(stack.app.ctx.db, 'n8n');
    const post = (apiKey: string, address: string, path = '/api/akquise/events/incoming-call') =>
      fetch(`${stack.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'x-forwarded-for': address },
        body: JSON.stringify({ phoneNumber: '+49 30 123456' }),
      });
    const guesser = '203.0.113.120';
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await post(`cbk_guess${i}`, guesser)).status);
    expect(statuses.slice(0, 19)).toEqual(Array(19).fill(401));
    expect(statuses[19]).toBe(429);
    const refused = await post(key, guesser, '/api/akquise/unassigned-calls');
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { message: string }).message).toMatch(/Bitte ab \d\d:\d\d Uhr/);
    expect((await post(key, '203.0.113.121')).status).toBe(202);
    const lifted = await cli(['users', 'unlock', '--address', guesser], { DATABASE_URL: stack.database.url });
    expect(lifted.code).toBe(0);
    expect((await post(key, guesser)).status).toBe(202);
  });
  const throttleRows = () =>
    stack.app.ctx.db
      .selectFrom('auth_throttle')
      .select('key')
      .execute()
      .then((rows) => rows.length);

  it('a paused address adds no rows however many names it tries', async () => {
    const sprayer = '203.0.113.200';
    for (let i = 0; i < 20; i++) expect((await json(stack.url, `spray${i}`, 'x', sprayer)).status).toBe(401);
    expect((await json(stack.url, 'spray-first-refused', 'x', sprayer)).status).toBe(429);
    const before = await throttleRows();
    const statuses = await inParallel(60, 10, (i) =>
      json(i % 2 ? second.url : stack.url, `spray-more${i}`, 'x', sprayer).then((r) => r.status),
    );
    expect(statuses).toEqual(Array(60).fill(429));
    expect(await throttleRows()).toBe(before);
  });

  it('a paused account adds no rows however many addresses try it', async () => {
    for (let i = 0; i < 5; i++)
      expect((await json(stack.url, 'zielkonto', 'x', `198.18.0.${i}`)).status).toBe(401);
    expect((await json(stack.url, 'zielkonto', 'x', '198.18.0.9')).status).toBe(429);
    const before = await throttleRows();
    const statuses = await inParallel(60, 10, (i) =>
      json(i % 2 ? second.url : stack.url, 'zielkonto', 'x', `198.18.1.${i}`).then((r) => r.status),
    );
    expect(statuses).toEqual(Array(60).fill(429));
    expect(await throttleRows()).toBe(before);
  });

  it('counters whose pause is long over are removed by the periodic pruning on the job queue', async () => {
    const minutes = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
    // LOGIN_LOCK_MINUTES is 15 here: a pause that began 40 minutes ago is over, one 10 minutes ago is not.
    await stack.app.ctx.db
      .insertInto('auth_throttle')
      .values([
        { key: 'address:192.0.2.201', attempts: 40, window_start: minutes(40) },
        { key: 'account:alt', attempts: 3, window_start: minutes(300) },
        { key: 'address:192.0.2.202', attempts: 40, window_start: minutes(10) },
      ])
      .execute();
    // Its own key: this hour's run may already have happened when the file runs long.
    await stack.app.queue.enqueue({
      type: 'periodic:live-and-session-pruning',
      key: 'test:throttle-pruning',
    });
    await stack.app.queue.drain(['periodic:live-and-session-pruning'], 10_000);
    const keys = (
      await stack.app.ctx.db
        .selectFrom('auth_throttle')
        .select('key')
        .where('key', 'in', ['address:192.0.2.201', 'account:alt', 'address:192.0.2.202'])
        .execute()
    ).map((r) => r.key);
    expect(keys).toEqual(['address:192.0.2.202']);
    expect((await json(stack.url, 'milad', 'milad-password', '192.0.2.202')).status).toBe(429);
  });
});

describe('login throttling without TRUST_PROXY', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ loginMaxAttempts: 50, loginMaxAttemptsPerAddress: 10 });
  });
  afterAll(() => stack?.close());

  it('a forged X-Forwarded-For does not give a fresh address', async () => {
    for (let i = 0; i < 10; i++)
      expect((await json(stack.url, `user${i}`, 'x', `198.51.100.${i}`)).status).toBe(401);
    expect((await json(stack.url, 'milad', 'milad-password', '192.0.2.200')).status).toBe(429);
  });
});
