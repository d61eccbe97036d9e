import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, loginInBrowser } from '../support/browser.ts';
import { addCandidate } from '../support/records.ts';
import type { Stack } from '../support/stack.ts';
import { simRecording } from '../support/webexConnect.ts';

const TRANSCRIPT = `WEBVTT

1
00:00:00.000 --> 00:00:04.000
<v Recruiter>Was verdienen Sie im Moment?</v>

2
00:00:04.000 --> 00:00:08.000
<v Kandidat>Fünfundfünfzigtausend brutto. Kündigungsfrist sind sechs Wochen.</v>
`;

/** A call from an unknown number waits in the inbox; a recruiter assigns it in the browser. */
describe('unassigned calls in the browser', () => {
  let stack: Stack;
  let page: Page;
  const suite = browserSuite({ recordings: true, page: { height: 900 } });
  let candidateId: string;

  beforeAll(async () => {
    ({ stack, page } = suite);
    candidateId = (
      await addCandidate(stack, {
        firstName: 'Jonas',
        lastName: 'Albrecht',
        position: 'Elektroniker',
        phones: ['0170 1111111'],
      })
    ).id;
  });

  it('assigns an unknown caller to a candidate, whose page then shows the note', async () => {
    await simRecording(stack, {
      personId: stack.personId,
      callingNumber: '+4922155500',
      transcript: TRANSCRIPT,
    });
    await stack.app.pipeline.drain();

    await loginInBrowser(page, stack.url, 'milad', 'milad-password');
    await page.click('nav >> text=Nicht zugeordnet');
    const item = page.locator('.inbox-item');
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).toContain('+49 221 55500');
    await item.locator('input[name=q]').fill('Albrecht');
    await item.locator('button:has-text("Suchen")').click();
    await Promise.all([
      page.waitForURL(new RegExp(`/kandidaten/${candidateId}(\\?|$)`)),
      page.click('button:has-text("Kandidat: Jonas Albrecht zuordnen")'),
    ]);
    expect(await page.locator('.timeline-entry').count()).toBe(1);
    expect(await page.textContent('main')).toContain('55.000 €');
    await page.goto(`${stack.url}/nicht-zugeordnet`);
    expect(await page.textContent('main')).toContain('Keine offenen Anrufe');
  });
});
