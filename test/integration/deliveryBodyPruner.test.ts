import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_RETENTION, pruneDeliveryBodies } from '../../src/webhooks/deliveryBodyPruner.ts';
import { telephonyDelivery } from '../fixtures/telephonyDeliveries.ts';
import { type Stack, startStack } from '../support/stack.ts';

/** Raw webhook bodies go after WEBHOOK_BODY_RETENTION_HOURS; the dedupe identity stays for 30 days. */
describe('webhook delivery body pruning', () => {
  let stack: Stack;
  const HOUR = 3600_000;

  beforeAll(async () => {
    stack = await startStack({ webhookBodyRetentionHours: 72 });
  });
  afterAll(() => stack?.close());

  const insert = (key: string, ageMs: number, status: 'processed' | 'ignored' | 'pending', attempts = 1) =>
    stack.app.ctx.db
      .insertInto('webhook_deliveries')
      .values({
        dedup_key: key,
        resource: 'telephony_calls',
        event: 'created',
        webhook_id: null,
        received_at: new Date(Date.now() - ageMs).toISOString(),
        body: `{"secret":"body of ${key}"}`,
        status,
        outcome: null,
        attempts,
        processed_at: null,
      })
      .execute();

  it('removes exactly the bodies older than the period, keeps pending ones, drops rows past the dedupe period', async () => {
    const day = 24 * HOUR;
    await insert('fresh', 71 * HOUR, 'processed');
    await insert('old', 73 * HOUR, 'processed');
    await insert('old-ignored', 100 * HOUR, 'ignored');
    await insert('old-pending', 100 * HOUR, 'pending', 3);
    await insert('old-given-up', 100 * HOUR, 'pending', 20);
    await insert('ancient', (DELIVERY_RETENTION.identityDays + 1) * day, 'processed');
    await insert('ancient-pending', (DELIVERY_RETENTION.identityDays + 1) * day, 'pending', 2);

    expect(await pruneDeliveryBodies(stack.app.ctx.db, 72)).toEqual({ bodies: 4, rows: 1 });
    const rows = await stack.app.ctx.db
      .selectFrom('webhook_deliveries')
      .select(['dedup_key', 'body'])
      .orderBy('dedup_key')
      .execute();
    const bodyOf = Object.fromEntries(rows.map((r) => [r.dedup_key, r.body]));
    expect(bodyOf).toEqual({
      fresh: '{"secret":"body of fresh"}',
      old: '',
      'old-ignored': '',
      'old-pending': '{"secret":"body of old-pending"}',
      'old-given-up': '',
      'ancient-pending': '{"secret":"body of ancient-pending"}',
    });
    // Idempotent: a second run finds nothing.
    expect(await pruneDeliveryBodies(stack.app.ctx.db, 72)).toEqual({ bodies: 0, rows: 0 });
  });

  it('still recognises a redelivery after its body was pruned', async () => {
    const delivery = telephonyDelivery({ callId: 'pruned-call', number: '+4930123456' });
    const first = await stack.postWebhook(delivery);
    expect(await first.json()).toMatchObject({ duplicate: false, status: 'processed' });
    await stack.app.ctx.db
      .updateTable('webhook_deliveries')
      .set({ received_at: new Date(Date.now() - 80 * HOUR).toISOString() })
      .where('body', 'like', '%pruned-call%')
      .execute();
    expect((await pruneDeliveryBodies(stack.app.ctx.db, 72)).bodies).toBe(1);
    const again = await stack.postWebhook(delivery);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    const calls = await stack.app.ctx.db
      .selectFrom('calls')
      .select('id')
      .where('webex_call_id', '=', 'pruned-call')
      .execute();
    expect(calls).toHaveLength(1);
  });

  it('runs as a periodic job on the job queue', async () => {
    await insert('via-queue', 90 * HOUR, 'processed');
    await stack.app.queue.schedulePeriodic();
    await stack.app.queue.drain(['periodic:webhook-body-pruning'], 10_000);
    const row = await stack.app.ctx.db
      .selectFrom('webhook_deliveries')
      .select('body')
      .where('dedup_key', '=', 'via-queue')
      .executeTakeFirstOrThrow();
    expect(row.body).toBe('');
  });
});
