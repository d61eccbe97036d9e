import type { Kysely } from 'kysely';
import { matchNumber } from '../crm/recordMatcher.ts';
import type { DB, PrivacyBlock, Recording } from '../db/schema.ts';
import { consentStateOf, foldConsent } from './consentRecorder.ts';
import type { PersonRef } from './subjects.ts';

export type ConsentMode = 'objection' | 'consent';

export const BLOCK_LABELS: Record<PrivacyBlock, string> = {
  objection: 'Widerspruch – ungelesen gelöscht',
  no_consent: 'Keine Einwilligung – ungelesen gelöscht',
  unknown_caller: 'Unbekannter Anrufer ohne Einwilligung – ungelesen gelöscht',
  erased: 'Person gelöscht (Art. 17) – bei Webex gelöscht',
};

/** Whose call a recording is: the calls of its session, and the people on them or with its number. */
export async function recordingSubjects(
  db: Kysely<DB>,
  rec: Pick<Recording, 'details_json' | 'remote_number'>,
): Promise<{ callIds: string[]; people: PersonRef[] }> {
  const details = rec.details_json
    ? (JSON.parse(rec.details_json) as { serviceData?: { callSessionId?: string | null } })
    : null;
  const session = details?.serviceData?.callSessionId;
  const calls = session
    ? await db
        .selectFrom('calls')
        .select(['id', 'matched_type', 'matched_id'])
        .where('call_session_id', '=', session)
        .execute()
    : [];
  const people = new Map<string, PersonRef>();
  for (const c of calls)
    if (c.matched_type && c.matched_id)
      people.set(`${c.matched_type}:${c.matched_id}`, { type: c.matched_type, id: c.matched_id });
  if (rec.remote_number)
    for (const m of await matchNumber(db, rec.remote_number))
      people.set(`${m.type}:${m.id}`, { type: m.type, id: m.id });
  return { callIds: calls.map((c) => c.id), people: [...people.values()] };
}

/**
 * Decides, before anything of a recording is downloaded, whether it may be read at all (§ 201 StGB).
 * `objection` mode: not if anyone on the call (or the call itself, set on the call screen) objected.
 * `consent` mode: only if the caller is known and everyone consented (or consent was given on the call
 * screen), and nobody objected. Several people with the same number: the strictest answer wins.
 */
export async function recordingConsentGate(
  db: Kysely<DB>,
  mode: ConsentMode,
  rec: Pick<Recording, 'details_json' | 'remote_number'>,
): Promise<PrivacyBlock | null> {
  const { callIds, people } = await recordingSubjects(db, rec);
  const callEvents = callIds.length
    ? await db
        .selectFrom('consent_events')
        .select(['kind', 'at'])
        .where('call_id', 'in', callIds)
        .where('record_id', 'is', null)
        .execute()
    : [];
  const onCall = foldConsent(callEvents);
  const states = [];
  for (const p of people) {
    states.push(await consentStateOf(db, p));
  }
  if (onCall.objected || states.some((s) => s.objected)) return 'objection';
  if (mode === 'objection') return null;
  if (onCall.consented) return null;
  if (states.length === 0) return 'unknown_caller';
  return states.every((s) => s.consented) ? null : 'no_consent';
}
