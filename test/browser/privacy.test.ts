import type { Browser, Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, loginInBrowser, scriptErrorsOf } from '../support/browser.ts';
import { addCandidate } from '../support/records.ts';
import type { Stack } from '../support/stack.ts';

/** DSGVO in the browser: objection badge while ringing, setting it on the call screen, export, erase. */
describe('privacy in the browser', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const suite = browserSuite({ page: false });
  let objectedId = '';
  let otherId = '';
  let scriptErrors: ReturnType<typeof scriptErrorsOf>;

  const candidate = (lastName: string, phone: string) =>
    addCandidate(stack, {
      firstName: 'Mara',
      lastName,
      position: 'Buchhalterin',
      status: 'in_kontakt',
      city: 'Kassel',
      phones: [phone],
    }).then((c) => c.id);

  beforeAll(async () => {
    ({ stack, browser } = suite);
    objectedId = await candidate('Widerspruch', '0561 4400001');
    otherId = await candidate('Offen', '0561 4400002');
  });
  afterEach(() => expect(scriptErrors.take()).toEqual([]));

  const open = async (username: string, password: string, width = 1280) => {
    await page?.context().close();
    const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'de-DE' });
    page = await context.newPage();
    scriptErrors = scriptErrorsOf(page);
    await loginInBrowser(page, stack.url, username, password);
    await page.waitForSelector('#live-status.ok');
  };

  it('records an objection on the record page, and the pop-up shows it while the phone rings', async () => {
    await open('milad', 'milad-password');
    await page.goto(`${stack.url}/kandidaten/${objectedId}`);
    await page.selectOption('#privacy select[name=kind]', 'objection');
    await page.selectOption('#privacy select[name=channel]', 'email');
    await page.fill('#privacy input[name=note]', 'Mail vom Montag');
    await Promise.all([page.waitForURL(/#privacy$/), page.click('#privacy button[type=submit]')]);
    expect(await page.textContent('#consent-state')).toBe('Widerspruch: Aufzeichnung ausschalten');
    const row = await page.textContent('#consent-history tbody tr');
    expect(row).toContain('Widerspruch gegen Aufzeichnung/Transkription');
    expect(row).toContain('E-Mail');
    expect(row).toContain('Milad K.');

    await page.goto(`${stack.url}/anrufe`);
    await page.waitForSelector('#live-status.ok');
    const { callId } = await stack.ring({ from: '+495614400001', scenario: 'ringing' });
    const card = page.locator('.popup.state-ringing');
    await card.waitFor();
    await card.locator('.popup-privacy:not([hidden])').waitFor();
    expect(await card.locator('.popup-privacy').textContent()).toBe('Widerspruch: Aufzeichnung ausschalten');
    await fetch(`${stack.sim.url}/_sim/calls/${encodeURIComponent(callId)}/hangup`, { method: 'POST' });

    // Nobody objected for the other candidate: no badge.
    const other = await stack.ring({ from: '+495614400002', scenario: 'ringing' });
    const second = page.locator(`.popup.state-ringing:has-text("Offen")`);
    await second.waitFor();
    await page.waitForTimeout(300);
    expect(await second.locator('.popup-privacy').isHidden()).toBe(true);
    await fetch(`${stack.sim.url}/_sim/calls/${encodeURIComponent(other.callId)}/hangup`, { method: 'POST' });
  });

  it('sets the objection on the call screen during the call, keeping the note being typed', async () => {
    await open('milad', 'milad-password');
    const { callId } = await stack.ring({ from: '+495614400009', scenario: 'ringing' });
    const row = await stack.callOf(callId);
    await page.goto(`${stack.url}/anrufe/${row.id}`);
    expect(await page.textContent('#call-consent-state')).toContain('Kein Widerspruch');
    await page.fill('#notiz', 'Will nicht aufgezeichnet werden');
    await page.click('#call-consent button[value=objection]');
    await page.waitForFunction(
      () =>
        document.getElementById('call-consent-state')?.textContent ===
        'Widerspruch: Aufzeichnung ausschalten',
    );
    expect(new URL(page.url()).pathname).toBe(`/anrufe/${row.id}`);
    expect(await page.inputValue('#notiz')).toBe('Will nicht aufgezeichnet werden');
    const events = await stack.app.ctx.db
      .selectFrom('consent_events')
      .select(['kind', 'channel', 'call_id', 'record_id'])
      .where('call_id', '=', row.id)
      .execute();
    expect(events).toEqual([{ kind: 'objection', channel: 'telefon', call_id: row.id, record_id: null }]);
    // Keyboard: the buttons are reachable and the second one works too.
    await page.focus('#call-consent button[value=consent]');
    await page.keyboard.press('Enter');
    const kinds = async () =>
      (
        await stack.app.ctx.db
          .selectFrom('consent_events')
          .select('kind')
          .where('call_id', '=', row.id)
          .execute()
      ).map((e) => e.kind);
    for (let i = 0; i < 100 && (await kinds()).length < 2; i++) await page.waitForTimeout(50);
    expect((await kinds()).sort()).toEqual(['consent', 'objection']);
    // The objection still holds: consent does not lift it.
    expect(await page.textContent('#call-consent-state')).toBe('Widerspruch: Aufzeichnung ausschalten');
    await fetch(`${stack.sim.url}/_sim/calls/${encodeURIComponent(callId)}/hangup`, { method: 'POST' });
  });

  it('offers the export to everyone and the erasure to admins only, with a confirmation', async () => {
    await open('milad', 'milad-password', 390);
    await page.goto(`${stack.url}/kandidaten/${otherId}`);
    expect(await page.locator('#export-page').isVisible()).toBe(true);
    // Usable on a phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: '/tmp/privacy-390.png', fullPage: true });
    expect(await page.locator('#erase').count()).toBe(0);
    await page.click('#export-page');
    await page.waitForURL(/\/auskunft$/);
    expect(await page.textContent('h1')).toBe('Auskunft nach Art. 15 DSGVO');
    expect(await page.textContent('main')).toContain('Offen');
    const download = await page.request.get(`${stack.url}/api/privacy/export/candidate/${otherId}`);
    expect(download.headers()['content-disposition']).toContain('auskunft-candidate');
    expect(((await download.json()) as { records: unknown[] }).records).toHaveLength(1);
    const res = await page.goto(`${stack.url}/datenschutz/candidate/${otherId}/loeschen`);
    expect(res?.status()).toBe(403);

    await open('admin', 'admin-password');
    await page.goto(`${stack.url}/kandidaten/${otherId}`);
    await page.click('#erase');
    await page.waitForURL(/\/loeschen$/);
    expect(await page.textContent('main')).toContain('Das lässt sich nicht rückgängig machen');
    // Without ticking the box the browser does not send the form.
    await page.click('#erase-confirm');
    expect(new URL(page.url()).pathname).toMatch(/\/loeschen$/);
    await page.check('input[name=confirm]');
    await Promise.all([page.waitForURL(/\/datenschutz\/loeschungen\//), page.click('#erase-confirm')]);
    await page.waitForSelector('#erasure[data-status="done"]', { timeout: 15_000 });
    expect(await page.textContent('#erasure')).toContain('abgeschlossen');
    const gone = await page.goto(`${stack.url}/kandidaten/${otherId}`);
    expect(gone?.status()).toBe(404);
    await page.goto(`${stack.url}/datenschutz/loeschungen`);
    const list = await page.textContent('#erasures tbody');
    expect(list).toContain('Kandidat');
    expect(list).toContain('abgeschlossen');
    expect(list).not.toContain('Offen');
  });

  it('fits long unbroken values (an e-mail address, the stored notice period) on a phone', async () => {
    const long = await addCandidate(stack, {
      firstName: 'Mara',
      lastName: 'Langadresse',
      email: 'mara.langadresse.buchhaltung@steuerberatung-nordhessen-partner.example',
      phones: ['0561 4400003'],
    });
    await stack.app.ctx.db
      .updateTable('candidates')
      .set({ notice_period: JSON.stringify({ amount: 3, unit: 'months', toEndOf: 'quarter' }) })
      .where('id', '=', long.id)
      .execute();
    await open('milad', 'milad-password', 390);
    for (const path of [`/kandidaten/${long.id}`, `/datenschutz/candidate/${long.id}/auskunft`]) {
      await page.goto(`${stack.url}${path}`);
      expect(await page.textContent('main'), path).toContain('steuerberatung-nordhessen-partner.example');
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
    }
  });
});
