import { type Kysely, sql } from 'kysely';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { matchNumber } from '../crm/recordMatcher.ts';
import type { DB } from '../db/schema.ts';
import type { PersonRef } from './subjects.ts';

/** Whom an export or erasure is about: a record, or everything that carries a number. */
export type Subject = { person: PersonRef } | { phone: string };

/** The ids of everything stored about a subject; exporter and eraser read and remove exactly these. */
export interface PersonTraces {
  people: PersonRef[];
  numbers: string[];
  callIds: string[];
  webexCallIds: string[];
  callSessions: string[];
  recordingIds: string[];
  timelineIds: string[];
  suggestionIds: string[];
  taskIds: string[];
  consentIds: string[];
  recordEventIds: string[];
  liveEventIds: number[];
  deliveryIds: number[];
}

const CHUNK = 200;
const chunks = <T>(xs: T[]) =>
  Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));
const uniq = <T>(xs: T[]) => [...new Set(xs)];
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * What a number looks like inside a stored body: without country code or trunk prefix, so `+49561…`,
 * `0049561…` and `0561…` are all found.
 */
export function numberNeedles(e164: string): string[] {
  const parsed = parsePhoneNumberFromString(e164);
  const national = parsed?.nationalNumber ? String(parsed.nationalNumber) : e164.replace(/\D/g, '');
  // Shorter digit strings would match unrelated ids and numbers inside the bodies.
  return uniq([national, e164].filter((s) => s.replace(/\D/g, '').length >= 6));
}

/** Rows of a table whose text column contains any of the needles (LIKE, chunked). */
async function rowsContaining(
  db: Kysely<DB>,
  table: 'live_events' | 'webhook_deliveries',
  column: 'payload' | 'body',
  needles: string[],
): Promise<number[]> {
  const found = new Set<number>();
  for (const part of chunks(uniq(needles).filter(Boolean))) {
    if (part.length === 0) continue;
    const rows = await db
      .selectFrom(table)
      .select('id')
      .where((eb) =>
        eb.or(part.map((n) => sql<boolean>`${sql.ref(column)} like ${`%${likeEscape(n)}%`} escape '\\'`)),
      )
      .execute();
    for (const r of rows) found.add(Number(r.id));
  }
  return [...found];
}

