import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/apiKeys.ts';
import { PERSON, telephonyDelivery } from '../fixtures/telephonyDeliveries.ts';
import { type Stack, startStack } from '../support/stack.ts';

/** Bad input gets a precise 4xx and changes nothing; good input is stored once, in order. */
describe('POST /webhooks/webex', () => {
  let stack: Stack;
  const lastDelivery = () =>
    stack.app.ctx.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
  const counts = async () => {
    const db = stack.app.ctx.db;
    const [d, c, l] = await Promise.all([
      db
        .selectFrom('webhook_deliveries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('calls')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
      db
        .selectFrom('live_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { deliveries: Number(d.n), calls: Number(c.n), liveEvents: Number(l.n) };
  };
  let before: Awaited<ReturnType<typeof counts>>;

  beforeAll(async () => {
    stack = await startStack({ webhookBodyLimitBytes: 8 * 1024 });
  });
  afterAll(() => stack?.close());
  beforeEach(async () => {
    before = await counts();
  });

  const expectNothingWritten = async () => expect(await counts()).toEqual(before);
  const expectUp = async () => expect((await fetch(`${stack.url}/healthz`)).status).toBe(200);

  it('refuses a forged signature', async () => {
    const res = await stack.postWebhook(telephonyDelivery({}), { secret: 'someone-elses-secret-0000000000' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'signature_invalid' });
    await expectNothingWritten();
  });

  it('refuses a delivery without signature', async () => {
    const res = await stack.postWebhook(telephonyDelivery({}), { secret: null });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'signature_missing', hint: expect.any(String) });
    await expectNothingWritten();
  });

  it('refuses a body over the limit', async () => {
    const big = telephonyDelivery({}) as Record<string, unknown>;
    big['padding'] = 'x'.repeat(9 * 1024);
    const res = await stack.postWebhook(big);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'body_too_large' });
    await expectNothingWritten();
    await expectUp();
  });

  it('refuses invalid JSON even when signed', async () => {
    const res = await stack.postWebhook('{"resource": "telephony_calls", ');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid_json',
      message: 'Body ist kein gültiges JSON',
      hint: 'Webex sendet JSON; eine abgeschnittene oder von Hand gebaute Zustellung neu senden.',
    });
    await expectNothingWritten();
  });

  it('refuses an unknown resource', async () => {
    const res = await stack.postWebhook({ ...telephonyDelivery({}), resource: 'messages' });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      error: 'unknown_resource',
      message: expect.stringContaining('messages'),
    });
    await expectNothingWritten();
  });

  it('refuses a telephony event without callId or with a bad timestamp', async () => {
    const d = telephonyDelivery({});
    const { callId: _, ...noCallId } = d.data;
    let res = await stack.postWebhook({ ...d, data: noCallId });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toContain('callId');
    res = await stack.postWebhook(telephonyDelivery({ at: 'gestern' }));
    expect(res.status).toBe(400);
    expect((await res.json()).message).toContain('eventTimestamp');
    await expectNothingWritten();
  });

  it('refuses a body that is not a JSON object envelope', async () => {
    const res = await stack.postWebhook('[1,2,3]');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_payload' });
    await expectNothingWritten();
    await expectUp();
  });

  it('acknowledges a duplicate delivery without applying it twice', async () => {
    const d = telephonyDelivery({ callId: 'dup-call' });
    const first = await stack.postWebhook(d);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ duplicate: false, status: 'processed' });
    const second = await stack.postWebhook(d);
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ duplicate: true });
    expect(await counts()).toEqual({
      deliveries: before.deliveries + 1,
      calls: before.calls + 1,
      liveEvents: before.liveEvents + 1,
    });
  });

  it('applies a concurrent burst with repeated deliveries once each, every call in event order', async () => {
    // Concurrent deliveries are written in groups; a repeated one in a group makes the group fall back
    // to one delivery at a time, and nothing may be lost, doubled or reordered by that.
    const calls = Array.from({ length: 12 }, (_, i) => `group-call-${i}`);
    const ring = calls.map((callId) =>
      telephonyDelivery({ callId, eventType: 'alerting', at: '2026-03-02T10:00:00.000Z' }),
    );
    const answer = calls.map((callId) =>
      telephonyDelivery({
        callId,
        eventType: 'answered',
        state: 'connected',
        at: '2026-03-02T10:00:05.000Z',
        answered: '2026-03-02T10:00:05.000Z',
      }),
    );
    const first = await Promise.all([...ring, ...ring.slice(0, 4)].map((d) => stack.postWebhook(d)));
    const second = await Promise.all([...answer, ...answer.slice(6)].map((d) => stack.postWebhook(d)));
    const bodies = (await Promise.all([...first, ...second].map((r) => r.json()))) as {
      duplicate: boolean;
    }[];
    expect([...first, ...second].every((r) => r.status === 200)).toBe(true);
    expect(bodies.filter((b) => b.duplicate)).toHaveLength(10);
    expect(await counts()).toEqual({
      deliveries: before.deliveries + 24,
      calls: before.calls + 12,
      liveEvents: before.liveEvents + 24,
    });
    const states = await stack.app.ctx.db
      .selectFrom('calls')
      .select(['state', 'answered_at'])
      .where('webex_call_id', 'in', calls)
      .execute();
    expect(states.every((c) => c.state === 'connected' && c.answered_at === '2026-03-02T10:00:05.000Z')).toBe(
      true,
    );
  });

  it('never moves a call backwards when its events arrive out of order', async () => {
    const callId = 'ooo-call';
    const steps = [
      telephonyDelivery({
        callId,
        event: 'deleted',
        eventType: 'disconnected',
        state: 'disconnected',
        at: '2026-02-28T09:21:40.002Z',
        answered: '2026-02-28T09:14:09.500Z',
      }),
      telephonyDelivery({ callId, eventType: 'alerting', at: '2026-02-28T09:14:03.120Z' }),
      telephonyDelivery({
        callId,
        eventType: 'answered',
        state: 'connected',
        at: '2026-02-28T09:14:09.500Z',
        answered: '2026-02-28T09:14:09.500Z',
      }),
    ];
    for (const s of steps) expect((await stack.postWebhook(s)).status).toBe(200);
    const call = await stack.callOf(callId);
    expect(call.state).toBe('ended');
    expect(call.answered_at).toBe('2026-02-28T09:14:09.500Z');
    expect(call.ended_at).toBe('2026-02-28T09:21:40.002Z');
    expect(call.started_at).toBe('2026-02-28T09:14:03.020Z');
  });

  it('turns a missed call into an ended one when a late answer shows up', async () => {
    const callId = 'late-answer';
    await stack.postWebhook(
      telephonyDelivery({ callId, eventType: 'alerting', at: '2026-02-28T10:00:00.000Z' }),
    );
    await stack.postWebhook(
      telephonyDelivery({
        callId,
        event: 'deleted',
        eventType: 'disconnected',
        state: 'disconnected',
        at: '2026-02-28T10:05:00.000Z',
      }),
    );
    let call = await stack.callOf(callId);
    expect(call.state).toBe('missed');
    await stack.postWebhook(
      telephonyDelivery({
        callId,
        eventType: 'answered',
        state: 'connected',
        at: '2026-02-28T10:00:05.000Z',
      }),
    );
    call = await stack.callOf(callId);
    expect(call.state).toBe('ended');
  });

  it('ignores numbers shorter than four digits: stored, acknowledged, no call', async () => {
    const res = await stack.postWebhook(telephonyDelivery({ callId: 'short', number: '101' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ignored' });
    expect((await lastDelivery()).outcome).toBe('number too short');
    expect(await counts()).toEqual({ ...before, deliveries: before.deliveries + 1 });
  });

  it('refuses numbers longer than E.164 allows: acknowledged and flagged, no call, the number nowhere stored', async () => {
    const long = `+49${'7'.repeat(40)}`;
    const res = await stack.postWebhook(telephonyDelivery({ callId: 'too-long', number: long }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ignored' });
    expect((await lastDelivery()).outcome).toBe('number too long');
    expect(await counts()).toEqual({ ...before, deliveries: before.deliveries + 1 });
    // The compatibility endpoint says so in German.
    const key = await createApiKey(stack.app.ctx.db, 'bounds-test');
    const compat = await fetch(`${stack.url}/api/akquise/events/incoming-call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key.key },
      body: JSON.stringify({ phoneNumber: long }),
    });
    expect(compat.status).toBe(400);
    expect(await compat.json()).toMatchObject({
      error: 'number_too_long',
      message: expect.stringContaining('zu lang'),
    });
    expect(await counts()).toEqual({ ...before, deliveries: before.deliveries + 1 });
  });

  it('keeps a call with a withheld number, without a match', async () => {
    const res = await stack.postWebhook(telephonyDelivery({ callId: 'private', number: null }));
    expect(res.status).toBe(200);
    const call = await stack.callOf('private');
    expect(call.remote_number).toBeNull();
    expect(call.matched_id).toBeNull();
  });

  it('keeps a call of a Webex person with no CallBridge user for admins only', async () => {
    await stack.postWebhook(
      telephonyDelivery({ callId: 'nobody', personId: 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS91bmtub3du' }),
    );
    const call = await stack.callOf('nobody');
    expect(call.user_id).toBeNull();
    const ev = await stack.app.ctx.db
      .selectFrom('live_events')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(ev.user_id).toBeNull();
    expect(PERSON).not.toBe(call.actor_person_id);
  });

  it('applies a delivery stored for retry at the next sweep (a periodic job, every 15 s)', async () => {
    const d = telephonyDelivery({ callId: 'swept-call' });
    // As the intake stores one whose handler failed: pending, one attempt made.
    await stack.app.ctx.db
      .insertInto('webhook_deliveries')
      .values({
        dedup_key: 'swept-call-key',
        resource: 'telephony_calls',
        event: d.event,
        webhook_id: d.id,
        received_at: new Date().toISOString(),
        body: JSON.stringify(d),
        status: 'pending',
        outcome: 'error: simulated',
        attempts: 1,
        processed_at: null,
      })
      .execute();
    const row = () =>
      stack.app.ctx.db
        .selectFrom('webhook_deliveries')
        .select(['status', 'attempts'])
        .where('dedup_key', '=', 'swept-call-key')
        .executeTakeFirstOrThrow();
    const end = Date.now() + 25_000;
    while ((await row()).status === 'pending' && Date.now() < end)
      await new Promise((r) => setTimeout(r, 200));
    expect(await row()).toEqual({ status: 'processed', attempts: 2 });
    const call = await stack.app.ctx.db
      .selectFrom('calls')
      .select('id')
      .where('webex_call_id', '=', 'swept-call')
      .execute();
    expect(call).toHaveLength(1);
  }, 40_000);

  it('stays up and answers health checks after all of the above', async () => {
    await expectUp();
    const ready = await fetch(`${stack.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok' } });
  });
});

describe('simulator faults end to end', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  it('duplicate and out-of-order deliveries from the simulator end in one ended call', async () => {
    const { callId, deliveries } = await stack.ring({
      from: '030 123456',
      scenario: 'answered',
      faults: { duplicate: true, outOfOrder: true },
    });
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const calls = await stack.app.ctx.db
      .selectFrom('calls')
      .selectAll()
      .where('webex_call_id', '=', callId)
      .execute();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.state).toBe('ended');
    const stored = await stack.app.ctx.db.selectFrom('webhook_deliveries').select('id').execute();
    expect(stored).toHaveLength(3);
  });

  it('unsigned, forged and malformed deliveries from the simulator are refused', async () => {
    for (const [faults, status] of [
      [{ unsigned: true }, 401],
      [{ forged: true }, 401],
      [{ malformed: true }, 400],
    ] as const) {
      const { deliveries } = await stack.ring({ from: '030 123456', scenario: 'ringing', faults });
      expect(deliveries.map((d) => d.status)).toEqual([status]);
    }
  });
});
