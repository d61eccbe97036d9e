import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, MILAD, phoneCheck } from '../support/browser.ts';
import { addCandidate } from '../support/records.ts';
import type { Stack } from '../support/stack.ts';
import { vtt } from '../support/transcripts.ts';
import { simRecording } from '../support/webexConnect.ts';

const NEUMANN = vtt([
  '<v Recruiter>Lang Personal, guten Tag.</v>',
  '<v Anrufer>Guten Tag, mein Name ist Jonas Neumann. Ich suche eine neue Stelle.</v>',
  '<v Recruiter>Was machen Sie aktuell?</v>',
  '<v Anrufer>Ich bin Elektroniker bei den Stadtwerken Kassel und verdiene fünfundfünfzigtausend brutto im Jahr.</v>',
  '<v Recruiter>Gut, ich rufe Sie nächsten Dienstag an.</v>',
]);
const SHORT = (n: number) =>
  vtt([
    '<v Recruiter>Lang Personal, guten Tag.</v>',
    `<v Anrufer>Ich interessiere mich für die Stelle, meine Kündigungsfrist sind ${n} Wochen.</v>`,
  ]);

/** "Nicht zugeordnet" files calls: create from a card, assign a number's calls at once, discard with undo, move. */
describe('filing calls from the inbox in the browser', () => {
  let stack: Stack;
  let page: Page;
  const suite = browserSuite({ recordings: true, page: { height: 900 }, login: MILAD });
  beforeAll(() => {
    ({ stack, page } = suite);
  });

  const record = async (callingNumber: string, transcript: string) => {
    const res = await simRecording(stack, { personId: stack.personId, callingNumber, transcript });
    expect(res.status).toBe(200);
    await stack.app.pipeline.drain();
  };
  const candidate = async (firstName: string, lastName: string, phone: string) =>
    (
      await addCandidate(stack, {
        firstName,
        lastName,
        phones: [phone],
      })
    ).id;

  it('creates a candidate from a card, pre-filled from the call, and the call goes along', async () => {
    await record('+4956170001', NEUMANN);
    await page.goto(`${stack.url}/nicht-zugeordnet`);
    await page.click('.inbox-card >> text=Neuen Kandidaten anlegen');
    expect(await page.inputValue('#f-firstName')).toBe('Jonas');
    expect(await page.inputValue('#f-lastName')).toBe('Neumann');
    expect(await page.inputValue('#f-position')).toBe('Elektroniker');
    expect(await page.inputValue('#f-phones')).toBe('+49 561 70001');
    const preview = await page.textContent('#from-call');
    expect(preview).toContain('55.000 €');
    expect(preview).toContain('Stadtwerke Kassel');
    expect(await phoneCheck(page, 'create-from-card')).toEqual([]);
    await Promise.all([
      page.waitForURL(/\/kandidaten\/[^/]+\?hinweis=angelegt/),
      page.click('button:has-text("Speichern")'),
    ]);
    expect(await page.textContent('#notice')).toContain('den Anruf zugeordnet');
    expect(await page.locator('#timeline .kind-note').count()).toBe(1);
    expect(await page.locator('#timeline .kind-task').count()).toBe(1);
    expect(await page.textContent('#extracted-fields')).toContain('55.000 €');
    await page.goto(`${stack.url}/nicht-zugeordnet`);
    expect(await page.textContent('main')).toContain('Keine offenen Anrufe');
  });

  it('the task of a card’s new record is the call-back the call agreed, as when filed onto an existing one', async () => {
    // "Ich lege Sie an" is done by creating the record; the agreed next contact is the call-back.
    const agreed = (name: string) =>
      vtt([
        '<v Recruiter>Lang Personal, guten Tag.</v>',
        `<v Anrufer>Guten Tag, mein Name ist ${name}. Ich suche eine neue Stelle als Elektroniker.</v>`,
        '<v Recruiter>Gut, ich lege Sie bei uns an und rufe Sie nächsten Dienstag an.</v>',
      ]);
    await record('+4956170021', agreed('Jonas Krüger'));
    await page.goto(`${stack.url}/nicht-zugeordnet`);
    await page.click('.inbox-card >> text=Neuen Kandidaten anlegen');
    expect(await page.textContent('#from-call')).toMatch(
      /Aufgabe\s*Rückruf bei Jonas Krüger am \w\w \d\d\.\d\d\./,
    );
    await Promise.all([
      page.waitForURL(/\/kandidaten\/[^/]+\?hinweis=angelegt/),
      page.click('button:has-text("Speichern")'),
    ]);
    const taskTitle = () => page.textContent('#timeline .kind-task .kind-label + span');
    const created = await taskTitle();
    expect(created).toMatch(/^Rückruf bei Jonas Krüger am \w\w \d\d\.\d\d\.$/);

    // The same agreement on a call filed onto a record that exists.
    const id = await candidate('Mia', 'Krüger', '0561 70022');
    await record('+4956170022', agreed('Mia Krüger'));
    await page.goto(`${stack.url}/kandidaten/${id}`);
    expect((await taskTitle())!.replace('Mia', 'Jonas')).toBe(created);
  });

  it('creates a lead from a client’s card with company and contact from the call', async () => {
    await record(
      '+4922170009',
      vtt([
        '<v Recruiter>Lang Personal, guten Tag.</v>',
        '<v Anrufer>Guten Tag, hier ist Petra Schulz von der ACME GmbH. Wir suchen zwei Elektroniker für unser Werk in Köln.</v>',
        '<v Recruiter>Gerne, ich schicke Ihnen bis Freitag passende Profile.</v>',
      ]),
    );
    await page.goto(`${stack.url}/nicht-zugeordnet`);
    // A client's call offers the lead first.
    expect(await page.locator('.inbox-card .inline-actions a').first().textContent()).toBe(
      'Neuen Lead anlegen',
    );
    await page.click('.inbox-card >> text=Neuen Lead anlegen');
    expect(await page.inputValue('#f-company')).toBe('ACME GmbH');
    expect(await page.inputValue('#f-contactPerson')).toBe('Petra Schulz');
    await Promise.all([
      page.waitForURL(/\/leads\/[^/]+\?hinweis=angelegt/),
      page.click('button:has-text("Speichern")'),
    ]);
    expect(await page.locator('#timeline .kind-note').count()).toBe(1);
    await page.goto(`${stack.url}/nicht-zugeordnet`);
    expect(await page.locator('.inbox-card').count()).toBe(0);
  });

  it('offers the record that now has the number and assigns all its calls at once', async () => {
    for (const n of [2, 4, 6]) await record('+4922170002', SHORT(n));
    const id = await candidate('Lea', 'Brandt', '0221 70002');
    await page.goto(`${stack.url}/nicht-zugeordnet`);
    const group = page.locator('.number-group[data-number="+4922170002"]');
    expect(await group.locator('.inbox-card').count()).toBe(3);
    expect(await group.locator('.matches-now').textContent()).toContain('einen Datensatz');
    expect(await phoneCheck(page, 'inbox')).toEqual([]);
    await Promise.all([
      page.waitForURL(new RegExp(`/kandidaten/${id}\\?hinweis=zugeordnet&anzahl=3`)),
      group.locator('button:has-text("Alle 3 Anrufe Kandidat: Lea Brandt zuordnen")').click(),
    ]);
    expect(await page.textContent('#notice')).toContain('3 Anrufe zugeordnet');
    expect(await page.locator('#timeline .kind-note').count()).toBe(3);
    await page.goto(`${stack.url}/nicht-zugeordnet`);
    expect(await page.locator('.number-group').count()).toBe(0);
  });

  it('asks before discarding, and "Rückgängig" brings the card back', async () => {
    await record('+4930700033', SHORT(3));
    await page.goto(`${stack.url}/nicht-zugeordnet`);
    const card = page.locator('.inbox-card');
    expect(await card.count()).toBe(1);
    // Keyboard: the confirmation opens from its summary with Enter.
    await card.locator('summary:has-text("Verwerfen")').focus();
    await page.keyboard.press('Enter');
    expect(await card.locator('text=wirklich verwerfen').isVisible()).toBe(true);
    await Promise.all([
      page.waitForURL(/verworfen=/),
      card.locator('button:has-text("Ja, verwerfen")').click(),
    ]);
    expect(await page.locator('.inbox-card').count()).toBe(0);
    expect(await page.textContent('#discard-notice')).toContain('+49 30 700033');
    await Promise.all([
      page.waitForURL(/zurueck=1/),
      page.click('#discard-notice button:has-text("Rückgängig")'),
    ]);
    expect(await page.locator('.inbox-card').count()).toBe(1);
  });

  it('moves a wrong assignment with its note, task and the fields it filled', async () => {
    const wrong = await candidate('Jonas', 'Falsch', '0561 70004');
    const right = await candidate('Jonas', 'Richtig', '0561 70005');
    await record('+4956170004', NEUMANN);
    await page.goto(`${stack.url}/kandidaten/${wrong}`);
    expect(await page.textContent('#extracted-fields')).toContain('55.000 €');
    await page.click('#timeline .kind-note >> text=Anderem Datensatz zuordnen');
    await page.fill('input[name=q]', 'Richtig');
    await page.click('button:has-text("Suchen")');
    expect(await phoneCheck(page, 'move')).toEqual([]);
    await Promise.all([
      page.waitForURL(new RegExp(`/kandidaten/${right}\\?hinweis=verschoben`)),
      page.click('button:has-text("Zu Kandidat „Jonas Richtig“ verschieben")'),
    ]);
    expect(await page.locator('#timeline .kind-note').count()).toBe(1);
    expect(await page.locator('#timeline .kind-task').count()).toBe(1);
    expect(await page.textContent('#extracted-fields')).toContain('55.000 €');
    expect(await page.textContent('#timeline')).toContain(
      'hierher verschoben (war bei Kandidat „Jonas Falsch“)',
    );
    await page.goto(`${stack.url}/kandidaten/${wrong}`);
    expect(await page.locator('#timeline .kind-note').count()).toBe(0);
    expect(await page.locator('#timeline .kind-task').count()).toBe(0);
    expect(await page.textContent('#extracted-fields')).not.toContain('55.000 €');
    expect(await page.textContent('#timeline')).toContain(
      'zu Kandidat „Jonas Richtig“ verschoben von Milad K.',
    );
  });
});
