import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startCallBridge } from '../../src/app/start.ts';
import { addUser } from '../../src/auth/userAccounts.ts';
import type { CallView } from '../../src/calls/callView.ts';
import { loadConfig } from '../../src/config/config.ts';
import { signBody } from '../../src/webhooks/signature.ts';
import { PERSON, telephonyDelivery } from '../fixtures/telephonyDeliveries.ts';
import { SseClient } from '../support/sseClient.ts';
import { loginAt } from '../support/stack.ts';
import { createTestDatabase, type TestDatabase, testBackend } from '../support/testDatabase.ts';

const SECRET = 'multi-instance-secret-0123456789';

/** Two instances on one PostgreSQL database: a webhook taken by one pops up on the other's streams. */
describe.skipIf(testBackend() !== 'postgres')('several instances on PostgreSQL', () => {
  let database: TestDatabase;
  let a: RunningApp;
  let b: RunningApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({
      env: {},
      overrides: { port: 0, databaseUrl: database.url, webhookSecret: SECRET, logLevel: 'silent' },
    });
    a = await startCallBridge(config);
    b = await startCallBridge(config);
    await addUser(a.ctx.db, { username: 'milad', password: 'milad-password', webexPersonId: PERSON });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it('every pop-up arrives once, in order per call, whichever instance took the webhook', async () => {
    const cookie = await loginAt(a.url, 'milad', 'milad-password');
    const onA = await SseClient.connect(`${a.url}/api/events`, { cookie });
    const onB = await SseClient.connect(`${b.url}/api/events`, { cookie });
    await Promise.all([onA, onB].map((c) => c.waitFor((e) => e.event === 'snapshot')));

    const post = (app: RunningApp, body: object) => {
      const text = JSON.stringify(body);
      return fetch(`${app.url}/webhooks/webex`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-spark-signature': signBody(text, SECRET) },
        body: text,
      });
    };
    const calls = 20;
    await Promise.all(
      Array.from({ length: calls }, async (_, i) => {
        const callId = `multi-${i}`;
        const number = `+4930${String(2_000_000 + i)}`;
        // Each call's three events go to alternating instances, in order.
        await post(i % 2 ? a : b, telephonyDelivery({ callId, number, at: '2026-03-01T10:00:00.000Z' }));
        await post(
          i % 2 ? b : a,
          telephonyDelivery({
            callId,
            number,
            eventType: 'answered',
            state: 'connected',
            at: '2026-03-01T10:00:05.000Z',
          }),
        );
        await post(
          i % 2 ? a : b,
          telephonyDelivery({
            callId,
            number,
            event: 'deleted',
            eventType: 'disconnected',
            state: 'disconnected',
            at: '2026-03-01T10:03:00.000Z',
          }),
        );
      }),
    );
    for (const sse of [onA, onB]) {
      await sse.waitFor(() => sse.json<CallView>().length >= calls * 3, 10_000);
      const views = sse.json<CallView>();
      expect(views).toHaveLength(calls * 3);
      const ids = sse.events.filter((e) => e.event === 'call').map((e) => Number(e.id));
      expect(new Set(ids).size).toBe(ids.length);
      for (let i = 0; i < calls; i++) {
        expect(views.filter((v) => v.number === `+4930${String(2_000_000 + i)}`).map((v) => v.state)).toEqual(
          ['ringing', 'connected', 'ended'],
        );
      }
    }
    await Promise.all([onA.close(), onB.close()]);
  });
});
