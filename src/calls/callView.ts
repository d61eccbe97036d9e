import type { Kysely } from 'kysely';
import type { MatchedRecord } from '../crm/recordMatcher.ts';
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
  alternatives: MatchedRecord[];
  userId: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
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
    userId: call.user_id,
    startedAt: call.started_at,
    answeredAt: call.answered_at,
    endedAt: call.ended_at,
    durationSeconds: durationSeconds({ answeredAt: call.answered_at, endedAt: call.ended_at }),
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
