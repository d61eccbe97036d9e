import type { Kysely } from 'kysely';
import { type MatchedRecord, matchNumber } from '../crm/recordMatcher.ts';
import type { Call, DB } from '../db/schema.ts';
import { formatNumber } from '../phone/phoneNumber.ts';
import { durationSeconds } from './callStateMachine.ts';

/** The shape of a call in live events and the JSON API. */
export interface CallView {
  id: string;
  state: Call['state'];
  direction: Call['direction'];
  number: string | null;
  numberDisplay: string;
  remoteName: string | null;
  match: MatchedRecord | null;
  /** Other records with the caller's number while nobody chose one (the pop-up offers the choice). */
  alternatives: MatchedRecord[];
  /** The matched record is certain: the number's only record, or chosen by a person. */
  recordConfirmed: boolean;
  userId: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  /** The call was closed without Webex reporting its end ("Ende unbekannt"). */
  endUnknown: boolean;
}

export function toCallView(
  call: Call,
  match: MatchedRecord | null,
  alternatives: MatchedRecord[] = [],
): CallView {
  return {
    id: call.id,
    state: call.state,
    direction: call.direction,
    number: call.remote_number,
    numberDisplay: call.remote_number ? formatNumber(call.remote_number) : 'Nummer unterdrückt',
    remoteName: call.remote_name,
    match,
    alternatives,
    recordConfirmed: call.record_confirmed === 1,
    userId: call.user_id,
    startedAt: call.started_at,
    answeredAt: call.answered_at,
    endedAt: call.ended_at,
    durationSeconds: durationSeconds({ answeredAt: call.answered_at, endedAt: call.ended_at }),
    endUnknown: (call.state === 'ended' || call.state === 'missed') && call.ended_at === null,
  };
}

export async function recordSummary(
  db: Kysely<DB>,
  type: 'lead' | 'candidate' | null,
  id: string | null,
): Promise<MatchedRecord | null> {
  if (!type || !id) return null;
  if (type === 'lead') {
    const l = await db
      .selectFrom('leads')
      .select(['id', 'company', 'contact_person'])
      .where('id', '=', id)
      .executeTakeFirst();
    return l ? { type, id, title: l.company, subtitle: l.contact_person } : null;
  }
  const c = await db
    .selectFrom('candidates')
    .select(['id', 'first_name', 'last_name', 'position'])
    .where('id', '=', id)
    .executeTakeFirst();
  return c ? { type, id, title: `${c.first_name} ${c.last_name}`, subtitle: c.position } : null;
}

/**
 * A stored call as pop-ups and pages show it: its record and, while nobody chose among several records
 * with the number, the others (`alternatives: false` leaves them out, e.g. for lists).
 */
export async function describeCall(
  db: Kysely<DB>,
  call: Call,
  opts: { alternatives?: boolean } = {},
): Promise<CallView> {
  const match = await recordSummary(db, call.matched_type, call.matched_id);
  if (opts.alternatives === false || call.record_confirmed === 1 || !call.remote_number || !match)
    return toCallView(call, match);
  const all = await matchNumber(db, call.remote_number);
  const others = all.filter((m) => !(m.type === match.type && m.id === match.id));
  return toCallView(call, match, others.slice(0, 4));
}
