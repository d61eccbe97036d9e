import type { Transaction } from 'kysely';
import { matchNumber } from '../crm/recordMatcher.ts';
import { forUpdate } from '../db/dialect.ts';
import type { Call, DB } from '../db/schema.ts';
import type { LiveEventDraft } from '../live/eventBus.ts';
import { normalizePhone, type PhoneRules } from '../phone/phoneNumber.ts';
import { newId } from '../shared/ids.ts';
import { audienceOf } from './callAudience.ts';
import { advanceCall, type CallProgress, startCall } from './callStateMachine.ts';
import { recordSummary, toCallView } from './callView.ts';
import type { TelephonyEvent } from './telephonyEvent.ts';

const OPENING_EVENTS = new Set(['alerting', 'originated', 'received']);

export interface RecordOutcome {
  outcome: 'created' | 'updated' | 'unchanged' | 'ignored_short_number' | 'ignored_long_number';
  callId: string | null;
  /** The pop-up's event; the caller appends it, last in its transaction. */
  live: LiveEventDraft | null;
}

const progressOf = (c: Call): CallProgress => ({
  state: c.state,
  direction: c.direction,
  startedAt: c.started_at,
  answeredAt: c.answered_at,
  endedAt: c.ended_at,
  lastEventAt: c.last_event_at,
});

/**
 * Applies one call event inside the caller's transaction: creates or advances the call, matches the
 * caller's number to a lead or candidate on first sight, routes it to the user whose line it is, and
 * returns the live event the pop-up shows.
 */
export async function recordCallEvent(
  trx: Transaction<DB>,
  deps: { rules: PhoneRules },
  e: TelephonyEvent,
): Promise<RecordOutcome> {
  const number = normalizePhone(e.remoteNumber, deps.rules);
  if (number.kind === 'ignored' && number.reason === 'too_short') {
    return { outcome: 'ignored_short_number', callId: null, live: null };
  }
  if (number.kind === 'ignored' && number.reason === 'too_long') {
    return { outcome: 'ignored_long_number', callId: null, live: null };
  }
  const e164 = number.kind === 'number' ? number.e164 : null;

  // A call's first event is usually the ringing one: try to create the call straight away (one query
  // saved on the hot path); if it exists after all, the insert changes nothing and it is advanced below.
  if (!OPENING_EVENTS.has(e.eventType)) {
    const existing = await selectCall(trx, e);
    if (existing) return advance(trx, existing, e);
  }

  const progress = startCall(e);
  const matches = e164 ? await matchNumber(trx, e164) : [];
  const now = new Date().toISOString();
  const call: Call = {
    id: newId(),
    webex_call_id: e.callId,
    actor_person_id: e.actorPersonId,
    call_session_id: e.callSessionId,
    user_id: null,
    direction: progress.direction,
    state: progress.state,
    remote_number: e164,
    remote_name: e.remoteName,
    remote_call_type: e.remoteCallType,
    matched_type: matches[0]?.type ?? null,
    matched_id: matches[0]?.id ?? null,
    record_confirmed: matches.length === 1 ? 1 : 0,
    started_at: progress.startedAt,
    answered_at: progress.answeredAt,
    ended_at: progress.endedAt,
    last_event_at: progress.lastEventAt,
    notes: null,
    created_at: now,
    updated_at: now,
  };
  // The call goes to the user whose line it is; looked up inside the insert to save a round trip.
  const inserted = await trx
    .insertInto('calls')
    .values((eb) => ({
      ...call,
      user_id: eb
        .selectFrom('users')
        .select('id')
        .where('webex_person_id', '=', e.actorPersonId)
        .where('disabled', '=', 0)
        .limit(1),
    }))
    .onConflict((oc) => oc.columns(['webex_call_id', 'actor_person_id']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  if (!inserted) {
    // The call exists (a repeated opening event, or another instance created it between our read and
    // insert): fold this event into it.
    const raced = await selectCall(trx, e);
    if (!raced) throw new Error('call vanished during concurrent insert');
    return advance(trx, raced, e);
  }
  call.user_id = inserted.user_id;
  const live: LiveEventDraft = {
    userId: audienceOf(call),
    type: 'call',
    payload: toCallView(call, matches[0] ?? null, matches.slice(1, 5)),
  };
  return { outcome: 'created', callId: call.id, live };
}

async function selectCall(trx: Transaction<DB>, e: TelephonyEvent): Promise<Call | undefined> {
  return forUpdate(
    trx,
    trx
      .selectFrom('calls')
      .selectAll()
      .where('webex_call_id', '=', e.callId)
      .where('actor_person_id', '=', e.actorPersonId),
  ).executeTakeFirst();
}

async function advance(trx: Transaction<DB>, call: Call, e: TelephonyEvent): Promise<RecordOutcome> {
  const { next, changed } = advanceCall(progressOf(call), e);
  if (!changed) return { outcome: 'unchanged', callId: call.id, live: null };
  const updated: Call = {
    ...call,
    state: next.state,
    direction: next.direction,
    started_at: next.startedAt,
    answered_at: next.answeredAt,
    ended_at: next.endedAt,
    last_event_at: next.lastEventAt,
    call_session_id: call.call_session_id ?? e.callSessionId,
    updated_at: new Date().toISOString(),
  };
  await trx
    .updateTable('calls')
    .set({
      state: updated.state,
      direction: updated.direction,
      started_at: updated.started_at,
      answered_at: updated.answered_at,
      ended_at: updated.ended_at,
      last_event_at: updated.last_event_at,
      call_session_id: updated.call_session_id,
      updated_at: updated.updated_at,
    })
    .where('id', '=', call.id)
    .execute();
  const match = await recordSummary(trx, call.matched_type, call.matched_id);
  const live: LiveEventDraft = {
    userId: audienceOf(updated),
    type: 'call',
    payload: toCallView(updated, match),
  };
  return { outcome: 'updated', callId: call.id, live };
}
