import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallView } from '../../src/calls/callView.ts';
import { closeStaleCalls } from '../../src/calls/staleCallCloser.ts';
import { activeCallIdsOf } from '../../src/webex/activeCalls.ts';
import { SseClient } from '../support/sseClient.ts';
import { type Stack, startStack } from '../support/stack.ts';
import { configureIntegration, connectWebex } from '../support/webexConnect.ts';

const MIN = 60_000;

/** Webex loses a call's last event: CallBridge asks Webex (GET /telephony/calls) or closes it in time. */
describe('calls whose end event never came', () => {
  let stack: Stack;
  let milad: string;

  beforeAll(async () => {
    stack = await startStack();
    milad = await stack.login('milad', 'milad-password');
    await configureIntegration(stack);
    // milad's own connection can list his calls in progress; sabine has none.
    const { result } = await connectWebex(stack, milad);
    expect(result.status).toBeLessThan(400);
  });
  afterAll(() => stack?.close());

  const sim = (callId: string, action: 'answer' | 'hangup', faults: object = {}) =>
    fetch(`${stack.sim.url}/_sim/calls/${encodeURIComponent(callId)}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ faults }),
    });
  const callOf = (webexCallId: string) => stack.callOf(webexCallId);
  const closer = () => ({
    db: stack.app.ctx.db,
    bus: stack.app.ctx.bus,
    log: stack.app.ctx.log,
    activeCalls: (p: string) => activeCallIdsOf(stack.app.webex.deps, stack.app.webex.tokens, p),
    settings: stack.app.ctx.config,
  });

  it('the periodic job closes an answered call whose hang-up was dropped, and its pop-up is told', async () => {
    const sse = await SseClient.connect(`${stack.url}/api/events`, { cookie: milad });
    await sse.waitFor((e) => e.event === 'snapshot');
    const { callId } = await stack.ring({
      from: '+49 30 123456',
      scenario: 'answered',
      faults: { dropEnd: true },
    });
    const before = await callOf(callId);
    expect(before.state).toBe('connected');
    // The simulator agrees the call is over: it is not among milad's calls in progress.
    const listed = await activeCallIdsOf(stack.app.webex.deps, stack.app.webex.tokens, stack.personId);
    expect(listed?.has(callId)).toBe(false);

    // Not yet suspicious: nothing happens.
    expect((await closeStaleCalls(closer())).checked).toBe(0);
    // A quarter of an hour without any event later (the call's last event moved back instead of the clock):
    await stack.app.ctx.db
      .updateTable('calls')
      .set({ last_event_at: new Date(Date.now() - 20 * MIN).toISOString() })
      .where('id', '=', before.id)
      .execute();
    await stack.app.queue.enqueue({ type: 'periodic:stale-calls', key: `test:${before.id}` });
    const closed = await sse.waitFor(
      (e) => e.event === 'call' && (JSON.parse(e.data) as CallView).endUnknown,
      15_000,
    );
    expect(JSON.parse(closed.data)).toMatchObject({ id: before.id, state: 'ended', endUnknown: true });
    expect(await callOf(callId)).toMatchObject({ state: 'ended', ended_at: null });
    const page = await fetch(`${stack.url}/anrufe/${before.id}`, { headers: { cookie: milad } });
    expect(await page.text()).toContain('Beendet (Ende unbekannt)');
    await sse.close();
  });

  it('keeps a call Webex still lists, and closes it once Webex no longer does', async () => {
    const { callId } = await stack.ring({ from: '+49 30 123456', scenario: 'ringing' });
    await sim(callId, 'answer');
    expect((await callOf(callId)).state).toBe('connected');
    const later = Date.now() + 20 * MIN;
    const kept = await closeStaleCalls(closer(), later);
    expect(kept).toMatchObject({ stillActive: 1, endedAtWebex: 0 });
    expect((await callOf(callId)).state).toBe('connected');
    // Even hours later: Webex says it is still going on, so it is.
    expect((await closeStaleCalls(closer(), Date.now() + 5 * 60 * MIN)).stillActive).toBe(1);

    await sim(callId, 'hangup', { dropEnd: true });
    expect((await callOf(callId)).state).toBe('connected');
    expect(await closeStaleCalls(closer(), later)).toMatchObject({ endedAtWebex: 1 });
    expect(await callOf(callId)).toMatchObject({ state: 'ended', ended_at: null });
  });

  it('closes a ringing call Webex cannot be asked about only after the longer wait; a late end still counts', async () => {
    const { callId } = await stack.ring({
      personId: stack.otherPersonId,
      from: '+49 89 555123',
      scenario: 'ringing',
    });
    expect((await callOf(callId)).state).toBe('ringing');
    // sabine has no connection of her own: Webex cannot tell, so five minutes are not enough …
    expect(await closeStaleCalls(closer(), Date.now() + 5 * MIN)).toMatchObject({
      checked: 1,
      closedUnconfirmed: 0,
    });
    expect((await callOf(callId)).state).toBe('ringing');
    // … eleven are.
    expect(await closeStaleCalls(closer(), Date.now() + 11 * MIN)).toMatchObject({ closedUnconfirmed: 1 });
    expect(await callOf(callId)).toMatchObject({ state: 'missed', ended_at: null });

    // The end event arrives after all: the call gets its real end.
    await sim(callId, 'hangup');
    const call = await callOf(callId);
    expect(call.state).toBe('missed');
    expect(call.ended_at).not.toBeNull();
  });

  it('takes its periods from the settings (STALE_RINGING_CLOSE_MINUTES)', async () => {
    const { callId } = await stack.ring({
      personId: stack.otherPersonId,
      from: '+49 89 555124',
      scenario: 'ringing',
    });
    const fourMinutes = { ...closer(), settings: { ...stack.app.ctx.config, staleRingingCloseMinutes: 4 } };
    expect(await closeStaleCalls(fourMinutes, Date.now() + 3 * MIN)).toMatchObject({
      checked: 1,
      closedUnconfirmed: 0,
    });
    expect(await closeStaleCalls(fourMinutes, Date.now() + 5 * MIN)).toMatchObject({ closedUnconfirmed: 1 });
    expect((await callOf(callId)).state).toBe('missed');
  });
});
