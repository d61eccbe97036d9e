import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, loginInBrowser, MILAD, scriptErrorsOf } from '../support/browser.ts';
import type { Stack } from '../support/stack.ts';

/** Over the per-user stream limit, the oldest tab pauses instead of reconnecting; the newest stays live. */
describe('live streams per user in the browser', () => {
  let stack: Stack;
  let browser: Browser;
  const suite = browserSuite({ config: { sseMaxStreamsPerUser: 1 }, page: false });
  beforeAll(() => {
    ({ stack, browser } = suite);
  });

  it('pauses the older tab with a German note and keeps the newer one live', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    const first = await context.newPage();
    const errors = [scriptErrorsOf(first)];
    await loginInBrowser(first, stack.url, MILAD.username, MILAD.password);
    await first.waitForSelector('#live-status.ok');

    const second = await context.newPage();
    errors.push(scriptErrorsOf(second));
    await second.goto(`${stack.url}/anrufe`);
    await second.waitForSelector('#live-status.ok');

    await first.waitForSelector('#live-status.down');
    expect(await first.textContent('#live-status')).toContain('Pausiert (zu viele offene Fenster)');
    // It stays paused: it does not come back and push the newer tab out.
    await first.waitForTimeout(1500);
    expect(await second.getAttribute('#live-status', 'class')).toContain('ok');
    expect(await first.getAttribute('#live-status', 'class')).toContain('down');

    // The live tab still gets the pop-up.
    await stack.ring({ from: '+4930555444', scenario: 'ringing' });
    await second.waitForSelector('[data-call-id]');
    expect(errors.flatMap((e) => e.take())).toEqual([]);
    await context.close();
  });
});