export async function findTraces(db: Kysely<DB>, subject: Subject): Promise<PersonTraces> {
  const people: PersonRef[] = [];
  const numbers: string[] = [];
  if ('person' in subject) people.push(subject.person);
  else {
    numbers.push(subject.phone);
    for (const m of await matchNumber(db, subject.phone)) people.push({ type: m.type, id: m.id });
  }
  for (const p of people) {
    const rows = await db
      .selectFrom('phone_numbers')
      .select('e164')
      .where('record_type', '=', p.type)
      .where('record_id', '=', p.id)
      .execute();
    numbers.push(...rows.map((r) => r.e164));
  }
  const nums = uniq(numbers);
  const of = (t: 'lead' | 'candidate') => people.filter((p) => p.type === t).map((p) => p.id);
  const leadIds = of('lead');
  const candidateIds = of('candidate');
  /** The rows that belong to these leads and candidates, by a table's type and id columns (terms of an `or`). */
  const ofPeople = (typeCol: 'matched_type' | 'record_type', idCol: 'matched_id' | 'record_id') =>
    (
      [
        ['lead', leadIds],
        ['candidate', candidateIds],
      ] as const
    )
      .filter(([, ids]) => ids.length)
      .map(
        ([type, ids]) =>
          sql<boolean>`(${sql.ref(typeCol)} = ${type} and ${sql.ref(idCol)} in (${sql.join(ids)}))`,
      );

  const calls = await db
    .selectFrom('calls')
    .select(['id', 'webex_call_id', 'call_session_id'])
    .where((eb) =>
      eb.or([
        ...ofPeople('matched_type', 'matched_id'),
        ...(nums.length ? [eb('remote_number', 'in', nums)] : []),
        sql<boolean>`1 = 0`,
      ]),
    )
    .execute();
  const callIds = calls.map((c) => c.id);
  const sessions = uniq(calls.map((c) => c.call_session_id).filter((s): s is string => !!s));

  const recordings = await db
    .selectFrom('recordings')
    .select(['id', 'details_json'])
    .where((eb) =>
      eb.or([
        ...ofPeople('record_type', 'record_id'),
        ...(nums.length ? [eb('remote_number', 'in', nums)] : []),
        sql<boolean>`1 = 0`,
      ]),
    )
    .execute();
  const recordingIds = new Set(recordings.map((r) => r.id));
  if (sessions.length) {
    // A recording of one of these calls whose number was withheld or differs.
    for (const part of chunks(sessions)) {
      const rows = await db
        .selectFrom('recordings')
        .select('id')
        .where((eb) => eb.or(part.map((s) => eb('details_json', 'like', `%${likeEscape(s)}%`))))
        .execute();
      for (const r of rows) recordingIds.add(r.id);
    }
  }
  const recIds = [...recordingIds];
  const webexRecordingIds = recIds.length
    ? (
        await db.selectFrom('recordings').select('webex_recording_id').where('id', 'in', recIds).execute()
      ).map((r) => r.webex_recording_id)
    : [];

  const byRecord = (table: 'timeline_entries' | 'tasks' | 'record_events') =>
    db
      .selectFrom(table as 'tasks')
      .select('id')
      .where((eb) =>
        eb.or([
          ...ofPeople('record_type', 'record_id'),
          ...(recIds.length ? [eb('recording_id', 'in', recIds)] : []),
          sql<boolean>`1 = 0`,
        ]),
      )
      .execute();
  const timeline = await byRecord('timeline_entries');
  const timelineByCall = callIds.length
    ? await db.selectFrom('timeline_entries').select('id').where('call_id', 'in', callIds).execute()
    : [];
  const tasks = await byRecord('tasks');
  const events = await byRecord('record_events');
  const tasksByCall = callIds.length
    ? await db.selectFrom('tasks').select('id').where('call_id', 'in', callIds).execute()
    : [];
  const eventsByCall = callIds.length
    ? await db.selectFrom('record_events').select('id').where('call_id', 'in', callIds).execute()
    : [];
  const suggestions = await db
    .selectFrom('suggestions')
    .select('id')
    .where((eb) =>
      eb.or([
        ...(candidateIds.length ? [eb('candidate_id', 'in', candidateIds)] : []),
        ...(recIds.length ? [eb('recording_id', 'in', recIds)] : []),
        sql<boolean>`1 = 0`,
      ]),
    )
    .execute();
  const consent = await db
    .selectFrom('consent_events')
    .select('id')
    .where((eb) =>
      eb.or([
        ...ofPeople('record_type', 'record_id'),
        ...(callIds.length ? [eb('call_id', 'in', callIds)] : []),
        sql<boolean>`1 = 0`,
      ]),
    )
    .execute();
  const needles = nums.flatMap(numberNeedles);
  const webexCallIds = calls.map((c) => c.webex_call_id);
  const liveEventIds = await rowsContaining(db, 'live_events', 'payload', [
    ...needles,
    ...callIds,
    ...people.map((p) => p.id),
  ]);
  const deliveryIds = await rowsContaining(db, 'webhook_deliveries', 'body', [
    ...needles,
    ...webexCallIds,
    ...sessions,
    ...webexRecordingIds,
  ]);
  return {
    people,
    numbers: nums,
    callIds,
    webexCallIds,
    callSessions: sessions,
    recordingIds: recIds,
    timelineIds: uniq([...timeline, ...timelineByCall].map((r) => r.id)),
    suggestionIds: suggestions.map((r) => r.id),
    taskIds: uniq([...tasks, ...tasksByCall].map((r) => r.id)),
    recordEventIds: uniq([...events, ...eventsByCall].map((r) => r.id)),
    consentIds: consent.map((r) => r.id),
    liveEventIds,
    deliveryIds,
  };
}
