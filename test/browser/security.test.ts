import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, loginInBrowser, scriptErrorsOf } from '../support/browser.ts';
import { addLead } from '../support/records.ts';
import type { Stack } from '../support/stack.ts';

/**
 * The app in Chromium under its CSP, and what a page of another origin can do to a logged-in admin:
 * auto-submitting forms (with and without `no-referrer`, i.e. `Origin: null`) change nothing and log
 * no one in. The attacker's pages come from a second loopback server on another port: same site for
 * the browser, so the SameSite=Lax cookie is sent and only the origin check stands in the way.
 */
describe('security in the browser', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const suite = browserSuite();
  let evil: Server;
  let evilUrl: string;

  const attackPage = (action: string, fields: Record<string, string>, noReferrer: boolean) =>
    `<!doctype html><html><head>${noReferrer ? '<meta name="referrer" content="no-referrer">' : ''}</head><body>
<form id="f" method="post" action="${action}">${Object.entries(fields)
      .map(([k, v]) => `<input type="hidden" name="${k}" value="${v}">`)
      .join('')}</form>
<script>document.getElementById('f').submit()</script></body></html>`;

  beforeAll(async () => {
    ({ stack, browser, page } = suite);
    await addLead(stack, {
      company: 'ACME GmbH',
      contactPerson: 'Petra Schulz',
      city: 'Berlin',
      phones: ['030 123456'],
    });
    evil = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      const noReferrer = u.searchParams.get('noref') === '1';
      const target = u.pathname;
      const forms: Record<string, [string, Record<string, string>]> = {
        '/lead': [`${stack.url}/leads/neu`, { company: 'CSRF GmbH', phones: '040 1231231' }],
        '/integration': [
          `${stack.url}/webex/integration`,
          { clientId: 'Cevil', clientSecret: 'evil-secret' },
        ],
        '/login': [`${stack.url}/login`, { username: 'milad', password: 'milad-password', next: '/anrufe' }],
      };
      const form = forms[target];
      res.writeHead(form ? 200 : 404, { 'content-type': 'text/html' });
      res.end(form ? attackPage(form[0], form[1], noReferrer) : 'nicht da');
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', r));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => evil?.close(r)));

  const login = async (username: string, password: string) => {
    await loginInBrowser(page, stack.url, username, password);
    await page.waitForSelector('#live-status.ok');
  };
  const whoAmI = () =>
    page.evaluate(async (base) => {
      const r = await fetch(`${base}/api/session`);
      return r.ok ? ((await r.json()) as { user: { username: string } }).user.username : null;
    }, stack.url);

  it('the app runs under its CSP, which has no unsafe-inline for scripts; an injected inline script is caught', async () => {
    const res = await page.goto(`${stack.url}/login`);
    const csp = res!.headers()['content-security-policy']!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(res!.headers()['x-content-type-options']).toBe('nosniff');
    expect(res!.headers()['referrer-policy']).toBe('same-origin');
    await login('admin', 'admin-password');
    for (const path of [
      '/anrufe',
      '/leads',
      '/kandidaten',
      '/import',
      '/nicht-zugeordnet',
      '/aufnahmen',
      '/webex',
    ]) {
      const r = await page.goto(`${stack.url}${path}`);
      expect(r!.status(), path).toBe(200);
      expect(r!.headers()['cache-control'], path).toBe('no-store');
    }
    await page.goto(`${stack.url}/leads`);
    await page.click('tr[data-href] td:nth-child(3)');
    await page.waitForURL(/\/leads\/[0-9a-f-]+$/);
    expect(suite.scriptErrors.take()).toEqual([]);

    // The collector itself: what the CSP blocks is reported, so a page with an inline script fails.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      document.body.append(s);
    });
    await expect.poll(() => suite.scriptErrors.take().join('\n')).toMatch(/CSP violation: script-src/);
    expect(await page.evaluate(() => (window as { __ran?: boolean }).__ran)).toBeUndefined();
  });

  it('auto-submitting forms on another origin change nothing, with and without no-referrer', async () => {
    const before = await stack.app.ctx.db.selectFrom('webex_integration').selectAll().execute();
    for (const noref of ['0', '1']) {
      for (const path of ['/lead', '/integration']) {
        const refused = page.waitForResponse(
          (r) => r.url().startsWith(stack.url) && r.request().method() === 'POST',
        );
        await page.goto(`${evilUrl}${path}?noref=${noref}`);
        const res = await refused;
        expect(res.status(), `${path} noref=${noref}`).toBe(403);
        expect(await page.textContent('main'), path).toContain('Anfrage von einer fremden Seite abgelehnt');
      }
    }
    expect(
      await stack.app.ctx.db.selectFrom('leads').select('id').where('company', '=', 'CSRF GmbH').execute(),
    ).toHaveLength(0);
    expect(await stack.app.ctx.db.selectFrom('webex_integration').selectAll().execute()).toEqual(before);
    expect(await whoAmI()).toBe('admin');
  });

  it('a login form on another origin logs no one in (login CSRF)', async () => {
    const fresh = await browser.newContext();
    const p = await fresh.newPage();
    const errors = scriptErrorsOf(p);
    try {
      for (const noref of ['0', '1']) {
        const refused = p.waitForResponse(
          (r) => r.url() === `${stack.url}/login` && r.request().method() === 'POST',
        );
        await p.goto(`${evilUrl}/login?noref=${noref}`);
        expect((await refused).status()).toBe(403);
        expect((await fresh.cookies(stack.url)).filter((c) => c.name === 'cb_session')).toEqual([]);
      }
      expect(errors.take()).toEqual([]);
    } finally {
      await fresh.close();
    }
    // And an existing session is not replaced by the attacker's account.
    await page.goto(`${evilUrl}/login?noref=1`);
    expect(await whoAmI()).toBe('admin');
  });

  it('Back after "Abmelden" shows no CRM page', async () => {
    await page.goto(`${stack.url}/leads`);
    expect(await page.textContent('main')).toContain('ACME GmbH');
    await Promise.all([page.waitForURL(/\/login/), page.click('button:has-text("Abmelden")')]);
    await page.goBack();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.textContent('body')).not.toContain('ACME GmbH');
    expect(await whoAmI()).toBeNull();
  });
});
