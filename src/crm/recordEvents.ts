import type { Kysely, Transaction } from 'kysely';
import type { DB, RecordEventsTable } from '../db/schema.ts';
import { newId } from '../shared/ids.ts';
import type { RecordType } from './phoneIndex.ts';

/** One line of a record's history (assignment, move, correction, decision) shown in its timeline. */
export async function addRecordEvent(
  db: Kysely<DB> | Transaction<DB>,
  e: {
    record: { type: RecordType; id: string };
    kind: RecordEventsTable['kind'];
    text: string;
    callId?: string | null;
    recordingId?: string | null;
    userId?: string | null;
    occurredAt?: string;
  },
): Promise<void> {
  await db
    .insertInto('record_events')
    .values({
      id: newId(),
      record_type: e.record.type,
      record_id: e.record.id,
      kind: e.kind,
      text: e.text,
      call_id: e.callId ?? null,
      recording_id: e.recordingId ?? null,
      user_id: e.userId ?? null,
      occurred_at: e.occurredAt ?? new Date().toISOString(),
    })
    .execute();
}
