import type { Kysely } from 'kysely';
import type { DB, PrivacyBlock } from '../db/schema.ts';
import { type ConsentMode, recordingConsentGate } from './recordingConsentGate.ts';

export interface CallConsentState {
  mode: ConsentMode;
  /** Why this call's recording would be deleted unread; null: it may be recorded and transcribed. */
  block: PrivacyBlock | null;
  /** What the pop-up and the call screen show while the phone rings; null when nothing is to do. */
  label: string | null;
}

const LABELS: Partial<Record<PrivacyBlock, string>> = {
  objection: 'Widerspruch: Aufzeichnung ausschalten',
  no_consent: 'Keine Einwilligung: Aufzeichnung ausschalten',
  unknown_caller: 'Keine Einwilligung: Aufzeichnung ausschalten',
};

/** The same decision the recording pipeline will take for this call's recording, known while it rings. */
export async function callConsentState(
  db: Kysely<DB>,
  mode: ConsentMode,
  callId: string,
): Promise<CallConsentState | null> {
  const call = await db
    .selectFrom('calls')
    .select(['call_session_id', 'remote_number'])
    .where('id', '=', callId)
    .executeTakeFirst();
  if (!call) return null;
  const block = await recordingConsentGate(db, mode, {
    details_json: call.call_session_id
      ? JSON.stringify({ serviceData: { callSessionId: call.call_session_id } })
      : null,
    remote_number: call.remote_number,
  });
  return { mode, block, label: block ? (LABELS[block] ?? null) : null };
}
