import type { CallState } from '../db/schema.ts';
import type { TelephonyEvent } from './telephonyEvent.ts';

/** What a stored call looks like to the state machine. */
export interface CallProgress {
  state: CallState;
  direction: 'incoming' | 'outgoing' | 'unknown';
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  lastEventAt: string;
}

// Webex gives no ordering guarantee, so a call only ever moves forward: ringing → talking → over.
const RANK: Record<CallState, number> = { ringing: 1, connected: 2, held: 2, ended: 3, missed: 3 };

function stateOf(e: TelephonyEvent): CallState | null {
  switch (e.eventType) {
    case 'alerting':
      return 'ringing';
    case 'answered':
    case 'connected':
    case 'resumed':
      return 'connected';
    case 'held':
    case 'remoteHeld':
      return 'held';
    case 'disconnected':
    case 'forwarded':
      return 'ended';
    default:
      // Unknown event types (e.g. `recording`) may still carry a state we understand.
      switch (e.state) {
        case 'alerting':
        case 'connecting':
          return 'ringing';
        case 'connected':
          return 'connected';
        case 'held':
        case 'remoteHeld':
          return 'held';
        case 'disconnected':
          return 'ended';
        default:
          return null;
      }
  }
}

/** First event of a call. Returns null when the event says nothing about the call's state. */
export function startCall(e: TelephonyEvent): CallProgress {
  const initial = stateOf(e) ?? 'ringing';
  const answeredAt = e.answered ?? (initial === 'connected' || initial === 'held' ? e.eventTimestamp : null);
  const progress: CallProgress = {
    state: initial,
    direction: e.direction,
    startedAt: e.created ?? e.eventTimestamp,
    answeredAt,
    endedAt: null,
    lastEventAt: e.eventTimestamp,
  };
  return finish(progress, e, initial);
}

/**
 * Folds one more event into a call. Late events never move a call backwards, but their facts (when it
 * was answered, when it started) are still merged: a `connected` that arrives after `disconnected`
 * turns a "missed" call into an ended one.
 */
export function advanceCall(
  current: CallProgress,
  e: TelephonyEvent,
): { next: CallProgress; changed: boolean } {
  const next: CallProgress = { ...current };
  const incoming = stateOf(e);
  const answeredHint =
    e.answered ?? (incoming === 'connected' || incoming === 'held' ? e.eventTimestamp : null);
  if (answeredHint && (!next.answeredAt || answeredHint < next.answeredAt)) next.answeredAt = answeredHint;
  const startHint = e.created ?? e.eventTimestamp;
  if (startHint < next.startedAt) next.startedAt = startHint;
  if (next.direction === 'unknown' && e.direction !== 'unknown') next.direction = e.direction;

  if (incoming) {
    const forward = RANK[incoming] > RANK[current.state];
    const sameStageNewer =
      RANK[incoming] === RANK[current.state] && RANK[incoming] < 3 && e.eventTimestamp >= current.lastEventAt;
    if (forward || sameStageNewer) {
      next.state = incoming;
      if (e.eventTimestamp > current.lastEventAt) next.lastEventAt = e.eventTimestamp;
      finish(next, e, incoming);
    }
  }
  // A call closed without its end ("Ende unbekannt", src/calls/staleCallCloser.ts) takes the end time
  // of an end event that arrives after all.
  if (RANK[current.state] === 3 && current.endedAt === null && incoming && RANK[incoming] === 3)
    next.endedAt = e.disconnected ?? e.eventTimestamp;
  // A call that ended unanswered is missed until an answer shows up, even out of order.
  if (next.state === 'missed' && next.answeredAt) next.state = 'ended';
  const changed =
    next.state !== current.state ||
    next.answeredAt !== current.answeredAt ||
    next.endedAt !== current.endedAt ||
    next.startedAt !== current.startedAt;
  return { next, changed };
}

function finish(p: CallProgress, e: TelephonyEvent, state: CallState): CallProgress {
  if (state === 'ended') {
    p.endedAt = e.disconnected ?? e.eventTimestamp;
    p.state = p.answeredAt || p.direction === 'outgoing' ? 'ended' : 'missed';
  }
  return p;
}

export function durationSeconds(p: Pick<CallProgress, 'answeredAt' | 'endedAt'>): number | null {
  if (!p.answeredAt || !p.endedAt) return null;
  return Math.max(0, Math.round((Date.parse(p.endedAt) - Date.parse(p.answeredAt)) / 1000));
}
