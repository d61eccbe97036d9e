import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { berlinToday } from '../../src/shared/berlinTime.ts';
import { newId } from '../../src/shared/ids.ts';
import { browserSuite, MILAD, phoneCheck } from '../support/browser.ts';
import { addCandidate, KELLER } from '../support/records.ts';
import type { Stack } from '../support/stack.ts';
import { vtt } from '../support/transcripts.ts';
import { simRecording } from '../support/webexConnect.ts';

const CALL = (n: number) =>
  vtt([
    `<v Recruiter>Hallo Frau Keller, wie besprochen, Gespräch Nummer ${n}.</v>`,
    '<v Kandidatin>Ich verdiene sechzigtausend brutto im Jahr.</v>',
    '<v Recruiter>Gut, ich rufe Sie nächsten Dienstag an.</v>',
  ]);

/** One task per agreed follow-up, with owner and "erledigt"; "Meine Aufgaben" lists what is due. */
describe('tasks in the browser', () => {
  let stack: Stack;
  let page: Page;
  const suite = browserSuite({ recordings: true, page: { height: 900 }, login: MILAD });
  let kellerId: string;

  beforeAll(async () => {
    ({ stack, page } = suite);
    kellerId = (await addCandidate(stack, KELLER)).id;
    for (const n of [1, 2, 3]) {
      await simRecording(stack, {
        personId: stack.personId,
        callingNumber: '+49561112233',
        transcript: CALL(n),
      });
      await stack.app.pipeline.drain();
    }
  });

  it('merges a follow-up agreed in three calls into one to-do owned by the recruiter', async () => {
    await page.goto(`${stack.url}/kandidaten/${kellerId}`);
    const tasks = page.locator('#record-tasks li[data-task-id]');
    expect(await tasks.count()).toBe(1);
    const text = (await tasks.textContent()) ?? '';
    expect(text).toContain('in 3 Gesprächen vereinbart');
    expect(text).toContain('Milad K.');
    // A to-do for the recruiter, not the quoted sentence.
    expect(text).toMatch(/Rückruf bei Anna Keller am \w\w \d\d\.\d\d\./);
    expect(await tasks.locator('blockquote').textContent()).toContain('ich rufe Sie nächsten Dienstag an');
    expect(await page.locator('#timeline .kind-note').count()).toBe(3);
    expect(await page.locator('#timeline .kind-task').count()).toBe(1);
  });

  it('lists due tasks under "Meine Aufgaben"; "Erledigt" confirms and can be undone', async () => {
    const yesterday = berlinToday(new Date(Date.now() - 86_400_000));
    const milad = await stack.app.ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'milad')
      .executeTakeFirstOrThrow();
    await stack.app.ctx.db
      .insertInto('tasks')
      .values({
        id: newId(),
        record_type: 'candidate',
        record_id: kellerId,
        recording_id: null,
        due_date: yesterday,
        title: 'Unterlagen anfordern',
        created_at: new Date().toISOString(),
        done_at: null,
        owner_user_id: milad.id,
      })
      .execute();
    await page.click('nav >> text=Aufgaben');
    expect(await page.textContent('h1')).toBe('Meine Aufgaben');
    expect(await page.textContent('#tasks-overdue')).toContain('Unterlagen anfordern');
    expect(await page.textContent('#tasks-overdue')).toContain('überfällig seit');
    expect(await page.textContent('#tasks-next')).toContain('in 3 Gesprächen vereinbart');
    expect(await page.locator('#tasks-next a:has-text("Anna Keller")').count()).toBe(1);
    expect(await phoneCheck(page, 'tasks')).toEqual([]);

    await page.locator('#tasks-overdue button:has-text("Erledigt")').click();
    expect(await page.textContent('#task-notice')).toContain('Erledigt: Unterlagen anfordern.');
    expect(await page.locator('#tasks-overdue').count()).toBe(0);
    await page.click('#task-notice button:has-text("Rückgängig")');
    expect(await page.textContent('#task-notice')).toContain('Wieder offen: Unterlagen anfordern.');
    expect(await page.textContent('#tasks-overdue')).toContain('Unterlagen anfordern');

    // From the record's page too, and its history says so.
    await page.goto(`${stack.url}/kandidaten/${kellerId}`);
    await page
      .locator('#record-tasks li:has-text("Unterlagen anfordern") button:has-text("Erledigt")')
      .click();
    expect(page.url()).toContain(`/kandidaten/${kellerId}?aufgabe=`);
    expect(await page.textContent('#task-notice')).toContain('Erledigt: Unterlagen anfordern.');
    expect(await page.textContent('#timeline')).toContain(
      'Aufgabe erledigt: Unterlagen anfordern (Milad K.)',
    );
  });

  it('moving one of the calls takes its mention along: the merged task counts one fewer', async () => {
    await addCandidate(stack, {
      firstName: 'Lea',
      lastName: 'Brandt',
    });
    await page.goto(`${stack.url}/kandidaten/${kellerId}`);
    // The middle note: its call's follow-up was merged into the task the first call started.
    await page.locator('#timeline .kind-note').nth(1).locator('text=Anderem Datensatz zuordnen').click();
    await page.fill('input[name=q]', 'Brandt');
    await page.click('button:has-text("Suchen")');
    await Promise.all([
      page.waitForURL(/hinweis=verschoben/),
      page.click('button:has-text("Zu Kandidat „Lea Brandt“ verschieben")'),
    ]);
    expect(await page.textContent('#record-tasks')).toContain('Rückruf bei Lea Brandt am');
    await page.goto(`${stack.url}/kandidaten/${kellerId}`);
    const text = await page.locator('#record-tasks li:has-text("Rückruf bei Anna Keller")').textContent();
    expect(text).toContain('in 2 Gesprächen vereinbart');
  });

  it('confirms a task whose title ends with a date without a doubled full stop', async () => {
    await page.goto(`${stack.url}/kandidaten/${kellerId}`);
    const task = page.locator('#record-tasks li:has-text("Rückruf bei Anna Keller")');
    await task.locator('button:has-text("Erledigt")').click();
    const done = (await page.textContent('#task-notice')) ?? '';
    expect(done).toMatch(/Erledigt: Rückruf bei Anna Keller am \w\w \d\d\.\d\d\. /);
    expect(done).not.toContain('..');
    await page.click('#task-notice button:has-text("Rückgängig")');
    const open = (await page.textContent('#task-notice')) ?? '';
    expect(open).toMatch(/Wieder offen: Rückruf bei Anna Keller am \w\w \d\d\.\d\d\.$/);
    expect(open).not.toContain('..');
  });
});
