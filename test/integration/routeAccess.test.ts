import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess } from '../../src/http/access.ts';
import { buildServer } from '../../src/http/server.ts';
import { errorPages } from '../../src/web/pages/errorPages.ts';
import { type Stack, startStack } from '../support/stack.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const SOME_ID = '00000000-0000-4000-8000-000000000000';
/** The only routes anyone may change state on without a login: logging in and out. */
const PUBLIC_UNSAFE = ['POST /login', 'POST /logout', 'POST /api/session', 'DELETE /api/session'];
/** Org-wide actions that must stay admin-only whatever else changes. */
const ADMIN_ONLY = [
  'POST /webex/integration',
  'POST /webex/webhooks/sync',
  'POST /api/privacy/erasures',
  'POST /datenschutz/:type/:id/loeschen',
  // Everything stored with any number, other lines' calls and unassigned recordings included.
  'GET /api/privacy/export',
];

/**
 * Every route fastify registered, one by one: its declared access holds for anonymous visitors,
 * recruiters and cross-site requests. A route added later is covered without touching this file.
 */
describe('access of every route', () => {
  let stack: Stack;
  let routes: RouteAccess[];
  let milad: string;
  let admin: string;

  beforeAll(async () => {
    stack = await startStack();
    routes = stack.app.server.routeAccess;
    milad = await stack.login('milad', 'milad-password');
    admin = await stack.login('admin', 'admin-password');
  });
  afterAll(() => stack?.close());

  const call = (r: RouteAccess, headers: Record<string, string>, body?: string) =>
    fetch(`${stack.url}${r.url.replace(/:\w+/g, SOME_ID)}`, {
      method: r.method,
      headers,
      redirect: 'manual',
      ...(SAFE.has(r.method) ? {} : { body: body ?? 'x=1' }),
    });
  const label = (r: RouteAccess) => `${r.method} ${r.url} (${r.access})`;

  it('knows the whole route table, and the sensitive ones are declared as they must be', () => {
    expect(routes.length).toBeGreaterThan(40);
    const key = (r: RouteAccess) => `${r.method} ${r.url}`;
    const publicUnsafe = routes.filter((r) => r.access === 'public' && !SAFE.has(r.method)).map(key);
    expect(publicUnsafe.sort()).toEqual([...PUBLIC_UNSAFE].sort());
    for (const k of ADMIN_ONLY) expect(routes.find((r) => key(r) === k)?.access, k).toBe('admin');
    expect(routes.find((r) => key(r) === 'POST /webhooks/webex')?.access).toBe('webhook');
  });

  it('anonymous: 401 (or the login page) on every user/admin route, 401 without key or signature', async () => {
    for (const r of routes) {
      const unsafe = !SAFE.has(r.method);
      const json = await call(
        r,
        {
          accept: 'application/json',
          ...(unsafe ? { origin: stack.url, 'content-type': 'application/json' } : {}),
        },
        '{}',
      );
      if (r.access === 'user' || r.access === 'admin' || r.access === 'webhook' || r.access === 'apiKey')
        expect(json.status, label(r)).toBe(401);
      else expect(json.status, label(r)).toBeLessThan(500);
      if ((r.access === 'user' || r.access === 'admin') && r.method === 'GET' && !r.url.startsWith('/api/')) {
        const html = await call(r, { accept: 'text/html' });
        expect(html.status, label(r)).toBe(302);
        expect(html.headers.get('location'), label(r)).toMatch(/^\/login\?next=/);
      }
    }
  });

  it('no page or API route refuses a request for lacking an optional query parameter', async () => {
    // A route schema whose query key is required by mistake would refuse every plain visit.
    for (const r of routes.filter((x) => x.method === 'GET')) {
      for (const accept of ['application/json', 'text/html']) {
        const res = await call(r, { cookie: admin, accept });
        expect(res.status, `${label(r)} ${accept}`).toBeLessThan(500);
        if (res.status === 400)
          expect(await res.text(), label(r)).not.toMatch(/Ungültige Angabe in der Adresse/);
      }
    }
  });

  it('a recruiter gets 403 on every admin route', async () => {
    const adminRoutes = routes.filter((r) => r.access === 'admin');
    expect(adminRoutes.length).toBeGreaterThanOrEqual(ADMIN_ONLY.length);
    for (const r of adminRoutes) {
      const res = await call(r, {
        cookie: milad,
        accept: 'application/json',
        origin: stack.url,
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(res.status, label(r)).toBe(403);
      // HEAD (registered with every GET) answers without a body.
      if (r.method !== 'HEAD') expect((await res.json()).error, label(r)).toBe('forbidden');
    }
  });

  it('connecting the whole organisation to Webex is for admins; recruiters do not get the org-wide buttons', async () => {
    const res = await fetch(`${stack.url}/oauth/webex/start`, {
      method: 'POST',
      headers: {
        cookie: milad,
        origin: stack.url,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: 'kind=org',
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
    const page = await fetch(`${stack.url}/webex`, { headers: { cookie: milad } }).then((r) => r.text());
    expect(page).not.toContain('Organisation verbinden');
    expect(page).not.toContain('/webex/webhooks/sync');
  });

  it('a cross-site unsafe request is refused on every cookie route: other origin, Origin null, no origin', async () => {
    const unsafe = routes.filter(
      (r) => !SAFE.has(r.method) && (r.access === 'public' || r.access === 'user' || r.access === 'admin'),
    );
    expect(unsafe.length).toBeGreaterThan(10);
    const form = {
      cookie: admin,
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
    };
    for (const r of unsafe) {
      for (const headers of [
        { ...form, origin: 'https://evil.example' },
        { ...form, origin: 'null' },
        { ...form, referer: 'https://evil.example/page' },
        // Without Origin and Referer only a form-like POST could come from a page; PUT/PATCH/DELETE and
        // JSON need a CORS preflight, which CallBridge never grants (scripts may send those).
        ...(r.method === 'POST' ? [form] : []),
      ]) {
        const res = await call(r, headers);
        expect(res.status, `${label(r)} ${JSON.stringify(headers)}`).toBe(403);
        expect((await res.json()).error, label(r)).toBe('cross_site_request');
      }
    }
  });

  it('security headers on every kind of answer; no HSTS while PUBLIC_URL is http', async () => {
    for (const path of ['/login', '/assets/app.css', '/healthz', '/gibt-es-nicht', '/api/calls']) {
      const res = await fetch(`${stack.url}${path}`);
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('a route that declares no access stops the start', async () => {
    await expect(
      buildServer(stack.app.ctx, errorPages, async (app) => {
        await app.register(async (plugin) => {
          plugin.get('/ohne-angabe', async () => 'x');
        });
      }),
    ).rejects.toThrow(/GET \/ohne-angabe declares no access/);
  });
});
