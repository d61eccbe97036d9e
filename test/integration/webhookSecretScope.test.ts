import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signBody } from '../../src/webhooks/signature.ts';
import { telephonyDelivery } from '../fixtures/telephonyDeliveries.ts';
import { type Stack, startStack } from '../support/stack.ts';
import { connectMilad } from '../support/webexConnect.ts';

/** Each registered webhook's secret authenticates only that webhook's deliveries. */
describe('webhook secrets per resource', () => {
  let stack: Stack;
  const hook = (resource: string) =>
    [...stack.sim.state.webhooks.values()].find(
      (h) => h.name.startsWith('CallBridge') && h.createdBy === stack.personId && h.resource === resource,
    )!;
  const post = (body: object, secret: string) => {
    const text = JSON.stringify(body);
    return fetch(`${stack.url}/webhooks/webex`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-spark-signature': signBody(text, secret) },
      body: text,
    });
  };
  const count = async (table: 'webhook_deliveries' | 'calls' | 'recordings') =>
    Number(
      (
        await stack.app.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    // Without WEBEX_WEBHOOK_SECRET: only the secrets CallBridge registered count.
    stack = await startStack({ webhookSecret: undefined });
    await connectMilad(stack);
  });
  afterAll(() => stack?.close());

  it('refuses a call event signed with the recordings webhook secret, accepts it with its own', async () => {
    const calls = hook('telephony_calls');
    const recordings = hook('convergedRecordings');
    expect(calls.secret).toBeTruthy();
    expect(recordings.secret).toBeTruthy();
    const before = { deliveries: await count('webhook_deliveries'), calls: await count('calls') };

    // The recordings secret, with the envelope claiming either webhook.
    for (const id of [calls.id, recordings.id]) {
      const res = await post({ ...telephonyDelivery({ callId: `cross-${id}` }), id }, recordings.secret!);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: 'signature_wrong_webhook' });
    }
    // The telephony secret, but the envelope names the recordings webhook.
    const renamed = await post(
      { ...telephonyDelivery({ callId: 'renamed' }), id: recordings.id },
      calls.secret!,
    );
    expect(renamed.status).toBe(401);
    expect({ deliveries: await count('webhook_deliveries'), calls: await count('calls') }).toEqual(before);

    const own = await post({ ...telephonyDelivery({ callId: 'own-secret' }), id: calls.id }, calls.secret!);
    expect(own.status).toBe(200);
    expect(await count('calls')).toBe(before.calls + 1);
  });

  it('refuses a recording event signed with the telephony webhook secret', async () => {
    const calls = hook('telephony_calls');
    const recordings = hook('convergedRecordings');
    const before = await count('recordings');
    const event = {
      id: recordings.id,
      resource: 'convergedRecordings',
      event: 'created',
      actorId: stack.personId,
      data: { id: 'cross-signed-recording' },
    };
    const res = await post(event, calls.secret!);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'signature_wrong_webhook' });
    expect(await count('recordings')).toBe(before);
  });

  it('still takes what the simulator sends, each signed with its own webhook secret', async () => {
    const { deliveries } = await stack.ring({ from: '030 123456', scenario: 'missed' });
    expect(deliveries.length).toBeGreaterThanOrEqual(2);
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
  });
});
