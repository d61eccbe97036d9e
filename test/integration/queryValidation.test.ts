import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCandidate, addLead } from '../support/records.ts';
import { type Stack, startStack } from '../support/stack.ts';

/** Bad filter and query values answer 400 with a German message, never 500, on pages and the API. */
describe('query validation', () => {
  let stack: Stack;
  let admin: string;
  let milad: string;

  beforeAll(async () => {
    stack = await startStack();
    admin = await stack.login('admin', 'admin-password');
    milad = await stack.login('milad', 'milad-password');
  });
  afterAll(() => stack?.close());

  const get = (path: string, cookie: string, accept = 'text/html') =>
    fetch(`${stack.url}${path}`, { headers: { cookie, accept }, redirect: 'manual' });

  it('answers /anrufe?von=2026-13-45 with a German 400 page, not a 500', async () => {
    const res = await get('/anrufe?von=2026-13-45', admin);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('Ungültige Angabe in der Adresse');
    expect(page).toContain('von: kein gültiges Datum');
    expect(page).not.toMatch(/RangeError|at .*\.ts/);
  });

  it('answers an unknown decision on a suggestion with a German 404 page, changing nothing', async () => {
    const res = await fetch(`${stack.url}/vorschlaege/irgendeiner/vielleicht`, {
      method: 'POST',
      headers: { cookie: milad, accept: 'text/html', origin: stack.url },
      redirect: 'manual',
    });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Unbekannte Entscheidung „vielleicht“ über einen Vorschlag');
  });

  it('says a "Von" after "Bis" instead of just listing no calls', async () => {
    const res = await get('/anrufe?von=2026-12-05&bis=2026-11-01', milad);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('„Von“ (05.12.2026) liegt nach „Bis“ (01.11.2026)');
  });

  it('still filters by a good Berlin day, also in summer time', async () => {
    const ok = await get('/anrufe?von=2026-07-01&bis=2026-07-31&nichtZugeordnet=1&seite=1', milad);
    expect(ok.status).toBe(200);
  });

  const bad: [string, RegExp][] = [
    ['/anrufe?bis=2026-02-30', /bis: kein gültiges Datum/],
    ['/anrufe?seite=abc', /seite: muss eine ganze Zahl ab 1/],
    ['/anrufe?seite=0', /seite/],
    ['/anrufe?von=2026-01-01&von=2026-01-02', /von: darf nur einmal/],
    ['/anrufe?nichtZugeordnet=ja', /nichtZugeordnet: muss 1 oder 0/],
    ['/leads?seite=-1', /seite/],
    ['/leads?q=a&q=b', /q: darf nur einmal/],
    ['/kandidaten?q=a&q=b', /q: darf nur einmal/],
    ['/leads/neu?telefon=1&telefon=2', /telefon: darf nur einmal/],
    ['/kandidaten/neu?anruf=1&anruf=2', /anruf: darf nur einmal/],
    ['/nicht-zugeordnet?q=a&q=b', /q: darf nur einmal/],
    ['/webex?hinweis=a&hinweis=b', /hinweis: darf nur einmal/],
    ['/oauth/webex/callback?state=a&state=b', /state: darf nur einmal/],
    ['/api/calls?from=gestern', /from: kein gültiges Datum/],
    ['/api/calls?to=2026-02-28T25:61:00Z', /to: kein gültiges Datum/],
    ['/api/calls?limit=100000', /limit: darf höchstens 500/],
    ['/api/calls?offset=-5', /offset/],
    ['/api/calls?unmatched=vielleicht', /unmatched/],
    ['/api/leads?limit=abc', /limit/],
    ['/api/candidates?q=a&q=b', /q: darf nur einmal/],
    [`/api/leads?q=${'x'.repeat(600)}`, /q: höchstens 500 Zeichen/],
  ];

  it.each(bad)('%s → 400 with a German message', async (path, message) => {
    for (const cookie of [admin, milad]) {
      const res = await get(path, cookie, 'application/json');
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.error).toBe('invalid_query');
      expect(body.message).toMatch(/^Ungültige Angabe in der Adresse: /);
      expect(body.message).toMatch(message);
    }
  });

  it('leaves good API queries and unknown parameters alone', async () => {
    for (const path of [
      '/api/calls?from=2026-01-01&to=2026-12-31T23:00:00Z&unmatched=true&limit=5&offset=0',
      '/api/leads?q=%25&limit=10',
      '/api/candidates?utm_source=mail',
      '/login?next=/anrufe&next=/leads',
      '/login',
    ]) {
      const res = await get(path, admin, 'application/json');
      expect(res.status, path).toBeLessThan(400);
    }
  });

  it('answers a malformed or over-long address in German too, not with the router’s English JSON', async () => {
    // A link cut off in a mail ("%E0%A4%A"), an id pasted twice over: refused before any route runs.
    const cases: [string, number, string, RegExp][] = [
      ['/anrufe/%E0%A4%A', 400, 'invalid_url', /Adresse ist ungültig/],
      ['/api/calls/%E0%A4%A', 400, 'invalid_url', /Adresse ist ungültig/],
      [`/anrufe/${'a'.repeat(200)}`, 414, 'url_too_long', /Adresse ist zu lang/],
    ];
    for (const [path, status, code, message] of cases) {
      const json = await get(path, milad, 'application/json');
      expect(json.status, path).toBe(status);
      const body = (await json.json()) as { error: string; message: string; hint?: string };
      expect(body, path).toMatchObject({ error: code, message: expect.stringMatching(message) });
      expect(JSON.stringify(body), path).not.toMatch(/FST_|not a valid|exceeding|Bad Request/);
      if (path.startsWith('/api/')) continue;
      const page = await get(path, milad);
      expect(page.status, path).toBe(status);
      expect(page.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      const html = await page.text();
      expect(html, path).toMatch(message);
      expect(html, path).toContain('lang="de"');
    }
  });

  it('answers an id with a NUL character (%00) as not found, not 500 (PostgreSQL cannot compare it)', async () => {
    for (const [method, path] of [
      ['GET', '/anrufe/%00'],
      ['GET', '/api/calls/x%00'],
      ['GET', '/kandidaten/%00/gespraechsdaten'],
      ['GET', '/api/privacy/export/lead/%00'],
      ['POST', '/vorschlaege/%00/annehmen'],
      ['POST', '/aufgaben/%00/erledigt'],
    ]) {
      const res = await fetch(`${stack.url}${path}`, {
        method,
        headers: { cookie: admin, origin: stack.url, accept: 'text/html' },
        redirect: 'manual',
      });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(await res.text(), path).toContain('nicht gefunden');
    }
  });

  it('says a page past the end is past the end, not that there is nothing at all', async () => {
    await addLead(stack, { company: 'Seitenende GmbH' });
    await addCandidate(stack, { firstName: 'Paul', lastName: 'Seitenende' });
    await stack.ring({ from: '+4930999111', scenario: 'missed' });
    for (const [path, what] of [
      ['/leads?seite=50', '1 Leads'],
      ['/kandidaten?seite=50', '1 Kandidaten'],
      ['/anrufe?seite=50', '1 Anruf'],
    ]) {
      const res = await get(path!, milad);
      expect(res.status, path).toBe(200);
      const page = await res.text();
      expect(page, path).toContain(`Seite 50 gibt es nicht (${what}).`);
      expect(page, path).toMatch(/href="\/[a-z]+\?(q=&amp;)?seite=1">Zur ersten Seite/);
      expect(page, path).not.toContain('Noch keine');
    }
  });
});
