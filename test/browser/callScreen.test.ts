import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeStaleCalls } from '../../src/calls/staleCallCloser.ts';
import { browserSuite, docScreenshot, loginInBrowser, MILAD, scriptErrorsOf } from '../support/browser.ts';
import { addLead } from '../support/records.ts';
import type { Stack } from '../support/stack.ts';

/** The call screen follows the call without reloading, and what the recruiter types is never lost. */
describe('call screen in the browser', () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const suite = browserSuite({ login: { ...MILAD, live: true } });

  beforeAll(async () => {
    ({ stack, browser, page } = suite);
    context = page.context();
    await addLead(stack, {
      company: 'ACME GmbH',
      contactPerson: 'Petra Schulz',
      city: 'Berlin',
      phones: ['030 123456'],
    });
  });

  async function login(p: Page) {
    await loginInBrowser(p, stack.url, MILAD.username, MILAD.password);
    await p.waitForSelector('#live-status.ok');
  }
  const sim = (callId: string, action: 'answer' | 'hangup') =>
    fetch(`${stack.sim.url}/_sim/calls/${encodeURIComponent(callId)}/${action}`, { method: 'POST' });

  it('keeps a note typed while ringing through connected, ended and a reload', async () => {
    const { callId } = await stack.ring({ from: '+49 30 123456', scenario: 'ringing' });
    const card = page.locator('.popup.state-ringing');
    await card.waitFor();
    await Promise.all([page.waitForURL(/\/anrufe\/[0-9a-f-]+$/), card.locator('.popup-title').click()]);
    await page.waitForSelector('#live-status.ok');
    expect(await page.textContent('#call-state')).toBe('Klingelt');
    // A marker that a reload would wipe: the page must never reload by itself.
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));

    await page.locator('#notiz').pressSequentially('Ruft wegen der Java-Stelle an. ', { delay: 5 });
    await sim(callId, 'answer');
    await page.waitForFunction(() => document.getElementById('call-state')?.textContent === 'Verbunden');
    // The running duration counts in place.
    await page.waitForFunction(() =>
      /^\d+:\d\d$/.test(document.getElementById('call-duration')?.textContent ?? ''),
    );
    await page.locator('#notiz').pressSequentially('Gehalt 70k.', { delay: 5 });
    // The README's picture of the call screen during a call.
    await page.waitForFunction(
      () => !['0:00', '–'].includes(document.getElementById('call-duration')?.textContent ?? ''),
    );
    await page.waitForFunction(() =>
      document.getElementById('note-status')?.textContent?.startsWith('Entwurf gesichert um'),
    );
    await docScreenshot(page, 'screenshot-callscreen.png');
    await sim(callId, 'hangup');
    await page.waitForFunction(() => document.getElementById('call-state')?.textContent === 'Beendet');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    const typed = 'Ruft wegen der Java-Stelle an. Gehalt 70k.';
    expect(await page.inputValue('#notiz')).toBe(typed);
    await page.waitForFunction(() =>
      document.getElementById('note-status')?.textContent?.startsWith('Entwurf gesichert um'),
    );
    const draft = await stack.app.ctx.db.selectFrom('call_note_drafts').selectAll().executeTakeFirstOrThrow();
    expect(draft.text).toBe(typed);

    // Leaving with unsaved text asks first.
    const dialogs: string[] = [];
    page.once('dialog', (d) => {
      dialogs.push(d.type());
      void d.accept();
    });
    await page.reload();
    expect(dialogs).toEqual(['beforeunload']);
    expect(await page.inputValue('#notiz')).toBe(typed);
    expect(await page.textContent('#note-status')).toMatch(
      /^Entwurf von \d\d:\d\d Uhr – noch nicht gespeichert\.$/,
    );

    // Another device (a fresh browser context, no localStorage) finds the draft as well.
    const other = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'de-DE' });
    const phone = await other.newPage();
    await login(phone);
    await phone.goto(page.url());
    expect(await phone.inputValue('#notiz')).toBe(typed);
    await other.close();

    // Saving turns the draft into the call's note; nothing asks any more.
    await Promise.all([page.waitForURL(/gespeichert=1/), page.click('text=Notiz speichern')]);
    expect(await page.textContent('#note-status')).toBe('Gespeichert.');
    const call = await stack.callOf(callId);
    expect(call.notes).toBe(typed);
    expect(await stack.app.ctx.db.selectFrom('call_note_drafts').selectAll().execute()).toEqual([]);
    page.once('dialog', (d) => {
      dialogs.push(`unexpected ${d.type()}`);
      void d.dismiss();
    });
    await page.goto(`${stack.url}/anrufe`);
    expect(dialogs).toEqual(['beforeunload']);
    page.removeAllListeners('dialog');
  });

  it('keeps what a crashed tab typed but could not send to the server', async () => {
    const { callId } = await stack.ring({ from: '+49 30 123456', scenario: 'ringing' });
    const row = await stack.callOf(callId);
    await page.goto(`${stack.url}/anrufe/${row.id}`);
    await page.waitForSelector('#live-status.ok');
    // The server is unreachable for the draft: only localStorage gets it, then the tab dies.
    await page.route('**/api/calls/*/draft', (r) => r.abort());
    await page.locator('#notiz').pressSequentially('Nur lokal', { delay: 5 });
    await page.waitForFunction(() =>
      document.getElementById('note-status')?.textContent?.startsWith('Entwurf nur in diesem Browser'),
    );
    await page.unroute('**/api/calls/*/draft');
    const crashed = page;
    page = suite.page = await context.newPage();
    suite.scriptErrors = scriptErrorsOf(page);
    await crashed.close({ runBeforeUnload: false });
    await page.goto(`${stack.url}/anrufe/${row.id}`);
    expect(await page.inputValue('#notiz')).toBe('Nur lokal');
    // … and sends it to the server now.
    await expect
      .poll(
        async () =>
          (
            await stack.app.ctx.db
              .selectFrom('call_note_drafts')
              .select('text')
              .where('call_id', '=', row.id)
              .executeTakeFirst()
          )?.text,
      )
      .toBe('Nur lokal');
    await sim(callId, 'hangup');
  });

  it('switches the record in place when one is chosen for an ambiguous number, keeping the note', async () => {
    for (const company of ['Nord Logistik GmbH', 'Nord Logistik Doppelt'])
      await addLead(stack, {
        company,
        phones: ['040 7778899'],
      });
    const { callId } = await stack.ring({ from: '040 7778899', scenario: 'ringing' });
    const row = await stack.callOf(callId);
    await page.goto(`${stack.url}/anrufe/${row.id}`);
    await page.waitForSelector('#live-status.ok');
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));
    expect(await page.textContent('#record-choice')).toContain('2 Treffer für +49 40 7778899');
    await page.locator('#notiz').pressSequentially('Fragt nach Lagerhelfern.', { delay: 5 });
    await page.locator('#record-choice button', { hasText: 'Nord Logistik GmbH' }).click();
    await page.waitForFunction(
      () => document.getElementById('call-title')?.textContent === 'Nord Logistik GmbH',
    );
    expect(await page.locator('#record-choice').count()).toBe(0);
    expect(await page.textContent('#record-card h2')).toBe('Lead Nord Logistik GmbH');
    expect(await page.inputValue('#notiz')).toBe('Fragt nach Lagerhelfern.');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );

    // Webex never reports the end (no own connection for the check): the closing job ends it, in place,
    // and the pop-up fades away.
    await closeStaleCalls(
      {
        db: stack.app.ctx.db,
        bus: stack.app.ctx.bus,
        log: stack.app.ctx.log,
        activeCalls: async () => null,
        settings: stack.app.ctx.config,
      },
      Date.now() + 11 * 60_000,
    );
    await page.waitForFunction(
      () => document.getElementById('call-state')?.textContent === 'Verpasst (Ende unbekannt)',
    );
    await page.locator(`.popup[data-call-id="${row.id}"]`).waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.inputValue('#notiz')).toBe('Fragt nach Lagerhelfern.');
  });

  it('on a 390×844 phone with three pop-ups, the call screen’s consent buttons stay clickable', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'de-DE' });
    const p = await phone.newPage();
    const errors = scriptErrorsOf(p);
    await login(p);
    const rung = [];
    // Unknown numbers: the tallest cards (with "Als Lead anlegen" / "Kandidat anlegen").
    for (const from of ['0171 5550101', '0171 5550102', '0171 5550103'])
      rung.push(await stack.ring({ from, scenario: 'ringing' }));
    const row = await stack.callOf(rung[0]!.callId);
    await p.goto(`${stack.url}/anrufe/${row.id}`);
    await p.waitForSelector('#live-status.ok');
    await expect.poll(() => p.locator('.popup.state-ringing').count()).toBe(3);
    await p.screenshot({ path: 'test-results/phone-callscreen-popups.png' }).catch(() => {});

    // What is on top at the middle of each button is the button itself (nothing covers it).
    const uncovered = (value: string) =>
      p.locator(`#call-consent button[value=${value}]`).evaluate((b) => {
        b.scrollIntoView({ block: 'nearest' });
        const r = b.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return r.bottom <= window.innerHeight && top !== null && b.contains(top);
      });
    expect(await uncovered('objection')).toBe(true);
    expect(await uncovered('consent')).toBe(true);
    // Clicked as a thumb would: no force, Playwright refuses a covered target.
    await p.click('#call-consent button[value=objection]', { timeout: 5000 });
    await p.waitForFunction(
      () =>
        document.getElementById('call-consent-state')?.textContent ===
        'Widerspruch: Aufzeichnung ausschalten',
    );
    await p.click('#call-consent button[value=consent]', { timeout: 5000 });
    await expect
      .poll(async () =>
        (
          await stack.app.ctx.db
            .selectFrom('consent_events')
            .select('kind')
            .where('call_id', '=', row.id)
            .execute()
        )
          .map((e) => e.kind)
          .sort(),
      )
      .toEqual(['consent', 'objection']);
    // The other two are one tap away, and the buttons stay reachable with all three unfolded.
    const more = p.locator('.popups-more');
    expect(await more.textContent()).toBe('+2 weitere Anrufe');
    expect(await p.locator('.popup:visible').count()).toBe(1);
    expect(await p.locator('.popup:visible').getAttribute('data-call-id')).toBe(
      (await stack.callOf(rung[2]!.callId)).id,
    );
    await more.click();
    expect(await p.locator('.popup:visible').count()).toBe(3);
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    expect(await uncovered('objection')).toBe(true);
    expect(await uncovered('consent')).toBe(true);
    await p.click('#call-consent button[value=consent]', { timeout: 5000, trial: true });
    await more.click();
    expect(await p.locator('.popup:visible').count()).toBe(1);
    // Nothing wider than the screen.
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors.take()).toEqual([]);
    for (const { callId } of rung) await sim(callId, 'hangup');
    await phone.close();
  });
});
