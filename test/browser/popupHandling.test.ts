import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, loginInBrowser, scriptErrorsOf } from '../support/browser.ts';
import { addLead } from '../support/records.ts';
import type { Stack } from '../support/stack.ts';
import { vtt } from '../support/transcripts.ts';
import { simRecording } from '../support/webexConnect.ts';

const TRANSCRIPT = vtt([
  '<v Recruiter>Guten Tag, Lang Personal, was kann ich für Sie tun?</v>',
  '<v Anrufer>Wir suchen zwei Java-Entwickler für unser Team in Berlin.</v>',
  '<v Recruiter>Gut, ich schicke Ihnen bis Freitag zwei Profile.</v>',
]);

/** Pop-ups in real Chromium: closing sticks everywhere, the keyboard works, a phone screen fits them. */
describe('pop-up handling in the browser', () => {
  let stack: Stack;
  let browser: Browser;
  const suite = browserSuite({ recordings: true, page: false });
  const contexts: BrowserContext[] = [];
  const errors: ReturnType<typeof scriptErrorsOf>[] = [];
  let acmeId: string;
  let doubleId: string;

  beforeAll(async () => {
    ({ stack, browser } = suite);
    const lead = (company: string) =>
      addLead(stack, {
        company,
        phones: ['030 999888'],
      });
    acmeId = (await lead('ACME GmbH')).id;
    doubleId = (await lead('ACME Doppelt')).id;
  });
  afterEach(() => {
    for (const e of errors) expect(e.take()).toEqual([]);
  });

  async function newContext(viewport = { width: 1280, height: 800 }) {
    const context = await browser.newContext({ viewport, locale: 'de-DE' });
    contexts.push(context);
    const page = await context.newPage();
    errors.push(scriptErrorsOf(page));
    await loginInBrowser(page, stack.url, 'milad', 'milad-password');
    await page.waitForSelector('#live-status.ok');
    return { context, page };
  }
  async function tab(context: BrowserContext, path = '/anrufe') {
    const page = await context.newPage();
    errors.push(scriptErrorsOf(page));
    await page.goto(`${stack.url}${path}`);
    await page.waitForSelector('#live-status.ok');
    return page;
  }
  const sim = (callId: string, action: 'answer' | 'hangup') =>
    fetch(`${stack.sim.url}/_sim/calls/${encodeURIComponent(callId)}/${action}`, { method: 'POST' });
  const callRow = (webexCallId: string) => stack.callOf(webexCallId);
  /** Resolves once the page's live stream delivered a state for the call (shown or not). */
  const seenState = (page: Page, id: string, state: string) =>
    page.waitForFunction(
      ([id, state]) => (window as unknown as { seen?: string[] }).seen?.includes(`${id}:${state}`),
      [id, state],
    );
  const recordStates = (page: Page) =>
    page.evaluate(() => {
      const w = window as unknown as { seen: string[] };
      w.seen = [];
      document.addEventListener('callbridge:call', (e) => {
        const c = (e as CustomEvent<{ id: string; state: string }>).detail;
        w.seen.push(`${c.id}:${c.state}`);
      });
    });

  it('closing a pop-up hides that call in every tab and device, also after the next state change', async () => {
    const { context, page: first } = await newContext();
    const second = await tab(context);
    const { page: otherDevice } = await newContext();
    await recordStates(second);
    const { callId } = await stack.ring({ from: '0221 4443322', scenario: 'ringing' });
    const id = (await callRow(callId)).id;
    const card = (p: Page) => p.locator(`.popup[data-call-id="${id}"]`);
    for (const p of [first, second, otherDevice]) await card(p).waitFor();

    await card(first).locator('.popup-close').click();
    await card(second).waitFor({ state: 'detached' });
    await card(otherDevice).waitFor({ state: 'detached' });
    expect(await card(first).count()).toBe(0);

    // The call goes on: the tabs hear about it, the pop-up stays closed.
    await sim(callId, 'answer');
    await seenState(second, id, 'connected');
    expect(await card(second).count()).toBe(0);
    await second.reload();
    await second.waitForSelector('#live-status.ok');
    expect(await card(second).count()).toBe(0);
    expect(
      await stack.app.ctx.db.selectFrom('call_dismissals').selectAll().where('call_id', '=', id).execute(),
    ).toHaveLength(1);
    await sim(callId, 'hangup');
  });

  it('a lead created from the pop-up shows in the other tab’s pop-up at once, without the create links', async () => {
    const { context, page: first } = await newContext();
    const second = await tab(context);
    const { callId } = await stack.ring({ from: '0228 3334455', scenario: 'ringing' });
    const id = (await callRow(callId)).id;
    const card = (p: Page) => p.locator(`.popup[data-call-id="${id}"]`);
    await card(second).waitFor();
    await Promise.all([
      first.waitForURL(/\/leads\/neu\?/),
      card(first).locator('text=Als Lead anlegen').click(),
    ]);
    await first.fill('#f-company', 'Bonner Werkstatt KG');
    await Promise.all([
      first.waitForURL(new RegExp(`/anrufe/${id}$`)),
      first.click('button:has-text("Speichern")'),
    ]);
    await second.waitForFunction(
      (id) =>
        document.querySelector(`[data-call-id="${id}"] .popup-title`)?.textContent ===
        'Eingehender Anruf von Bonner Werkstatt KG',
      id,
    );
    expect(await card(second).locator('text=Als Lead anlegen').count()).toBe(0);
    await sim(callId, 'hangup');
  });

  it('works by keyboard alone: shortcut, Enter, Escape; focus survives updates', async () => {
    const { page } = await newContext();
    // The first Tab stop of the page leads to the pop-ups.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('jump-to-popup');
    expect(await page.getAttribute('#popups', 'aria-label')).toContain('Alt+Umschalt+A');

    const { callId } = await stack.ring({ from: '0221 1112233', scenario: 'ringing' });
    const id = (await callRow(callId)).id;
    const card = page.locator(`.popup[data-call-id="${id}"]`);
    await card.waitFor();
    await page.keyboard.press('Alt+Shift+A');
    const focusedId = () =>
      page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset['callId'] ?? null);
    expect(await focusedId()).toBe(id);
    expect(await card.getAttribute('aria-label')).toContain('Enter: Anruf öffnen');
    // The card is updated in place: still the focused element after the state change.
    await page.evaluate((id) => {
      (window as unknown as { node?: Element }).node = document.querySelector(`[data-call-id="${id}"]`)!;
    }, id);
    await sim(callId, 'answer');
    await page.locator(`.popup.state-connected[data-call-id="${id}"]`).waitFor();
    expect(await focusedId()).toBe(id);
    expect(
      await page.evaluate(
        (id) =>
          (window as unknown as { node?: Element }).node === document.querySelector(`[data-call-id="${id}"]`),
        id,
      ),
    ).toBe(true);

    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
    await sim(callId, 'hangup');

    const next = await stack.ring({ from: '0221 1112244', scenario: 'ringing' });
    const nextId = (await callRow(next.callId)).id;
    await page.locator(`.popup[data-call-id="${nextId}"]`).waitFor();
    await page.keyboard.press('Alt+Shift+A');
    expect(await focusedId()).toBe(nextId);
    await Promise.all([page.waitForURL(new RegExp(`/anrufe/${nextId}$`)), page.keyboard.press('Enter')]);
    expect(await page.textContent('h1')).toBe('Unbekannte Nummer +49 221 1112244');
    await sim(next.callId, 'hangup');
  });

  it('on a 390×844 phone screen the pop-up is inside the screen, the menu opens by keyboard, tables scroll in their box', async () => {
    const { page } = await newContext({ width: 390, height: 844 });
    for (let i = 0; i < 3; i++) await stack.ring({ from: `0171 55566${i}0`, scenario: 'missed' });
    await page.reload();
    await page.waitForSelector('#live-status.ok');
    const { callId } = await stack.ring({ from: '030 999888', scenario: 'ringing' });
    const card = page.locator('.popup.state-ringing');
    await card.waitFor();
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    // Nothing makes the page wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const wrap = page.locator('.table-wrap').first();
    expect(await wrap.evaluate((w) => w.scrollWidth > w.clientWidth)).toBe(true);
    mkdirSync('docs', { recursive: true });
    await page.screenshot({ path: 'test-results/phone-popup.png' }).catch(() => {});

    const nav = page.locator('#main-nav');
    expect(await nav.isVisible()).toBe(false);
    const menu = page.locator('#menu-button');
    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await nav.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Anrufe');
    await page.keyboard.press('Escape');
    expect(await nav.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('menu-button');
    await menu.click();
    await Promise.all([page.waitForURL(/\/leads$/), page.locator('#main-nav >> text=Leads').click()]);
    await sim(callId, 'hangup');
  });

  it('offers the records of an ambiguous number; the one chosen gets the recording, without a choice it waits', async () => {
    const { page } = await newContext();
    const ring = (await stack.ring({ from: '+49 30 999888', scenario: 'ringing' })) as unknown as {
      callId: string;
      callSessionId: string;
    };
    const id = (await callRow(ring.callId)).id;
    const card = page.locator(`.popup[data-call-id="${id}"]`);
    await card.waitFor();
    expect(await card.locator('.popup-title').textContent()).toBe('2 Treffer: ACME Doppelt, ACME GmbH');
    await Promise.all([
      page.waitForURL(new RegExp(`/anrufe/${id}$`)),
      card.locator('.popup-choice button', { hasText: 'ACME GmbH' }).click(),
    ]);
    expect(await page.textContent('h1')).toBe('ACME GmbH');
    expect(await callRow(ring.callId)).toMatchObject({ matched_id: acmeId, record_confirmed: 1 });
    await page.waitForSelector('#live-status.ok');
    await sim(ring.callId, 'answer');
    await sim(ring.callId, 'hangup');
    await page.waitForFunction(() => document.getElementById('call-state')?.textContent === 'Beendet');

    const record = async (callSessionId: string) => {
      const res = await simRecording(stack, {
        personId: stack.personId,
        callSessionId,
        callingNumber: '+4930999888',
        transcript: TRANSCRIPT,
      });
      const { id } = (await res.json()) as { id: string };
      await stack.app.pipeline.drain();
      return stack.recordingOf(id);
    };
    expect(await record(ring.callSessionId)).toMatchObject({
      status: 'done',
      record_type: 'lead',
      record_id: acmeId,
    });

    // A second call from the number, nobody chooses: its note does not go to whichever record came first.
    const unchosen = (await stack.ring({ from: '+49 30 999888', scenario: 'answered' })) as unknown as {
      callSessionId: string;
    };
    const parked = await record(unchosen.callSessionId);
    expect(parked).toMatchObject({ status: 'done', inbox: 1, record_id: null });
    expect(parked.record_id).not.toBe(doubleId);
    const parkedCall = await stack.app.ctx.db
      .selectFrom('calls')
      .selectAll()
      .where('call_session_id', '=', unchosen.callSessionId)
      .executeTakeFirstOrThrow();
    expect(parkedCall.record_confirmed).toBe(0);

    // Filed from the inbox to ACME Doppelt: the call now belongs to it for good (no longer "keiner gewählt").
    const filed = await page.request.post(`${stack.url}/nicht-zugeordnet/${parked.id}/zuordnen`, {
      form: { type: 'lead', id: doubleId },
      headers: { origin: stack.url },
      maxRedirects: 0,
    });
    expect(filed.status()).toBe(303);
    expect(
      await stack.app.ctx.db
        .selectFrom('calls')
        .select(['matched_id', 'record_confirmed'])
        .where('id', '=', parkedCall.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ matched_id: doubleId, record_confirmed: 1 });
    await page.goto(`${stack.url}/anrufe`);
    const row = page.locator(`tr[data-href="/anrufe/${parkedCall.id}"]`);
    expect(await row.textContent()).toContain('ACME Doppelt');
    expect(await row.textContent()).not.toContain('keiner gewählt');
    // The call chosen during the call is not marked either; one nobody chose is.
    expect(await page.locator(`tr[data-href="/anrufe/${id}"]`).textContent()).not.toContain('keiner gewählt');
  });
});
