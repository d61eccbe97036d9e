import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, MILAD } from '../support/browser.ts';
import type { Stack } from '../support/stack.ts';

/**
 * A CSV saved by Excel on a German Windows is Windows-1252, not UTF-8: its umlauts must arrive as
 * umlauts, not as "�", when the file is chosen on the import page (read into the text field there).
 */
describe('CSV import in the browser', () => {
  let stack: Stack;
  let page: Page;
  const suite = browserSuite({ login: MILAD });

  beforeAll(() => {
    ({ stack, page } = suite);
  });

  const choose = async (name: string, buffer: Buffer) => {
    await page.goto(`${stack.url}/import`);
    await page.setInputFiles('#file', { name, mimeType: 'text/csv', buffer });
    await expect.poll(() => page.inputValue('#csv')).not.toBe('');
    return page.inputValue('#csv');
  };

  it('reads an Excel file in Windows-1252 with its umlauts and imports them', async () => {
    const text = 'firma;telefon;stadt\r\nÄrztehaus Süd GmbH;0561 7654321;Überlingen\r\n';
    expect(await choose('leads-excel.csv', Buffer.from(text, 'latin1'))).toBe(text.replace(/\r\n/g, '\n'));
    await page.click('#import-form button[type=submit]');
    await expect
      .poll(() => page.locator('#import-result').textContent())
      .toMatch(/1 von 1 Zeilen importiert/);
    await page.goto(`${stack.url}/leads`);
    expect(await page.textContent('main')).toContain('Ärztehaus Süd GmbH');
  });

  it('still reads UTF-8 files (with or without BOM) as they are', async () => {
    const text = 'firma;telefon\nÖko-Bau KG;0561 111222\n';
    expect(await choose('utf8.csv', Buffer.from(text, 'utf8'))).toBe(text);
    expect(await choose('bom.csv', Buffer.from(`\uFEFF${text}`, 'utf8'))).toContain('Öko-Bau KG');
  });
});
