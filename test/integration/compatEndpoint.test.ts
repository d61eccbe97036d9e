import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../../src/auth/apiKeys.ts';
import type { CallView } from '../../src/calls/callView.ts';
import { addLead } from '../support/records.ts';
import { SseClient } from '../support/sseClient.ts';
import { type Stack, startStack } from '../support/stack.ts';

/** The old workflow's endpoint keeps working for existing senders during the switch-over. */
describe('POST /api/akquise/events/incoming-call', () => {
  let stack: Stack;
  let key: string;
  const post = (body: unknown, apiKey?: string) =>
    fetch(`${stack.url}/api/akquise/events/incoming-call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}) },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    stack = await startStack();
    await addLead(stack, {
      company: 'Nordlicht Logistik AG',
      contactPerson: 'Jan Hansen',
      phones: ['040 7654321'],
    });
    key = (await createApiKey(stack.app.ctx.db, 'n8n')).key;
  });
  afterAll(() => stack?.close());

  it('says what is missing without a key, and refuses unknown or revoked keys', async () => {
    let res = await post({ phoneNumber: '040 7654321' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'api_key_missing', message: 'Header X-API-Key fehlt' });
    res = await post({ phoneNumber: '040 7654321' }, 'cbk_not-a-key');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'api_key_invalid' });
    const old = await createApiKey(stack.app.ctx.db, 'old');
    await revokeApiKey(stack.app.ctx.db, 'old');
    res = await post({ phoneNumber: '040 7654321' }, old.key);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'api_key_revoked' });
  });

  it('refuses a body that does not fit as before, but only with a valid key', async () => {
    expect((await post({ callId: '' })).status).toBe(401);
    const res = await post({ phoneNumber: '040 7654321', callId: '' }, key);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: 'invalid_payload',
      message: expect.stringMatching(/^Body ungültig: callId: /),
    });
  });

  it('pops up the call for every recruiter when the sender cannot tell whose line rang', async () => {
    const milad = await SseClient.connect(`${stack.url}/api/events`, {
      cookie: await stack.login('milad', 'milad-password'),
    });
    const sabine = await SseClient.connect(`${stack.url}/api/events`, {
      cookie: await stack.login('sabine', 'sabine-password'),
    });
    await Promise.all([milad, sabine].map((c) => c.waitFor((e) => e.event === 'snapshot')));
    const res = await post({ phoneNumber: '+49 40 7654321' }, key);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ accepted: true });
    for (const c of [milad, sabine]) {
      const e = await c.waitFor((x) => x.event === 'call');
      expect((JSON.parse(e.data) as CallView).match?.title).toBe('Nordlicht Logistik AG');
    }
    await Promise.all([milad.close(), sabine.close()]);
  });

  it('routes to the recruiter when the sender names the Webex person', async () => {
    const res = await post({ number: '040 7654321', personId: stack.personId, callId: 'old-flow-1' }, key);
    expect(res.status).toBe(202);
    const call = await stack.callOf('old-flow-1');
    const milad = await stack.app.ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'milad')
      .executeTakeFirstOrThrow();
    expect(call.user_id).toBe(milad.id);
    // The same event again is acknowledged, not applied twice.
    const again = await post(
      {
        number: '040 7654321',
        personId: stack.personId,
        callId: 'old-flow-1',
        timestamp: call.last_event_at,
      },
      key,
    );
    expect(again.status).toBe(202);
    const calls = await stack.app.ctx.db
      .selectFrom('calls')
      .select('id')
      .where('webex_call_id', '=', 'old-flow-1')
      .execute();
    expect(calls).toHaveLength(1);
  });

  it('refuses a body without a number and ignores numbers under four digits', async () => {
    let res = await post({ callId: 'x' }, key);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: 'number_missing',
      hint: expect.stringContaining('phoneNumber'),
    });
    res = await post({ phoneNumber: '12' }, key);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: false, ignored: 'number too short' });
  });
});
