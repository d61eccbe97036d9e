import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallView } from '../../src/calls/callView.ts';
import { readDeployNginxBlock, startDocProxy } from '../support/docProxy.ts';
import { SseClient } from '../support/sseClient.ts';
import { type Stack, startStack } from '../support/stack.ts';

const PUBLIC = 'https://crm.example.de';
const CLIENT = '203.0.113.7';

/** CallBridge behind the nginx of docs/deploy.md, with the settings that page names. */
describe('behind the documented reverse proxy', () => {
  let stack: Stack;
  let proxy: Awaited<ReturnType<typeof startDocProxy>>;
  const block = readDeployNginxBlock();

  beforeAll(async () => {
    stack = await startStack({ publicUrl: PUBLIC, trustProxy: '127.0.0.1' });
    proxy = await startDocProxy(block, new URL(stack.url), CLIENT);
  });
  afterAll(async () => {
    await proxy?.close();
    await stack?.close();
  });

  // What a browser on PUBLIC_URL sends: its own origin, a form body.
  const form = (path: string, body: Record<string, string>, cookie?: string, origin = PUBLIC) =>
    fetch(`${proxy.url}${path}`, {
      method: 'POST',
      headers: {
        origin,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
        ...(cookie ? { cookie } : {}),
      },
      body: new URLSearchParams(body).toString(),
      redirect: 'manual',
    });

  it('the block forwards Host "callbridge", the client address and https', () => {
    expect(block.upstream).toBe('callbridge');
    expect(Object.fromEntries(block.setHeaders)).toMatchObject({
      'x-forwarded-for': '$proxy_add_x_forwarded_for',
      'x-forwarded-proto': '$scheme',
    });
  });

  it('login, a form save and the event stream work; a foreign origin is refused', async () => {
    const login = await form('/login', { username: 'milad', password: 'milad-password', next: '/leads' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/leads');
    const setCookie = login.headers.getSetCookie().find((c) => c.startsWith('cb_session='))!;
    expect(setCookie).toMatch(/; Secure/i);
    const cookie = setCookie.split(';')[0]!;

    const saved = await form('/leads/neu', { company: 'Proxy GmbH', phones: '040 5556667' }, cookie);
    expect(saved.status).toBe(303);
    const leadPath = saved.headers.get('location')!;
    const res = await fetch(`${proxy.url}${leadPath}`, { headers: { cookie } });
    expect(await res.text()).toContain('Proxy GmbH');
    // PUBLIC_URL is https: HSTS, and the logged-in page is not kept in any cache.
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
    expect(res.headers.get('cache-control')).toBe('no-store');

    const foreign = await form('/leads/neu', { company: 'Fremd GmbH' }, cookie, 'https://evil.example');
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain('CallBridge unter https://crm.example.de öffnen');
    expect(
      await stack.app.ctx.db.selectFrom('leads').select('id').where('company', '=', 'Fremd GmbH').execute(),
    ).toHaveLength(0);

    const sse = await SseClient.connect(`${proxy.url}/api/events`, { cookie });
    try {
      await sse.waitFor((e) => e.event === 'snapshot');
      await stack.ring({ from: '040 5556667', scenario: 'ringing' });
      const e = await sse.waitFor((e) => e.event === 'call');
      expect((JSON.parse(e.data) as CallView).match?.title).toBe('Proxy GmbH');
    } finally {
      await sse.close();
    }
  });
});

/** Without PUBLIC_URL the expected origin is the request's own; behind a trusted proxy, the forwarded one. */
describe('origin check without PUBLIC_URL', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ publicUrl: undefined, trustProxy: '127.0.0.1' });
  });
  afterAll(() => stack?.close());

  const loginAs = (headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const target = new URL(stack.url);
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          method: 'POST',
          path: '/login',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('username=milad&password=milad-password');
    });

  it('accepts the forwarded origin and the direct one; refuses any other', async () => {
    const forwarded = {
      host: 'callbridge',
      'x-forwarded-host': 'crm.example.de',
      'x-forwarded-proto': 'https',
    };
    expect(await loginAs({ ...forwarded, origin: 'https://crm.example.de' })).toBe(303);
    expect(await loginAs({ ...forwarded, origin: 'http://callbridge' })).toBe(403);
    expect(await loginAs({ origin: stack.url })).toBe(303);
    expect(await loginAs({ origin: 'http://127.0.0.1:1' })).toBe(403);
  });
});
