import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addLead } from '../support/records.ts';
import { SseClient } from '../support/sseClient.ts';
import { type Stack, startStack } from '../support/stack.ts';

/** The call screen's and pop-up's endpoints: drafts, closing and choosing, with bad input refused in German. */
describe('call screen API', () => {
  let stack: Stack;
  let milad: string;
  let sabine: string;
  let callId: string;
  let leadId: string;

  beforeAll(async () => {
    stack = await startStack();
    milad = await stack.login('milad', 'milad-password');
    sabine = await stack.login('sabine', 'sabine-password');
    leadId = (
      await addLead(stack, {
        company: 'ACME GmbH',
        phones: ['030 123456'],
      })
    ).id;
    const { callId: webexId } = await stack.ring({ from: '0221 5550001', scenario: 'ringing' });
    callId = (await stack.callOf(webexId)).id;
  });
  afterAll(() => stack?.close());

  const send = (method: string, path: string, cookie: string, body?: unknown) =>
    fetch(`${stack.url}${path}`, {
      method,
      headers: {
        cookie,
        origin: stack.url,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  it('keeps a draft per call and user, shows it on the call screen, and refuses what does not fit', async () => {
    const saved = await send('PUT', `/api/calls/${callId}/draft`, milad, { text: 'Rückruf <morgen>' });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ saved: true });
    const page = await fetch(`${stack.url}/anrufe/${callId}`, { headers: { cookie: milad } }).then((r) =>
      r.text(),
    );
    expect(page).toContain('>Rückruf &lt;morgen&gt;</textarea>');
    expect(page).toMatch(/Entwurf von \d\d:\d\d Uhr – noch nicht gespeichert\./);

    const tooLong = await send('PUT', `/api/calls/${callId}/draft`, milad, { text: 'x'.repeat(20_001) });
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).message).toBe('Notiz zu lang (höchstens 20000 Zeichen)');
    const wrong = await send('PUT', `/api/calls/${callId}/draft`, milad, { note: 'falsches Feld' });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).message).toBe('Eingaben ungültig');
    // Another recruiter's call is not there for sabine.
    const foreign = await send('PUT', `/api/calls/${callId}/draft`, sabine, { text: 'x' });
    expect(foreign.status).toBe(404);
    expect((await foreign.json()).message).toBe('Anruf nicht gefunden');
    const drafts = await stack.app.ctx.db.selectFrom('call_note_drafts').selectAll().execute();
    expect(drafts.map((d) => d.text)).toEqual(['Rückruf <morgen>']);

    // Emptying the text removes the draft.
    await send('PUT', `/api/calls/${callId}/draft`, milad, { text: '  ' });
    expect(await stack.app.ctx.db.selectFrom('call_note_drafts').selectAll().execute()).toEqual([]);

    // A saved note ends up in the page's data block, which it cannot break out of.
    const note = '</script><script>alert(1)</script>';
    const post = await fetch(`${stack.url}/anrufe/${callId}/notiz`, {
      method: 'POST',
      headers: { cookie: milad, origin: stack.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ notiz: note }).toString(),
      redirect: 'manual',
    });
    expect(post.status).toBe(303);
    const after = await fetch(`${stack.url}/anrufe/${callId}`, { headers: { cookie: milad } }).then((r) =>
      r.text(),
    );
    expect(after).toContain('"savedNote":"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"');
    expect(after).not.toContain('<script>alert');

    // A post without the field (not from the page's form) leaves the saved note as it is.
    const blank = await fetch(`${stack.url}/anrufe/${callId}/notiz`, {
      method: 'POST',
      headers: { cookie: milad, origin: stack.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'anderes=1',
      redirect: 'manual',
    });
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain('notiz: fehlt');
    const kept = await fetch(`${stack.url}/anrufe/${callId}`, { headers: { cookie: milad } }).then((r) =>
      r.text(),
    );
    expect(kept).toContain('"savedNote":"\\u003c/script>');
  });

  it('closes a pop-up once for all the user’s streams; a fresh page knows it is closed', async () => {
    const sse = await SseClient.connect(`${stack.url}/api/events`, { cookie: milad });
    await sse.waitFor((e) => e.event === 'snapshot');
    expect((await send('POST', `/api/calls/${callId}/dismiss`, milad)).status).toBe(200);
    expect((await send('POST', `/api/calls/${callId}/dismiss`, milad)).status).toBe(200);
    await sse.waitFor((e) => e.event === 'call-dismissed');
    await new Promise((r) => setTimeout(r, 300));
    expect(sse.json('call-dismissed')).toEqual([{ callId, userId: expect.any(String) }]);
    await sse.close();

    const fresh = await SseClient.connect(`${stack.url}/api/events`, { cookie: milad });
    const snapshot = JSON.parse((await fresh.waitFor((e) => e.event === 'snapshot')).data);
    expect(snapshot.calls.map((c: { id: string }) => c.id)).not.toContain(callId);
    expect(snapshot.dismissed).toEqual([callId]);
    await fresh.close();
    expect((await send('POST', `/api/calls/${callId}/dismiss`, sabine)).status).toBe(404);
  });

  it('links the record chosen, and refuses unknown records and bad bodies', async () => {
    const bad = await send('POST', `/api/calls/${callId}/record`, milad, { type: 'firma', id: leadId });
    expect(bad.status).toBe(400);
    const missing = await send('POST', `/api/calls/${callId}/record`, milad, { type: 'lead', id: 'nope' });
    expect(missing.status).toBe(404);
    expect((await missing.json()).message).toBe('Lead nicht gefunden');
    const ok = await send('POST', `/api/calls/${callId}/record`, milad, { type: 'lead', id: leadId });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ id: callId, match: { id: leadId }, recordConfirmed: true });
    // Without script the call screen offers the same as a form.
    const form = await fetch(`${stack.url}/anrufe/${callId}/datensatz`, {
      method: 'POST',
      headers: { cookie: milad, origin: stack.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'datensatz=unsinn',
      redirect: 'manual',
    });
    expect(form.status).toBe(400);
  });
});
