import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallView } from '../../src/calls/callView.ts';
import { telephonyDelivery } from '../fixtures/telephonyDeliveries.ts';
import { addLead } from '../support/records.ts';
import { SseClient } from '../support/sseClient.ts';
import { type Stack, startStack } from '../support/stack.ts';

/** A call rings at Webex (the simulator) → signed webhook → the right recruiter's SSE stream. */
describe('live caller pop-up', () => {
  let stack: Stack;
  let milad: string;
  let sabine: string;
  let admin: string;
  let leadId: string;

  beforeAll(async () => {
    stack = await startStack();
    const lead = await addLead(stack, {
      company: 'ACME GmbH',
      contactPerson: 'Petra Schulz',
      city: 'Berlin',
      phones: ['030 123456', '0171 1234567'],
    });
    leadId = lead.id;
    milad = await stack.login('milad', 'milad-password');
    sabine = await stack.login('sabine', 'sabine-password');
    admin = await stack.login('admin', 'admin-password');
  });
  afterAll(() => stack?.close());

  const connect = (cookie: string, lastEventId?: string) =>
    SseClient.connect(`${stack.url}/api/events`, { cookie, ...(lastEventId ? { lastEventId } : {}) });
  const callEvents = (c: SseClient, callId: string) => c.json<CallView>().filter((v) => v.id === callId);

  it('shows the ringing call with the matched lead to the recruiter whose line rings, then follows it', async () => {
    const sse = await connect(milad);
    await sse.waitFor((e) => e.event === 'snapshot');
    // Any national or international spelling of the lead's number matches.
    await stack.ring({ from: '+49 171 1234567', scenario: 'answered' });
    const ringing = JSON.parse(
      (await sse.waitFor((e) => e.event === 'call' && JSON.parse(e.data).state === 'ringing')).data,
    ) as CallView;
    expect(ringing.match).toMatchObject({
      type: 'lead',
      id: leadId,
      title: 'ACME GmbH',
      subtitle: 'Petra Schulz',
    });
    expect(ringing.direction).toBe('incoming');
    expect(ringing.number).toBe('+491711234567');
    await sse.waitFor((e) => e.event === 'call' && JSON.parse(e.data).state === 'ended');
    expect(callEvents(sse, ringing.id).map((v) => v.state)).toEqual(['ringing', 'connected', 'ended']);
    const ended = callEvents(sse, ringing.id).at(-1)!;
    expect(ended.answeredAt).not.toBeNull();
    expect(ended.durationSeconds).toBeGreaterThanOrEqual(0);
    await sse.close();
  });

  it('marks an unanswered call as missed and an unknown number as unmatched', async () => {
    const sse = await connect(milad);
    await sse.waitFor((e) => e.event === 'snapshot');
    await stack.ring({ from: '089 555123', scenario: 'missed' });
    const last = JSON.parse(
      (await sse.waitFor((e) => e.event === 'call' && JSON.parse(e.data).state === 'missed')).data,
    ) as CallView;
    expect(last.match).toBeNull();
    expect(last.number).toBe('+4989555123');
    expect(last.numberDisplay).toBe('+49 89 555123');
    await sse.close();
  });

  it("routes a call only to its line's recruiter; admins see every call", async () => {
    const [m, s, a] = await Promise.all([connect(milad), connect(sabine), connect(admin)]);
    await Promise.all([m, s, a].map((c) => c.waitFor((e) => e.event === 'snapshot')));
    const { callId } = await stack.ring({
      from: '030 123456',
      scenario: 'missed',
      personId: stack.otherPersonId,
    });
    await s.waitFor((e) => e.event === 'call' && JSON.parse(e.data).state === 'missed');
    await a.waitFor((e) => e.event === 'call' && JSON.parse(e.data).state === 'missed');
    // Milad's stream got nothing of Sabine's call in the same time.
    expect(m.json().length).toBe(0);
    expect(callId).toBeTruthy();
    await Promise.all([m.close(), s.close(), a.close()]);
  });

  it('stacks simultaneous calls: each has its own pop-up state', async () => {
    const sse = await connect(milad);
    await sse.waitFor((e) => e.event === 'snapshot');
    const first = await stack.ring({ from: '030 123456', scenario: 'ringing' });
    const second = await stack.ring({ from: '0151 99887766', scenario: 'ringing' });
    await sse.waitFor(() => sse.json<CallView>().filter((v) => v.state === 'ringing').length >= 2);
    const ids = new Set(sse.json<CallView>().map((v) => v.id));
    expect(ids.size).toBe(2);
    // A page opened now gets both ringing calls in its snapshot.
    const late = await connect(milad);
    const snap = JSON.parse((await late.waitFor((e) => e.event === 'snapshot')).data) as {
      calls: CallView[];
    };
    expect(
      snap.calls
        .filter((c) => c.state === 'ringing')
        .map((c) => c.number)
        .sort(),
    ).toEqual(['+4915199887766', '+4930123456']);
    await fetch(`${stack.sim.url}/_sim/calls/${encodeURIComponent(first.callId)}/answer`, { method: 'POST' });
    await fetch(`${stack.sim.url}/_sim/calls/${encodeURIComponent(second.callId)}/hangup`, {
      method: 'POST',
    });
    await sse.waitFor((e) => e.event === 'call' && JSON.parse(e.data).state === 'missed');
    await sse.waitFor((e) => e.event === 'call' && JSON.parse(e.data).state === 'connected');
    await fetch(`${stack.sim.url}/_sim/calls/${encodeURIComponent(first.callId)}/hangup`, { method: 'POST' });
    await sse.waitFor((e) => e.event === 'call' && JSON.parse(e.data).state === 'ended');
    await Promise.all([sse.close(), late.close()]);
  });

  it('replays what a browser missed when it reconnects with Last-Event-ID', async () => {
    const sse = await connect(milad);
    await sse.waitFor((e) => e.event === 'snapshot');
    await stack.ring({ from: '030 123456', scenario: 'missed' });
    await sse.waitFor((e) => e.event === 'call' && JSON.parse(e.data).state === 'missed');
    const resumeFrom = sse.lastEventId!;
    await sse.close();
    // The network blips; meanwhile a call comes and goes.
    const { callId } = await stack.ring({ from: '0171 1234567', scenario: 'answered' });
    expect(callId).toBeTruthy();
    const again = await connect(milad, resumeFrom);
    await again.waitFor((e) => e.event === 'call' && JSON.parse(e.data).state === 'ended');
    const states = again.json<CallView>().map((v) => v.state);
    expect(states).toEqual(['ringing', 'connected', 'ended']);
    expect(again.events.some((e) => e.event === 'snapshot')).toBe(false);
    expect(Number(again.events[0]!.id)).toBeGreaterThan(Number(resumeFrom));
    await again.close();
  });

  it('delivers every event of a burst of concurrent webhooks, in increasing id order', async () => {
    const sse = await connect(milad);
    await sse.waitFor((e) => e.event === 'snapshot');
    const burst = Array.from({ length: 60 }, (_, i) =>
      stack.postWebhook(
        telephonyDelivery({
          callId: `burst-${i}`,
          number: `+4940${String(1_000_000 + i)}`,
          personId: stack.personId,
        }),
      ),
    );
    expect((await Promise.all(burst)).map((r) => r.status)).toEqual(Array(60).fill(200));
    await sse.waitFor(() => sse.json<CallView>().length >= 60);
    const ids = sse.events.filter((e) => e.event === 'call').map((e) => Number(e.id));
    expect(ids).toHaveLength(60);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(sse.json<CallView>().map((v) => v.number)).size).toBe(60);
    await sse.close();
  });

  it('refuses the event stream without a session', async () => {
    const res = await fetch(`${stack.url}/api/events`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'not_logged_in' });
  });
});
