import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { consentHistory } from './consentRecorder.ts';
import { findTraces, type Subject } from './personTraces.ts';

const parseJson = (s: string | null): unknown => {
  if (s === null) return null;
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
};

/** Everything CallBridge stores about a person (Art. 15 DSGVO), as one JSON document. */
export interface PersonExport {
  format: 'callbridge-auskunft/1';
  createdAt: string;
  subject: { kind: 'lead' | 'candidate' | 'phone'; id?: string; phone?: string };
  records: {
    type: 'lead' | 'candidate';
    id: string;
    data: Record<string, unknown>;
    phoneNumbers: { e164: string; raw: string }[];
  }[];
  calls: Record<string, unknown>[];
  notes: Record<string, unknown>[];
  /** Call notes being typed (saved as drafts). */
  noteDrafts: Record<string, unknown>[];
  recordings: Record<string, unknown>[];
  suggestions: Record<string, unknown>[];
  tasks: Record<string, unknown>[];
  /** Assignments, corrections, decisions on the record. */
  history: Record<string, unknown>[];
  consentHistory: Record<string, unknown>[];
  auditEntries: Record<string, unknown>[];
  liveEvents: Record<string, unknown>[];
  webhookDeliveries: Record<string, unknown>[];
}

export async function exportPerson(db: Kysely<DB>, subject: Subject): Promise<PersonExport> {
  const t = await findTraces(db, subject);
  const records: PersonExport['records'] = [];
  for (const p of t.people) {
    const data =
      p.type === 'lead'
        ? await db.selectFrom('leads').selectAll().where('id', '=', p.id).executeTakeFirst()
        : await db.selectFrom('candidates').selectAll().where('id', '=', p.id).executeTakeFirst();
    if (!data) continue;
    const phoneNumbers = await db
      .selectFrom('phone_numbers')
      .select(['e164', 'raw'])
      .where('record_type', '=', p.type)
      .where('record_id', '=', p.id)
      .execute();
    records.push({ type: p.type, id: p.id, data: { ...data }, phoneNumbers });
  }
  const inIds = async <T extends keyof DB>(table: T, ids: (string | number)[], order: string) =>
    ids.length
      ? ((await db
          .selectFrom(table as 'calls')
          .selectAll()
          .where('id' as 'id', 'in', ids as string[])
          .orderBy(order as 'id')
          .execute()) as unknown as Record<string, unknown>[])
      : [];
  const recordings = (await inIds('recordings', t.recordingIds, 'created_at')).map((r) => ({
    id: r['id'],
    receivedAt: r['created_at'],
    callDate: r['call_date'],
    number: r['remote_number'],
    step: r['step'],
    status: r['status'],
    transcript: r['transcript'],
    extraction: parseJson(r['extraction_json'] as string | null),
    deletedUnreadBecause: r['privacy_block'],
    deletedAtWebex: r['deleted_at_webex'],
    deletionConfirmation: r['deletion_confirmation'],
  }));
  const consent = [];
  for (const p of t.people) consent.push(...(await consentHistory(db, p)).map((e) => ({ ...e, record: p })));
  const callOnly = t.callIds.length
    ? await db
        .selectFrom('consent_events')
        .selectAll()
        .where('call_id', 'in', t.callIds)
        .where('record_id', 'is', null)
        .execute()
    : [];
  consent.push(
    ...callOnly.map((e) => ({
      id: e.id,
      kind: e.kind,
      channel: e.channel,
      note: e.note,
      at: e.at,
      byUserId: e.by_user_id,
      callId: e.call_id,
    })),
  );
  const audit = t.recordingIds.length
    ? await db
        .selectFrom('recording_audit')
        .selectAll()
        .where('recording_id', 'in', t.recordingIds)
        .orderBy('id')
        .execute()
    : [];
  const live = await inIds('live_events', t.liveEventIds, 'id');
  const deliveries = await inIds('webhook_deliveries', t.deliveryIds, 'id');
  return {
    format: 'callbridge-auskunft/1',
    createdAt: new Date().toISOString(),
    subject:
      'person' in subject
        ? { kind: subject.person.type, id: subject.person.id }
        : { kind: 'phone', phone: subject.phone },
    records,
    calls: await inIds('calls', t.callIds, 'started_at'),
    notes: await inIds('timeline_entries', t.timelineIds, 'created_at'),
    noteDrafts: t.callIds.length
      ? await db.selectFrom('call_note_drafts').selectAll().where('call_id', 'in', t.callIds).execute()
      : [],
    recordings,
    suggestions: await inIds('suggestions', t.suggestionIds, 'created_at'),
    tasks: await inIds('tasks', t.taskIds, 'created_at'),
    history: await inIds('record_events', t.recordEventIds, 'occurred_at'),
    consentHistory: consent,
    auditEntries: audit.map((a) => ({ ...a, id: Number(a.id) })),
    liveEvents: live.map((e) => ({
      id: Number(e['id']),
      type: e['type'],
      at: e['created_at'],
      payload: parseJson(e['payload'] as string),
    })),
    webhookDeliveries: deliveries.map((d) => ({
      id: Number(d['id']),
      receivedAt: d['received_at'],
      resource: d['resource'],
      event: d['event'],
      body: parseJson(d['body'] as string),
    })),
  };
}
