import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, docScreenshot, loginInBrowser } from '../support/browser.ts';
import { addLead } from '../support/records.ts';
import type { Stack } from '../support/stack.ts';

/** A recruiter in a real browser: a call rings, the pop-up shows who calls, one click opens the record. */
describe('pop-up in the browser', () => {
  let stack: Stack;
  let page: Page;
  const suite = browserSuite();
  let leadId: string;

  beforeAll(async () => {
    ({ stack, page } = suite);
    const lead = await addLead(stack, {
      company: 'ACME GmbH',
      contactPerson: 'Petra Schulz',
      email: 'p.schulz@acme.example',
      city: 'Berlin',
      notes: 'Sucht zwei Java-Entwickler:innen.',
      phones: ['030 123456'],
    });
    leadId = lead.id;
  });

  const login = async (username: string, password: string) => {
    await loginInBrowser(page, stack.url, username, password);
    await page.waitForSelector('#live-status.ok');
  };

  it('redirects to the login page and refuses a wrong password in German', async () => {
    await page.goto(`${stack.url}/kandidaten`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('#username', 'milad');
    await page.fill('#password', 'falsch-falsch');
    await page.click('button[type=submit]');
    await expect(page.textContent('.error-box')).resolves.toContain('Benutzername oder Passwort falsch');
  });

  it('shows "Eingehender Anruf von ACME GmbH", follows the call, and opens the call screen', async () => {
    // Earlier calls, so the list behind the pop-up looks like a working day.
    await stack.ring({ from: '0151 23456789', scenario: 'answered', stepDelayMs: 1100 });
    await stack.ring({ from: '089 555123', scenario: 'missed' });
    await login('milad', 'milad-password');
    await page.locator('table tbody tr').nth(1).waitFor();
    const { callId } = await stack.ring({ from: '+49 30 123456', scenario: 'ringing' });
    const card = page.locator('.popup.state-ringing');
    await card.waitFor();
    expect(await card.locator('.popup-title').textContent()).toBe('Eingehender Anruf von ACME GmbH');
    expect(await card.locator('.popup-sub').first().textContent()).toContain('Petra Schulz');
    await docScreenshot(page, 'screenshot-popup.png');

    await fetch(`${stack.sim.url}/_sim/calls/${encodeURIComponent(callId)}/answer`, { method: 'POST' });
    await page.locator('.popup.state-connected').waitFor();
    expect(await page.locator('.popup .popup-state').textContent()).toMatch(/^Verbunden \d+:\d\d$/);
    await fetch(`${stack.sim.url}/_sim/calls/${encodeURIComponent(callId)}/hangup`, { method: 'POST' });
    await page.locator('.popup.state-ended').waitFor();
    expect(await page.locator('.popup .popup-state').textContent()).toMatch(/^Beendet · Dauer \d+:\d\d$/);

    await Promise.all([
      page.waitForURL(/\/anrufe\/[0-9a-f-]+$/),
      page.locator('.popup .popup-title').click(),
    ]);
    expect(await page.textContent('h1')).toBe('ACME GmbH');
    expect(await page.textContent('main')).toContain('Petra Schulz');
    expect(await page.locator(`a[href="/leads/${leadId}"]`).count()).toBeGreaterThan(0);

    await page.fill('#notiz', 'Rückruf wegen Java-Stelle vereinbart.');
    await Promise.all([page.waitForURL(/gespeichert=1/), page.click('text=Notiz speichern')]);
    await page.reload();
    expect(await page.inputValue('#notiz')).toBe('Rückruf wegen Java-Stelle vereinbart.');
  });

  it('keeps the call screen opened while ringing up to date', async () => {
    await page.goto(`${stack.url}/anrufe`);
    await page.waitForSelector('#live-status.ok');
    const { callId } = await stack.ring({ from: '+49 30 123456', scenario: 'ringing' });
    const card = page.locator('.popup.state-ringing');
    await card.waitFor();
    await Promise.all([page.waitForURL(/\/anrufe\/[0-9a-f-]+$/), card.locator('.popup-title').click()]);
    expect(await page.textContent('#call-state')).toBe('Klingelt');
    await page.waitForSelector('#live-status.ok');
    await fetch(`${stack.sim.url}/_sim/calls/${encodeURIComponent(callId)}/answer`, { method: 'POST' });
    await page.waitForFunction(() => document.getElementById('call-state')?.textContent === 'Verbunden');
    await fetch(`${stack.sim.url}/_sim/calls/${encodeURIComponent(callId)}/hangup`, { method: 'POST' });
    await page.waitForFunction(() => document.getElementById('call-state')?.textContent === 'Beendet');
  });

  it('offers to create a lead for an unknown number, prefilled, and links the call to it', async () => {
    await page.goto(`${stack.url}/anrufe`);
    await page.waitForSelector('#live-status.ok');
    await stack.ring({ from: '0221 5554433', scenario: 'ringing' });
    const card = page.locator('.popup', { hasText: 'Unbekannte Nummer' });
    await card.waitFor();
    expect(await card.locator('.popup-title').textContent()).toBe('Unbekannte Nummer +49 221 5554433');
    await Promise.all([page.waitForURL(/\/leads\/neu\?/), card.locator('text=Als Lead anlegen').click()]);
    expect(await page.inputValue('#f-phones')).toBe('+49 221 5554433');
    await page.fill('#f-company', 'Rheinland Bau GmbH');
    await Promise.all([page.waitForURL(/\/anrufe\/[0-9a-f-]+$/), page.click('button:has-text("Speichern")')]);
    expect(await page.textContent('h1')).toBe('Rheinland Bau GmbH');
    const lead = await stack.app.ctx.db
      .selectFrom('leads')
      .selectAll()
      .where('company', '=', 'Rheinland Bau GmbH')
      .executeTakeFirstOrThrow();
    const call = await stack.app.ctx.db
      .selectFrom('calls')
      .selectAll()
      .where('remote_number', '=', '+492215554433')
      .executeTakeFirstOrThrow();
    expect(call).toMatchObject({ matched_type: 'lead', matched_id: lead.id });
  });

  it('shows form errors in German and keeps what was typed', async () => {
    await page.goto(`${stack.url}/kandidaten/neu`);
    await page.fill('#f-firstName', 'Anna');
    await page.fill('#f-phones', '12');
    await page.click('button:has-text("Speichern")');
    expect(await page.textContent('.has-error .field-error')).toBe('Nachname fehlt');
    expect(await page.inputValue('#f-firstName')).toBe('Anna');
    await page.fill('#f-lastName', 'Keller');
    await page.click('button:has-text("Speichern")');
    expect(await page.textContent('.field-error')).toContain('Telefonnummer "12" ist zu kurz');
  });

  it('imports a CSV in the UI: a bad row stops everything, the checkbox imports the good rows', async () => {
    await page.goto(`${stack.url}/import`);
    const csv =
      'firma;telefon;email\nGut GmbH;040 1112223;info@gut.example\n;040 999;\nAuch Gut AG;089 4445556;';
    await page.selectOption('#kind', 'leads');
    await page.fill('#csv', csv);
    await page.click('button:has-text("Importieren")');
    expect(await page.textContent('#import-result')).toContain(
      '1 von 3 Zeilen fehlerhaft, nichts importiert',
    );
    const rows = await page.locator('#import-errors tbody tr').allTextContents();
    expect(rows.join(' | ')).toContain('3firmaFirma fehlt');
    expect(
      await stack.app.ctx.db.selectFrom('leads').select('id').where('company', '=', 'Gut GmbH').execute(),
    ).toHaveLength(0);
    await page.check('input[name=skipInvalid]');
    await page.click('button:has-text("Importieren")');
    expect(await page.textContent('#import-result')).toContain('2 von 3 Zeilen importiert, 1 übersprungen');
    expect(await page.getAttribute('#import-result', 'class')).toBe('warning-box');
    expect(
      await stack.app.ctx.db
        .selectFrom('leads')
        .select('id')
        .where('company', 'in', ['Gut GmbH', 'Auch Gut AG'])
        .execute(),
    ).toHaveLength(2);
  });

  it('page scripts from assets: a chosen file fills the textarea, rows open, "Abbrechen" goes back', async () => {
    await page.goto(`${stack.url}/import`);
    await page.setInputFiles('#file', {
      name: 'leads.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('firma;telefon\nDatei GmbH;040 7778889'),
    });
    await expect.poll(() => page.inputValue('#csv')).toContain('Datei GmbH');

    await page.goto(`${stack.url}/leads`);
    const row = page.locator('tr[data-href]', { hasText: 'ACME GmbH' });
    await Promise.all([page.waitForURL(/\/leads\/[0-9a-f-]+$/), row.locator('td').nth(2).click()]);
    const leadUrl = page.url();
    await page.click('a:has-text("Bearbeiten")');
    await Promise.all([page.waitForURL(leadUrl), page.click('a:has-text("Abbrechen")')]);
  });
});
