import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyExtraction } from '../../src/extraction/index.ts';
import { newRecordingRow } from '../../src/recordings/recordingRow.ts';
import { type Stack, startStack } from '../support/stack.ts';

/** "Nicht zugeordnet" and /aufnahmen are scoped like calls: own line for recruiters, all for admins. */
describe('recordings per user', () => {
  let stack: Stack;
  let milad: string;
  let sabine: string;
  let admin: string;
  const ids = {
    milad: 'rec-milad-0001',
    sabine: 'rec-sabine-0001',
    nobody: 'rec-nobody-0001',
    legacy: 'rec-legacy-0001',
  };

  beforeAll(async () => {
    stack = await startStack();
    const now = new Date().toISOString();
    const row = (id: string, owner: string | null, number: string, webexId = `webex-${id}`) =>
      newRecordingRow(
        {
          id,
          webex_recording_id: webexId,
          owner_person_id: owner,
          step: 'done',
          status: 'done',
          attempts: 1,
          extraction_json: JSON.stringify({ summary: `Gespräch ${id}` }),
          remote_number: number,
          inbox: 1,
          deleted_at_webex: now,
          done_at: now,
        },
        now,
      );
    await stack.app.ctx.db
      .insertInto('recordings')
      .values([
        row(ids.milad, stack.personId, '+4930111111'),
        row(ids.sabine, stack.otherPersonId, '+4930222222'),
        row(ids.nobody, null, '+4930333333'),
        row(ids.legacy, null, '+4930444444', `api:${ids.legacy}`),
      ])
      .execute();
    milad = await stack.login('milad', 'milad-password');
    sabine = await stack.login('sabine', 'sabine-password');
    admin = await stack.login('admin', 'admin-password');
  });
  afterAll(() => stack?.close());

  const text = (path: string, cookie: string) =>
    fetch(`${stack.url}${path}`, { headers: { cookie } }).then((r) => r.text());
  const apiIds = async (cookie: string) =>
    (
      (await fetch(`${stack.url}/api/recordings`, { headers: { cookie } }).then((r) => r.json())) as {
        items: { id: string }[];
      }
    ).items
      .map((i) => i.id)
      .sort();

  it('a recruiter sees only the recordings of their own line; the admin sees all', async () => {
    for (const path of ['/nicht-zugeordnet', '/aufnahmen']) {
      const own = await text(path, milad);
      expect(own, path).toContain('+49 30 111111');
      expect(own, path).toContain('+49 30 444444'); // parked by the old backend: everyone's
      expect(own, path).not.toContain('+49 30 222222');
      expect(own, path).not.toContain('+49 30 333333');
      const all = await text(path, admin);
      for (const n of ['+49 30 111111', '+49 30 222222', '+49 30 333333', '+49 30 444444'])
        expect(all, path).toContain(n);
    }
    expect(await apiIds(milad)).toEqual([ids.legacy, ids.milad]);
    expect(await apiIds(sabine)).toEqual([ids.legacy, ids.sabine]);
    expect(await apiIds(admin)).toEqual(Object.values(ids).sort());
  });

  it("a recruiter cannot discard, assign or retry another recruiter's recording (404, nothing changed)", async () => {
    for (const action of ['verwerfen', 'zuordnen']) {
      const res = await fetch(`${stack.url}/nicht-zugeordnet/${ids.sabine}/${action}`, {
        method: 'POST',
        headers: {
          cookie: milad,
          origin: stack.url,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: 'type=candidate&id=x',
        redirect: 'manual',
      });
      expect(res.status, action).toBe(404);
    }
    const retry = await fetch(`${stack.url}/aufnahmen/${ids.sabine}/erneut`, {
      method: 'POST',
      headers: { cookie: milad, origin: stack.url, accept: 'application/json' },
      redirect: 'manual',
    });
    expect(retry.status).toBe(404);
    const rec = await stack.app.ctx.db
      .selectFrom('recordings')
      .select('inbox')
      .where('id', '=', ids.sabine)
      .executeTakeFirstOrThrow();
    expect(rec.inbox).toBe(1);

    const own = await fetch(`${stack.url}/nicht-zugeordnet/${ids.sabine}/verwerfen`, {
      method: 'POST',
      headers: { cookie: sabine, origin: stack.url },
      redirect: 'manual',
    });
    expect(own.status).toBe(303);
  });

  it("creating a record 'from a card' cannot take another recruiter's inbox call (404, nothing created)", async () => {
    const countOf = async () =>
      Number(
        (
          await stack.app.ctx.db
            .selectFrom('candidates')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await stack.app.ctx.db
      .updateTable('recordings')
      .set({ extraction_json: JSON.stringify({ ...emptyExtraction('candidate'), summary: 'Gespräch' }) })
      .where('id', '=', ids.nobody)
      .execute();
    const before = await countOf();
    const res = await fetch(`${stack.url}/kandidaten/neu`, {
      method: 'POST',
      headers: {
        cookie: milad,
        origin: stack.url,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: `firstName=Fremd&lastName=Zugriff&status=neu&aufnahme=${ids.nobody}`,
      redirect: 'manual',
    });
    expect(res.status).toBe(404);
    expect(await countOf()).toBe(before);
    const rec = await stack.app.ctx.db
      .selectFrom('recordings')
      .select(['inbox', 'record_id'])
      .where('id', '=', ids.nobody)
      .executeTakeFirstOrThrow();
    expect(rec).toEqual({ inbox: 1, record_id: null });
  });
});
