import { describe, expect, it } from 'vitest';
import { advanceCall, type CallProgress, durationSeconds, startCall } from './callStateMachine.ts';
import type { TelephonyEvent } from './telephonyEvent.ts';

const ev = (eventType: string, at: string, extra: Partial<TelephonyEvent> = {}): TelephonyEvent => ({
  eventType,
  eventTimestamp: at,
  actorPersonId: 'p',
  callId: 'c',
  callSessionId: null,
  direction: 'incoming',
  state: null,
  remoteNumber: '+4930123456',
  remoteName: null,
  remoteCallType: 'external',
  created: null,
  answered: null,
  disconnected: null,
  ...extra,
});

const fold = (events: TelephonyEvent[]): CallProgress => {
  let p = startCall(events[0]!);
  for (const e of events.slice(1)) p = advanceCall(p, e).next;
  return p;
};

describe('call state machine', () => {
  const ring = ev('alerting', '2026-01-01T10:00:00.000Z');
  const answer = ev('answered', '2026-01-01T10:00:05.000Z');
  const hold = ev('held', '2026-01-01T10:01:00.000Z');
  const resume = ev('resumed', '2026-01-01T10:02:00.000Z');
  const hangup = ev('disconnected', '2026-01-01T10:05:05.000Z');

  it('follows a call through ringing, talking, hold and end', () => {
    expect(fold([ring]).state).toBe('ringing');
    expect(fold([ring, answer]).state).toBe('connected');
    expect(fold([ring, answer, hold]).state).toBe('held');
    expect(fold([ring, answer, hold, resume]).state).toBe('connected');
    const done = fold([ring, answer, hold, resume, hangup]);
    expect(done).toMatchObject({
      state: 'ended',
      answeredAt: answer.eventTimestamp,
      endedAt: hangup.eventTimestamp,
    });
    expect(durationSeconds(done)).toBe(300);
  });

  it('calls an unanswered incoming call missed, an unanswered outgoing one ended', () => {
    expect(fold([ring, hangup]).state).toBe('missed');
    const out = { direction: 'outgoing' as const };
    expect(
      fold([
        ev('originated', ring.eventTimestamp, { ...out, state: 'connecting' }),
        ev('disconnected', hangup.eventTimestamp, out),
      ]).state,
    ).toBe('ended');
  });

  it('reaches the same end whatever order the events arrive in', () => {
    const inOrder = fold([ring, answer, hangup]);
    for (const order of [
      [hangup, answer, ring],
      [answer, ring, hangup],
      [hangup, ring, answer],
    ]) {
      const p = fold(order);
      expect(p.state).toBe('ended');
      expect(p.answeredAt).toBe(inOrder.answeredAt);
      expect(p.endedAt).toBe(inOrder.endedAt);
    }
  });

  it('never leaves the end state, and ignores an older hold after a newer resume', () => {
    expect(fold([ring, hangup, answer, hold]).state).toBe('ended');
    expect(fold([ring, answer, resume, hold]).state).toBe('connected');
  });

  it('reports unchanged for a repeated event and for events with no known state', () => {
    const p = fold([ring, answer]);
    expect(advanceCall(p, answer).changed).toBe(false);
    expect(advanceCall(p, ev('recording', '2026-01-01T10:00:30.000Z')).changed).toBe(false);
  });

  it('uses the state field of unknown event types', () => {
    expect(
      fold([ring, ev('someFutureEvent', '2026-01-01T10:00:10.000Z', { state: 'connected' })]).state,
    ).toBe('connected');
  });

  it('fills in the end of a call closed as "Ende unbekannt" when the end event comes late', () => {
    const closed: CallProgress = { ...fold([ring, answer]), state: 'ended', endedAt: null };
    const { next, changed } = advanceCall(closed, hangup);
    expect(changed).toBe(true);
    expect(next).toMatchObject({ state: 'ended', endedAt: hangup.eventTimestamp });
    expect(durationSeconds(next)).toBe(300);
    const missed: CallProgress = { ...fold([ring]), state: 'missed', endedAt: null };
    expect(advanceCall(missed, hangup).next).toMatchObject({
      state: 'missed',
      endedAt: hangup.eventTimestamp,
    });
  });
});
