import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, docScreenshot, loginInBrowser } from '../support/browser.ts';
import { CLIENT_ID, CLIENT_SECRET, type Stack } from '../support/stack.ts';

/** An admin connects Webex in the browser, first forgetting a permission, then granting all. */
describe('connecting Webex in the browser', () => {
  let stack: Stack;
  let page: Page;
  const suite = browserSuite({ page: { height: 900 } });
  beforeAll(() => {
    ({ stack, page } = suite);
  });

  const connect = async (uncheck: string[]) => {
    await page.goto(`${stack.url}/webex`);
    await Promise.all([page.waitForURL(/\/v1\/authorize\?/), page.click('#connect-user')]);
    expect(await page.textContent('h1')).toContain('Zugriff erlauben');
    // The admin signs in at Webex as the admin person: Milad's person is his line (see webexLines.test.ts).
    const anna = stack.sim.state.people.find((p) => p.admin)!;
    await page.check(`input[name=personId][value="${anna.id}"]`);
    for (const scope of uncheck) await page.uncheck(`input[value="${scope}"]`);
    await Promise.all([page.waitForURL(/\/webex\?verbunden=1/), page.click('#approve')]);
  };

  it('warns about the missing delete permission, and the warning goes once all are granted', async () => {
    await loginInBrowser(page, stack.url, 'admin', 'admin-password');

    await page.goto(`${stack.url}/webex`);
    expect(await page.textContent('#no-connection')).toContain('Noch keine Verbindung');
    await page.fill('#clientId', CLIENT_ID);
    await page.fill('#clientSecret', CLIENT_SECRET);
    await Promise.all([page.waitForURL(/\/webex$/), page.click('button:has-text("Speichern")')]);

    await connect(['spark:recordings_write']);
    expect(await page.textContent('.flash')).toContain('Mit Webex verbunden');
    expect(await page.textContent('#findings')).toContain('Aufnahmen können nicht gelöscht werden (DSGVO)');
    await page.locator('#webex-banner:not([hidden])').waitFor();
    expect(await page.textContent('#webex-banner')).toContain('spark:recordings_write');
    await docScreenshot(page, 'screenshot-webex-missing-scope.png', { fullPage: true });

    await connect([]);
    expect(await page.locator('#findings li').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(await page.locator('#webex-banner').isHidden()).toBe(true);
    expect(await page.textContent('main')).toContain('Aktiv');
  });
});
