import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, MILAD, phoneCheck } from '../support/browser.ts';
import { addCandidate, KELLER } from '../support/records.ts';
import type { Stack } from '../support/stack.ts';
import { vtt } from '../support/transcripts.ts';
import { recordedCall } from '../support/webexConnect.ts';

const CALL = vtt([
  '<v Recruiter>Hallo Frau Keller, was verdienen Sie im Moment?</v>',
  '<v Kandidatin>Fünfundfünfzigtausend brutto im Jahr.</v>',
]);

/** Suggestions say which call and quote they came from; decisions confirm and undo; fields are editable. */
describe('corrections on the record in the browser', () => {
  let stack: Stack;
  let page: Page;
  const suite = browserSuite({ recordings: true, page: { height: 900 }, login: MILAD });
  let kellerId: string;
  let callId: string;

  beforeAll(async () => {
    ({ stack, page } = suite);
    kellerId = (await addCandidate(stack, KELLER)).id;
    await stack.app.ctx.db
      .updateTable('candidates')
      .set({ current_salary_eur: 50000 })
      .where('id', '=', kellerId)
      .execute();
    callId = await recordedCall(stack, { from: '+49561112233', transcript: CALL });
  });

  it('shows the call and quote of a suggestion; accepting, undoing and rejecting confirm visibly', async () => {
    await page.goto(`${stack.url}/kandidaten/${kellerId}`);
    const s = page.locator('#suggestions .suggestion');
    expect(await s.count()).toBe(1);
    expect(await s.textContent()).toContain('Vorschlag: Aktuelles Gehalt 55.000 € statt 50.000 €');
    expect(await s.locator('.provenance').textContent()).toMatch(
      /aus dem Anruf vom \d\d\.\d\d\.\d\d, \d\d:\d\d/,
    );
    expect(await s.locator(`a[href="/anrufe/${callId}"]`).count()).toBe(1);
    expect(await s.locator('blockquote').textContent()).toContain('Fünfundfünfzigtausend brutto im Jahr.');

    await s.locator('button:has-text("Übernehmen")').click();
    expect(await page.textContent('#suggestion-notice')).toContain(
      'Übernommen: Aktuelles Gehalt 55.000 € (vorher 50.000 €).',
    );
    expect(await page.textContent('[data-field="current_salary_eur"]')).toBe('55.000 €');
    await page.click('#suggestion-notice button:has-text("Rückgängig")');
    expect(await page.textContent('#suggestion-notice')).toContain('wieder ein offener Vorschlag');
    expect(await page.textContent('[data-field="current_salary_eur"]')).toBe('50.000 €');

    await page.locator('#suggestions button:has-text("Ablehnen")').click();
    expect(await page.textContent('#suggestion-notice')).toContain('Abgelehnt: Aktuelles Gehalt 55.000 €');
    expect(await page.locator('#suggestions').count()).toBe(0);
    expect(await page.textContent('#timeline')).toContain(
      'Vorschlag abgelehnt: Aktuelles Gehalt 55.000 € von Milad K.',
    );
    expect(await page.textContent('[data-field="current_salary_eur"]')).toBe('50.000 €');
  });

  it('edits an extracted field by hand, with a history entry; bad input changes nothing', async () => {
    await page.goto(`${stack.url}/kandidaten/${kellerId}`);
    await page.click('a:has-text("Gesprächsdaten korrigieren")');
    expect(await page.inputValue('#x-current_salary_eur')).toBe('50.000');
    expect(await phoneCheck(page, 'corrections-form')).toEqual([]);
    await page.fill('#x-salary_min', 'viel');
    await page.click('button:has-text("Speichern")');
    expect(await page.textContent('.has-error .field-error')).toContain('Gehaltswunsch von: Betrag in Euro');
    await page.fill('#x-salary_min', '70.000');
    await page.fill('#x-salary_max', '75.000');
    await page.fill('#x-current_employer', 'Stadtwerke Kassel');
    await page.selectOption('#x-work_model', 'hybrid');
    await Promise.all([page.waitForURL(/hinweis=korrigiert/), page.click('button:has-text("Speichern")')]);
    expect(await page.textContent('#notice')).toContain('Gesprächsdaten gespeichert');
    expect(await page.textContent('[data-field="salary_expectation"]')).toBe('70.000 €–75.000 €');
    expect(await page.textContent('[data-field="current_employer"]')).toBe('Stadtwerke Kassel');
    expect(await page.textContent('[data-field="work_model"]')).toBe('Hybrid');
    const history = await page.textContent('#timeline .kind-event');
    expect(history).toContain('Gesprächsdaten korrigiert von Milad K.');
    expect(history).toContain('Gehaltswunsch: – → 70.000 €–75.000 €');
  });
});
