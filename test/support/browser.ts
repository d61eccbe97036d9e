import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Config } from '../../src/config/config.ts';
import { type Stack, startStack } from './stack.ts';
import { connectMilad } from './webexConnect.ts';

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=de-DE',
    ],
  });
}

/**
 * Collects script errors of a page (e.g. markup escaped into an inline script) and every Content
 * Security Policy violation (an inline script, handler or foreign resource the CSP blocked); `take()`
 * returns and clears them, so each test can assert it caused none.
 */
export function scriptErrorsOf(page: Page): { take(): string[] } {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`${page.url()}: ${err.message}`));
  // Init scripts come from the browser's side of the protocol, so the CSP does not block this one.
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  page.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' && /CSP violation|Content Security Policy/.test(text))
      errors.push(`${page.url()}: ${text}`);
  });
  return { take: () => errors.splice(0) };
}

/**
 * A screenshot for the docs: written to docs/ only when CB_SCREENSHOTS=1 (so a test run leaves the
 * work tree clean), otherwise to test-results/ (ignored by git) for looking at after a run.
 */
export async function docScreenshot(page: Page, file: string, opts: { fullPage?: boolean } = {}) {
  const dir = process.env['CB_SCREENSHOTS'] === '1' ? 'docs' : 'test-results';
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${file}`, ...opts });
}

/**
 * Looks at the current page on a 390 px phone: returns the elements that stick out to the right (none
 * expected) and leaves a screenshot in test-results/ for a person to look at; restores the viewport.
 */
export async function phoneCheck(page: Page, name: string): Promise<string[]> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return (
          r.width > 0 && r.right > document.documentElement.clientWidth + 1 && !e.closest('.table-scroll')
        );
      })
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
  );
  await page.screenshot({ path: `test-results/${name}-390.png`, fullPage: true }).catch(() => {});
  if (before) await page.setViewportSize(before);
  return wide;
}

/** Signs in on the login page as a person does and waits for the calls page it lands on. */
export async function loginInBrowser(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(/\/anrufe/), page.click('button[type=submit]')]);
}

/** What a browser test file works with; filled in by the `beforeAll` that `browserSuite` registers. */
export interface BrowserSuite {
  stack: Stack;
  browser: Browser;
  /** The file's page (German, 1280 px wide); a test may replace it, with `scriptErrors` for the new one. */
  page: Page;
  scriptErrors: ReturnType<typeof scriptErrorsOf>;
}

/**
 * The prelude every browser test file shares, registered in the calling `describe` before the file's
 * own hooks: CallBridge and the simulator (`config` overrides; `recordings` lets recordings reach
 * CallBridge as transcripts from Webex, with milad's line connected), Chromium, and one page, signed in
 * as `login` (waiting for the live stream with `live`). After each test the page must have had no
 * script error or CSP violation; after all, everything is closed. `page: false` for files that open
 * their own pages.
 */
export function browserSuite(
  opts: {
    config?: Partial<Config>;
    recordings?: boolean;
    page?: false | { width?: number; height?: number };
    login?: { username: string; password: string; live?: boolean };
  } = {},
): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.stack = await startStack({
      ...(opts.recordings ? { transcriptionProvider: 'webex', recordingDownloadHosts: ['127.0.0.1'] } : {}),
      ...opts.config,
    });
    if (opts.recordings) await connectMilad(suite.stack);
    suite.browser = await launchChromium();
    if (opts.page === false) return;
    const viewport = { width: 1280, height: 800, ...opts.page };
    const context = await suite.browser.newContext({ viewport, locale: 'de-DE' });
    suite.page = await context.newPage();
    suite.scriptErrors = scriptErrorsOf(suite.page);
    if (!opts.login) return;
    await loginInBrowser(suite.page, suite.stack.url, opts.login.username, opts.login.password);
    if (opts.login.live) await suite.page.waitForSelector('#live-status.ok');
  });
  if (opts.page !== false) afterEach(() => expect(suite.scriptErrors.take()).toEqual([]));
  afterAll(async () => {
    await suite.browser?.close();
    await suite.stack?.close();
  });
  return suite;
}

export const MILAD = { username: 'milad', password: 'milad-password' };
