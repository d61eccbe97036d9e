import type { Kysely } from 'kysely';

interface Tables {
  timeline_entries: {
    id: string;
    record_type: string;
    record_id: string;
    recording_id: string | null;
    call_id: string | null;
    occurred_at: string | null;
    created_at: string;
  };
  recordings: { id: string; details_json: string | null };
  calls: {
    id: string;
    call_session_id: string | null;
    started_at: string;
    matched_type: string | null;
    matched_id: string | null;
  };
}

/**
 * Notes assigned from "Nicht zugeordnet" before this version had no call: they get their call (found by
 * Webex's call session), are dated by it, and the call joins the record, so the call list no longer
 * shows it as "nicht zugeordnet". Notes without a known call are dated by when Webex recorded them.
 */
export async function up(raw: Kysely<unknown>): Promise<void> {
  const db = raw as unknown as Kysely<Tables>;
  const entries = await db
    .selectFrom('timeline_entries as t')
    .innerJoin('recordings as r', 'r.id', 't.recording_id')
    .select(['t.id', 't.record_type', 't.record_id', 't.created_at', 'r.details_json'])
    .where('t.call_id', 'is', null)
    .execute();
  for (const e of entries) {
    let details: { timeRecorded?: string; serviceData?: { callSessionId?: string | null } } | null = null;
    try {
      details = e.details_json ? JSON.parse(e.details_json) : null;
    } catch {
      details = null;
    }
    const session = details?.serviceData?.callSessionId;
    const call = session
      ? await db
          .selectFrom('calls')
          .select(['id', 'started_at', 'matched_id'])
          .where('call_session_id', '=', session)
          .orderBy('started_at')
          .executeTakeFirst()
      : undefined;
    await db
      .updateTable('timeline_entries')
      .set({
        call_id: call?.id ?? null,
        occurred_at: call?.started_at ?? details?.timeRecorded ?? e.created_at,
      })
      .where('id', '=', e.id)
      .execute();
    if (call && call.matched_id === null)
      await db
        .updateTable('calls')
        .set({ matched_type: e.record_type, matched_id: e.record_id })
        .where('id', '=', call.id)
        .execute();
  }
}
