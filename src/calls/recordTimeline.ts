import type { Kysely, Selectable } from 'kysely';
import type { RecordType } from '../crm/phoneIndex.ts';
import type { Call, DB, RecordEventsTable } from '../db/schema.ts';
import { suggestionsOf } from '../recordings/candidateSuggestions.ts';
import { visibleCallsOf } from './callQueries.ts';
import { durationSeconds } from './callStateMachine.ts';

interface Base {
  /** When it happened (a call's start; a note, suggestion or task is dated by its call). */
  at: string;
  callId: string | null;
}
export type TimelineItem =
  | (Base & {
      kind: 'call';
      direction: Call['direction'];
      state: Call['state'];
      durationSeconds: number | null;
      userName: string | null;
      /** What the recruiter typed on the call screen. */
      note: string | null;
    })
  | (Base & {
      kind: 'note';
      id: string;
      recordingId: string | null;
      summary: string;
      nextSteps: string[];
      transcript: string | null;
    })
  | (Base & {
      kind: 'suggestion';
      id: string;
      field: string;
      suggested: string;
      current: string | null;
      status: 'open' | 'accepted' | 'rejected';
      decidedAt: string | null;
      quote: string | null;
    })
  | (Base & {
      kind: 'task';
      id: string;
      title: string;
      detail: string | null;
      due: string;
      doneAt: string | null;
      ownerName: string | null;
      mentions: number;
    })
  | (Base & { kind: 'event'; event: RecordEventsTable['kind']; text: string; userName: string | null });

/** Within one moment the call comes first, then what it produced. */
const RANK: Record<TimelineItem['kind'], number> = { event: 0, call: 1, note: 2, suggestion: 3, task: 4 };

/**
 * Everything that happened with a lead or candidate, newest first (here in calls/, as most of it hangs
 * off the record's calls; crm/ only names the record): its calls (with the recruiter's own
 * note), notes from recordings, suggestions, tasks and history events. Notes, suggestions and tasks
 * carry their call's time, not the time they were processed or assigned.
 */
export async function recordTimeline(
  db: Kysely<DB>,
  viewer: { id: string; isAdmin: boolean },
  record: { type: RecordType; id: string },
  limit = 200,
): Promise<TimelineItem[]> {
  // Notes and history events are rows of the record itself, dated by `occurred_at`.
  const newestOfRecord = <T extends 'timeline_entries' | 'record_events'>(table: T) =>
    db
      .selectFrom(table as 'timeline_entries' | 'record_events')
      .selectAll()
      .where('record_type', '=', record.type)
      .where('record_id', '=', record.id)
      .orderBy('occurred_at', 'desc')
      .limit(limit)
      .execute() as Promise<Selectable<DB[T]>[]>;
  const [calls, notes, suggestions, tasks, events, users] = await Promise.all([
    db
      .selectFrom('calls')
      .selectAll()
      .where('matched_type', '=', record.type)
      .where('matched_id', '=', record.id)
      .$if(!viewer.isAdmin, (q) => q.where((eb) => visibleCallsOf(eb, viewer)))
      .orderBy('started_at', 'desc')
      .limit(limit)
      .execute(),
    newestOfRecord('timeline_entries'),
    record.type === 'candidate' ? suggestionsOf(db, record.id).limit(limit).execute() : Promise.resolve([]),
    db
      .selectFrom('tasks as k')
      .leftJoin('timeline_entries as t', 't.recording_id', 'k.recording_id')
      .select([
        'k.id',
        'k.title',
        'k.detail',
        'k.due_date',
        'k.done_at',
        'k.owner_user_id',
        'k.mentions',
        'k.call_id',
        'k.created_at',
        't.occurred_at',
      ])
      .where('k.record_type', '=', record.type)
      .where('k.record_id', '=', record.id)
      .limit(limit)
      .execute(),
    newestOfRecord('record_events'),
    db.selectFrom('users').select(['id', 'display_name']).execute(),
  ]);
  const nameOf = (id: string | null) => (id ? (users.find((u) => u.id === id)?.display_name ?? null) : null);
  const items: TimelineItem[] = [
    ...calls.map(
      (c): TimelineItem => ({
        kind: 'call',
        at: c.started_at,
        callId: c.id,
        direction: c.direction,
        state: c.state,
        durationSeconds: durationSeconds({ answeredAt: c.answered_at, endedAt: c.ended_at }),
        userName: nameOf(c.user_id),
        note: c.notes,
      }),
    ),
    ...notes.map(
      (n): TimelineItem => ({
        kind: 'note',
        at: n.occurred_at ?? n.created_at,
        callId: n.call_id,
        id: n.id,
        recordingId: n.recording_id,
        summary: n.summary,
        nextSteps: JSON.parse(n.next_steps) as string[],
        transcript: n.transcript,
      }),
    ),
    ...suggestions.map(
      (s): TimelineItem => ({
        kind: 'suggestion',
        at: s.occurred_at ?? s.created_at,
        callId: s.call_id,
        id: s.id,
        field: s.field,
        suggested: s.suggested_value,
        current: s.current_value,
        status: s.status,
        decidedAt: s.decided_at,
        quote: s.evidence,
      }),
    ),
    ...tasks.map(
      (t): TimelineItem => ({
        kind: 'task',
        at: t.occurred_at ?? t.created_at,
        callId: t.call_id,
        id: t.id,
        title: t.title,
        detail: t.detail,
        due: t.due_date,
        doneAt: t.done_at,
        ownerName: nameOf(t.owner_user_id),
        mentions: t.mentions,
      }),
    ),
    ...events.map(
      (e): TimelineItem => ({
        kind: 'event',
        at: e.occurred_at,
        callId: e.call_id,
        event: e.kind,
        text: e.text,
        userName: nameOf(e.user_id),
      }),
    ),
  ];
  items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : RANK[a.kind] - RANK[b.kind]));
  return items.slice(0, limit);
}
