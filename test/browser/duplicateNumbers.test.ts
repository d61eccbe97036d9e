import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, MILAD, phoneCheck } from '../support/browser.ts';
import { addLead } from '../support/records.ts';
import type { Stack } from '../support/stack.ts';

/** A number on two records is flagged at CSV import and in the forms, naming the other record. */
describe('duplicate numbers in the browser', () => {
  let stack: Stack;
  let page: Page;
  const suite = browserSuite({ page: { height: 900 }, login: MILAD });
  let acmeId: string;

  beforeAll(async () => {
    ({ stack, page } = suite);
    acmeId = (
      await addLead(stack, {
        company: 'ACME GmbH',
        contactPerson: 'Petra Schulz',
        phones: ['0221 998877'],
      })
    ).id;
  });

  it('flags the number at import and merges a row with the same company when asked', async () => {
    await page.goto(`${stack.url}/import`);
    await page.fill('#csv', 'firma;telefon\nACME Doppelt;0221 998877');
    await page.click('button:has-text("Importieren")');
    expect(await page.textContent('#import-result')).toContain('1 von 1 Zeilen importiert');
    const row = page.locator('#import-duplicates tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('Lead „ACME GmbH“');
    expect(await row.textContent()).toContain('zweiter Datensatz angelegt');
    expect(await phoneCheck(page, 'import-duplicates')).toEqual([]);
    expect(await page.locator(`#import-duplicates a[href="/leads/${acmeId}"]`).count()).toBe(1);

    await page.fill('#csv', 'firma;telefon;stadt\nAcme GmbH;0221 998877;Köln');
    await page.check('input[name=merge]');
    await page.click('button:has-text("Importieren")');
    expect(await page.textContent('#import-result')).toContain('0 von 1 Zeilen importiert, 1 in bestehende');
    expect(await page.textContent('#import-duplicates')).toContain('in diesen Datensatz übernommen');
    await page.goto(`${stack.url}/leads/${acmeId}`);
    expect(await page.textContent('main')).toContain('Köln');
    // The record page says who else has the number.
    expect(await page.textContent('#shared-numbers')).toContain('Lead „ACME Doppelt“');
  });

  it('warns in the form before saving a number another record has, and saves when confirmed', async () => {
    await page.goto(`${stack.url}/kandidaten/neu`);
    await page.fill('#f-firstName', 'Pia');
    await page.fill('#f-lastName', 'Acme');
    await page.fill('#f-phones', '+49 221 998877');
    await page.click('button:has-text("Speichern")');
    const warning = page.locator('#duplicate-warning');
    expect(await warning.textContent()).toContain('gehört schon zu Lead „ACME Doppelt“, Lead „ACME GmbH“');
    expect(await page.locator('#f-firstName').inputValue()).toBe('Pia');
    expect(await page.textContent('main')).not.toContain('Pia Acme</h1>');
    await Promise.all([
      page.waitForURL(/\/kandidaten\/[^/]+$/),
      page.click('button:has-text("Trotzdem speichern")'),
    ]);
    expect(await page.textContent('h1')).toBe('Pia Acme');
    expect(await page.textContent('#shared-numbers')).toContain('Lead „ACME GmbH“');
    // Editing again without touching the number asks again (another record still has it).
    await page.click('a:has-text("Bearbeiten")');
    await page.fill('#f-city', 'Köln');
    await page.click('button:has-text("Speichern")');
    expect(await page.locator('#duplicate-warning').count()).toBe(1);
  });
});
