import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/auth/userAccounts.ts';
import { browserSuite, docScreenshot, loginInBrowser } from '../support/browser.ts';
import type { Stack } from '../support/stack.ts';
import { configureIntegration } from '../support/webexConnect.ts';

/** Lines belong to their people: the admin is asked before taking a line; a recruiter without one is told. */
describe('Webex lines in the browser', () => {
  let stack: Stack;
  let page: Page;
  const suite = browserSuite({ page: { height: 900 } });
  const miladRow = () =>
    stack.app.ctx.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'milad')
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    ({ stack, page } = suite);
    await addUser(stack.app.ctx.db, {
      username: 'neu',
      password: 'neu-password-123',
      displayName: 'Nora Neu',
    });
    await configureIntegration(stack);
  });

  const login = async (username: string, password: string) => {
    await page.context().clearCookies();
    await loginInBrowser(page, stack.url, username, password);
  };
  /** At the simulator's consent page: sign in as that person, allow everything asked. */
  const consentAs = async (personId: string, expectUrl: RegExp) => {
    await page.waitForURL(/\/v1\/authorize\?/);
    await page.check(`input[name=personId][value="${personId}"]`);
    await Promise.all([page.waitForURL(expectUrl), page.click('#approve')]);
  };

  it('shows a recruiter without a line a banner on every page, saying what to do', async () => {
    await login('neu', 'neu-password-123');
    for (const path of ['/anrufe', '/leads', '/kandidaten']) {
      await page.goto(`${stack.url}${path}`);
      const banner = page.locator('#webex-banner:not([hidden])');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('Ihre Webex-Leitung ist nicht verbunden');
      expect(await banner.textContent()).toContain('„Mit Webex verbinden“');
    }
    await docScreenshot(page, 'webex-line-banner-1280.png');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    const box = await page.locator('#webex-banner:not([hidden])').boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await docScreenshot(page, 'webex-line-banner-390.png');
    await page.setViewportSize({ width: 1280, height: 900 });
    // The link in the banner leads to the page that explains it.
    await Promise.all([page.waitForURL(/\/webex$/), page.click('#webex-banner a[href="/webex"]')]);
    expect(await page.textContent('#line-warning')).toContain('Ihre Webex-Leitung ist nicht verbunden');
  });

  it("asks the admin before taking over milad's line; connecting the organisation instead leaves it", async () => {
    await login('milad', 'milad-password');
    await page.goto(`${stack.url}/webex`);
    await page.click('#connect-user');
    await consentAs(stack.personId, /\/webex\?verbunden=1/);
    expect((await miladRow()).webex_person_id).toBe(stack.personId);
    expect(await page.textContent('#own-line')).toContain('Ihre Leitung: Milad Karimi');

    await login('admin', 'admin-password');
    await page.goto(`${stack.url}/webex`);
    expect(await page.textContent('#connect-explained')).toContain('übernimmt keine Leitung');
    await page.click('#connect-user');
    // The admin signs in at Webex as Milad by mistake.
    await consentAs(stack.personId, /\/oauth\/webex\/callback/);
    const question = page.locator('#line-taken');
    expect(await page.textContent('h1')).toBe('Diese Webex-Leitung gehört schon jemandem');
    expect(await question.textContent()).toMatch(
      /Diese Webex-Person ist die Leitung von Milad K\. \(milad\)/,
    );
    expect(await question.textContent()).toContain('Angemeldet bei CallBridge sind Sie als admin');
    expect(await question.textContent()).toContain('Es wurde nichts geändert.');
    await docScreenshot(page, 'webex-line-taken-1280.png', { fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    const takeOver = await page.locator('#take-over').boundingBox();
    expect(takeOver!.x + takeOver!.width).toBeLessThanOrEqual(390);
    await docScreenshot(page, 'webex-line-taken-390.png', { fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // By keyboard: the first choice is "Stattdessen Organisation verbinden".
    await page.locator('#connect-org-instead').focus();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('connect-org-instead');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/v1\/authorize\?/);
    const anna = stack.sim.state.people.find((p) => p.admin)!;
    // For the organisation the simulator offers the admin person first.
    expect(await page.isChecked(`input[name=personId][value="${anna.id}"]`)).toBe(true);
    expect(await page.textContent('body')).toContain('CallBridge übernimmt damit keine Leitung');
    await Promise.all([page.waitForURL(/\/webex\?verbunden=1/), page.click('#approve')]);
    expect((await miladRow()).webex_person_id).toBe(stack.personId);
    expect(await page.textContent('#lines')).toMatch(/Milad K\..*milad.*Milad Karimi.*Verbunden/s);
  });

  it('takes the line over only after the explicit choice; milad is then told', async () => {
    await page.goto(`${stack.url}/webex`);
    await page.click('#connect-user');
    await consentAs(stack.personId, /\/oauth\/webex\/callback/);
    await page.click('#take-over');
    await consentAs(stack.personId, /\/webex\?verbunden=1/);
    expect((await miladRow()).webex_person_id).toBeNull();
    expect(await page.textContent('main')).toContain(
      'Leitung übernommen – Leitung Milad Karimi von milad übernommen',
    );

    await login('milad', 'milad-password');
    const banner = page.locator('#webex-banner:not([hidden])');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Ihre Webex-Leitung ist nicht verbunden');
  });
});
