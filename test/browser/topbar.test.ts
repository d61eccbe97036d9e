import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/auth/userAccounts.ts';
import { browserSuite, loginInBrowser, scriptErrorsOf } from '../support/browser.ts';
import type { Stack } from '../support/stack.ts';

/**
 * The top bar at 1280 px with the full navigation: an admin ("… (Admin)") or a long display name must
 * not push "Abmelden" off the screen (found in the demo: the admin's bar was 1343 px wide).
 */
describe('top bar at 1280 px', () => {
  let stack: Stack;
  let browser: Browser;
  const suite = browserSuite({ page: false });

  beforeAll(async () => {
    ({ stack, browser } = suite);
    await addUser(stack.app.ctx.db, {
      username: 'leitung',
      password: 'leitung-password',
      displayName: 'Dr. Maximiliane Müller-Lüdenscheidt',
      role: 'admin',
    });
  });

  const openAs = async (username: string, password: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    await loginInBrowser(page, stack.url, username, password);
    await page.waitForSelector('#live-status.ok');
    return page;
  };

  it("loads pages without a failed request, not even the browser's own /favicon.ico", async () => {
    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') failed.push(`${m.text()} ${m.location().url}`);
    });
    await page.goto(`${stack.url}/login`);
    await page.goto(`${stack.url}/gibt-es-nicht`, { waitUntil: 'load' });
    await page.waitForTimeout(500);
    expect(failed.filter((f) => !f.includes('/gibt-es-nicht'))).toEqual([]);
    await page.close();
  });

  for (const [username, password] of [
    ['admin', 'admin-password'],
    ['leitung', 'leitung-password'],
  ] as const) {
    it(`keeps every entry of ${username}'s bar inside the window`, async () => {
      const page = await openAs(username, password);
      const errors = scriptErrorsOf(page);
      // The notification button shows when the browser has not decided yet: force it, it is the widest.
      await page.evaluate(() => {
        document.getElementById('enable-notifications')?.removeAttribute('hidden');
      });
      expect(await page.locator('#main-nav').isVisible()).toBe(true);
      const sticking = await page.evaluate(() =>
        [...document.querySelectorAll('.topbar *')]
          .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
          .map(
            (e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`,
          ),
      );
      expect(sticking).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      const logout = await page.getByRole('button', { name: 'Abmelden' }).boundingBox();
      expect(logout!.x + logout!.width).toBeLessThanOrEqual(1280);
      expect(errors.take()).toEqual([]);
      await page.close();
    });
  }
});
