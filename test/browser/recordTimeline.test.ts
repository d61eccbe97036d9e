import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, docScreenshot, MILAD } from '../support/browser.ts';
import { addCandidate, KELLER } from '../support/records.ts';
import type { Stack } from '../support/stack.ts';
import { vtt } from '../support/transcripts.ts';
import { recordedCall } from '../support/webexConnect.ts';

const FIRST = vtt([
  '<v Recruiter>Hallo Frau Keller, Lang von Lang Personal. Sie sind Teamleiterin Buchhaltung bei den Stadtwerken Kassel?</v>',
  '<v Kandidatin>Genau. Ich verdiene einundsechzigtausend brutto im Jahr, Kündigungsfrist drei Monate zum Quartalsende.</v>',
  '<v Recruiter>Gut, ich rufe Sie nächsten Dienstag an.</v>',
]);
const SECOND = vtt([
  '<v Recruiter>Frau Keller, kurz noch zum Gehalt.</v>',
  '<v Kandidatin>Inzwischen sind es dreiundsechzigtausend brutto im Jahr. Ich möchte hybrid arbeiten.</v>',
]);

/** The record's timeline as a recruiter sees it, at 1280 px and on a 390 px phone, by keyboard. */
describe('a record’s timeline in the browser', () => {
  let stack: Stack;
  let page: Page;
  const suite = browserSuite({ recordings: true, page: { height: 900 }, login: MILAD });
  let kellerId: string;

  const callAndRecord = (transcript: string, note?: string) =>
    recordedCall(stack, { from: '+49561112233', transcript, note });

  beforeAll(async () => {
    ({ stack, page } = suite);
    kellerId = (
      await addCandidate(stack, {
        ...KELLER,
        email: 'anna.keller@example.de',
        position: 'Teamleiterin Buchhaltung',
        status: 'in_kontakt',
        city: 'Kassel',
      })
    ).id;
    await callAndRecord(FIRST, 'Offen für Wechsel, will nicht nach Frankfurt.');
    await callAndRecord(SECOND);
  });

  const overflow = () =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('shows calls, own notes, notes, suggestions and tasks newest first in Berlin time', async () => {
    await page.goto(`${stack.url}/kandidaten/${kellerId}`);
    const kinds = await page.$$eval('#timeline > li', (els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['call', 'note', 'suggestion', 'call', 'note', 'task']);
    const times = await page.$$eval('#timeline > li', (els) => els.map((e) => e.getAttribute('data-at')!));
    expect([...times].sort().reverse()).toEqual(times);
    // Shown in Berlin time: the UTC instant of the first item, formatted for Europe/Berlin.
    const berlin = new Intl.DateTimeFormat('de-DE', {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: 'Europe/Berlin',
    }).format(new Date(times[0]!));
    expect(await page.textContent('#timeline > li:first-child time')).toBe(berlin);
    expect(await page.textContent('#timeline')).toContain('Offen für Wechsel, will nicht nach Frankfurt.');
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .slice(0, 5)
        .map((e) => `${e.tagName}.${e.className}#${e.id} ${Math.round(e.getBoundingClientRect().right)}`),
    );
    expect(wide).toEqual([]);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await docScreenshot(page, 'screenshot-timeline.png', { fullPage: true });
  });

  it('fits a 390 px phone and works by keyboard', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${stack.url}/kandidaten/${kellerId}`);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'test-results/timeline-390.png', fullPage: true });
    // Tab reaches "Übernehmen" of the suggestion; Enter decides it.
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.textContent === 'Übernehmen');
    }
    expect(reached).toBe(true);
    await Promise.all([page.waitForURL(/vorschlag=/), page.keyboard.press('Enter')]);
    expect(await page.textContent('#suggestion-notice')).toContain('Übernommen: Aktuelles Gehalt 63.000 €');
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
