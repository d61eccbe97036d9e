import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { DB, RecordingStep } from '../db/schema.ts';
import { requeueJob } from '../jobs/jobQueue.ts';
import type { PersonTraces } from './personTraces.ts';

const ERASED_BODY = '{"erased":"Art. 17 DSGVO"}';

export interface ErasureSummary {
  records: number;
  phoneNumbers: number;
  calls: number;
  notes: number;
  noteDrafts: number;
  recordings: number;
  recordingsToDeleteAtWebex: number;
  suggestions: number;
  tasks: number;
  consentEntries: number;
  historyEntries: number;
  liveEvents: number;
  webhookDeliveries: number;
  forwardsCancelled: number;
}

/**
 * How the erasure reaches a recording's step jobs: recordings/ provides it (`recordingStepJobs`), so
 * privacy/ does not import the pipeline that itself asks privacy/ for consent.
 */
export interface RecordingStepJobs {
  key(recordingId: string, step: RecordingStep): string;
  enqueue(trx: Transaction<DB>, recordingId: string, step: RecordingStep): Promise<unknown>;
}

const n = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint }) =>
  Number(r.numDeletedRows ?? r.numUpdatedRows ?? 0);

/** Removes every trace in the caller's transaction; leaves call and recording rows without personal data. */
export async function eraseTraces(
  trx: Transaction<DB>,
  t: PersonTraces,
  recordingSteps: RecordingStepJobs,
): Promise<ErasureSummary> {
  const now = new Date().toISOString();
  const leadIds = t.people.filter((p) => p.type === 'lead').map((p) => p.id);
  const candidateIds = t.people.filter((p) => p.type === 'candidate').map((p) => p.id);
  // A step claimed after the erasure checked for running ones would commit what it read of the person
  // afterwards (a transcript, a note). Its job is finished here, first: its completion then fails and its
  // result is dropped; only the deletion goes on. First, because a step's commit also takes its job's
  // row before the candidate's and the recording's: in the other order the two could deadlock.
  const stepKeys = t.recordingIds.flatMap((id) =>
    (['details', 'download', 'transcribe', 'extract', 'apply'] as const).map((s) =>
      recordingSteps.key(id, s),
    ),
  );
  for (let i = 0; i < stepKeys.length; i += 500)
    await trx
      .updateTable('jobs')
      .set({
        status: 'done',
        lease_until: null,
        claim_token: null,
        last_error: 'Löschung nach Art. 17',
        finished_at: now,
        updated_at: now,
      })
      .where('key', 'in', stepKeys.slice(i, i + 500))
      .where('status', 'in', ['queued', 'running'])
      .execute();
  const del = async (
    table: 'timeline_entries' | 'suggestions' | 'tasks' | 'consent_events' | 'record_events',
    ids: string[],
  ) => (ids.length ? n(await trx.deleteFrom(table).where('id', 'in', ids).executeTakeFirst()) : 0);

  let phoneNumbers = 0;
  for (const p of t.people)
    phoneNumbers += n(
      await trx
        .deleteFrom('phone_numbers')
        .where('record_type', '=', p.type)
        .where('record_id', '=', p.id)
        .executeTakeFirst(),
    );
  if (t.numbers.length)
    phoneNumbers += n(
      await trx.deleteFrom('phone_numbers').where('e164', 'in', t.numbers).executeTakeFirst(),
    );
  const calls = t.callIds.length
    ? n(
        await trx
          .updateTable('calls')
          .set({
            remote_number: null,
            remote_name: null,
            notes: null,
            matched_type: null,
            matched_id: null,
            record_confirmed: 0,
            updated_at: now,
          })
          .where('id', 'in', t.callIds)
          .executeTakeFirst(),
      )
    : 0;
  const drafts = t.callIds.length
    ? n(await trx.deleteFrom('call_note_drafts').where('call_id', 'in', t.callIds).executeTakeFirst())
    : 0;
  const notes = await del('timeline_entries', t.timelineIds);
  const suggestions = await del('suggestions', t.suggestionIds);
  const tasks = await del('tasks', t.taskIds);
  const consentEntries = await del('consent_events', t.consentIds);
  const historyEntries = await del('record_events', t.recordEventIds);
  // A recording of one of these calls that Webex reports only now must not bring the person back: it is
  // deleted unread like one the caller objected to. The marker names no one.
  for (const callId of t.callIds)
    await trx
      .insertInto('consent_events')
      .values({
        id: randomUUID(),
        record_type: null,
        record_id: null,
        call_id: callId,
        kind: 'objection',
        channel: 'formular',
        note: 'Löschung nach Art. 17',
        by_user_id: null,
        at: now,
      })
      .execute();
  // Other records' history may name this person: a call moved away from them says "(war bei Kandidat
  // „Vorname Nachname“)". The entry stays with its record, the name goes.
  await scrubNamesInHistory(trx, t);
  // After what refers to them (suggestions cascade with their candidate and would go uncounted).
  let records = 0;
  if (leadIds.length)
    records += n(await trx.deleteFrom('leads').where('id', 'in', leadIds).executeTakeFirst());
  if (candidateIds.length)
    records += n(await trx.deleteFrom('candidates').where('id', 'in', candidateIds).executeTakeFirst());

  const liveEvents = t.liveEventIds.length
    ? n(await trx.deleteFrom('live_events').where('id', 'in', t.liveEventIds).executeTakeFirst())
    : 0;
  let webhookDeliveries = 0;
  if (t.deliveryIds.length) {
    // The row stays (its dedup key keeps a redelivery from being applied again), its body goes.
    webhookDeliveries = n(
      await trx
        .updateTable('webhook_deliveries')
        .set({ body: ERASED_BODY, outcome: 'gelöscht (Art. 17)' })
        .where('id', 'in', t.deliveryIds)
        .executeTakeFirst(),
    );
    await trx
      .updateTable('webhook_deliveries')
      .set({ status: 'ignored' })
      .where('id', 'in', t.deliveryIds)
      .where('status', '=', 'pending')
      .execute();
  }

  let recordingsToDeleteAtWebex = 0;
  let forwardsCancelled = 0;
  if (t.recordingIds.length) {
    await trx
      .updateTable('recordings')
      .set({
        details_json: null,
        transcript: null,
        extraction_json: null,
        flags_json: null,
        remote_number: null,
        record_type: null,
        record_id: null,
        audio_path: null,
        inbox: 0,
        last_error: null,
        updated_at: now,
      })
      .where('id', 'in', t.recordingIds)
      .execute();
    const atWebex = await trx
      .selectFrom('recordings')
      .select('id')
      .where('id', 'in', t.recordingIds)
      .where('deleted_at_webex', 'is', null)
      .execute();
    for (const r of atWebex) {
      await trx
        .updateTable('recordings')
        .set({
          privacy_block: 'erased',
          privacy_blocked_at: now,
          step: 'delete',
          status: 'pending',
          attempts: 0,
          next_attempt_at: now,
        })
        .where('id', '=', r.id)
        .execute();
      const existing = await trx
        .selectFrom('jobs')
        .select('id')
        .where('key', '=', recordingSteps.key(r.id, 'delete'))
        .executeTakeFirst();
      if (existing) await requeueJob(trx, existing.id);
      else await recordingSteps.enqueue(trx, r.id, 'delete');
    }
    recordingsToDeleteAtWebex = atWebex.length;
    const keys = t.recordingIds.flatMap((id) => [`legacy:${id}:apply`, `legacy:${id}:assigned`]);
    forwardsCancelled = n(
      await trx
        .deleteFrom('jobs')
        .where('key', 'in', keys)
        .where('status', 'in', ['queued', 'failed'])
        .executeTakeFirst(),
    );
  }
  return {
    records,
    phoneNumbers,
    calls,
    notes,
    noteDrafts: drafts,
    recordings: t.recordingIds.length,
    recordingsToDeleteAtWebex,
    suggestions,
    tasks,
    consentEntries,
    historyEntries,
    liveEvents,
    webhookDeliveries,
    forwardsCancelled,
  };
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Replaces the quoted name of each erased person in the history of the records that remain. */
async function scrubNamesInHistory(trx: Transaction<DB>, t: PersonTraces): Promise<void> {
  const names: string[] = [];
  for (const p of t.people) {
    if (p.type === 'lead') {
      const l = await trx.selectFrom('leads').select('company').where('id', '=', p.id).executeTakeFirst();
      if (l?.company) names.push(l.company);
    } else {
      const c = await trx
        .selectFrom('candidates')
        .select(['first_name', 'last_name'])
        .where('id', '=', p.id)
        .executeTakeFirst();
      if (c) names.push(`${c.first_name} ${c.last_name}`);
    }
  }
  for (const name of names) {
    const quoted = `„${name}“`;
    await trx
      .updateTable('record_events')
      .set({ text: sql<string>`replace(${sql.ref('text')}, ${quoted}, ${'„gelöscht (Art. 17)“'})` })
      .where(sql<boolean>`${sql.ref('text')} like ${`%${likeEscape(quoted)}%`} escape '\\'`)
      .execute();
  }
}
