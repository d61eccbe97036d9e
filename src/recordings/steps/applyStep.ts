import type { Kysely } from 'kysely';
import type { Config } from '../../config/config.ts';
import { matchNumber } from '../../crm/recordMatcher.ts';
import type { DB, Recording } from '../../db/schema.ts';
import type { CallExtraction } from '../../extraction/index.ts';
import { applyCallNote } from '../callNoteApplier.ts';
import { enqueueLegacyForward } from '../noteForwarding.ts';
import { callOfRecording, callTimeOf, recruiterOfRecording } from '../recordingCall.ts';
import type { StepResult } from './stepResult.ts';
import { storedDetails } from './webexRecording.ts';

export interface ApplyStepDeps {
  db: Kysely<DB>;
  /** Whether (and where) applied notes are forwarded to the old backend. */
  config: Config;
}

/**
 * Writes the call note to the record the call was about, or leaves the recording in "Nicht
 * zugeordnet"; the note and the forward to the old backend commit with the step.
 */
export async function applyStep(deps: ApplyStepDeps, rec: Recording): Promise<StepResult> {
  const extraction = JSON.parse(rec.extraction_json!) as CallExtraction;
  const target = await targetOf(deps.db, rec);
  const call = await callOfRecording(deps.db, rec);
  const ownerUserId = await recruiterOfRecording(deps.db, rec, call);
  return {
    set: target
      ? {
          record_type: target.type,
          record_id: target.id,
          inbox: 0,
          applied_at: new Date().toISOString(),
        }
      : { inbox: 1, applied_at: new Date().toISOString() },
    next: 'delete',
    inTx: async (trx) => {
      if (target)
        await applyCallNote(trx, {
          recordingId: rec.id,
          callId: target.callId ?? call?.id ?? null,
          target,
          extraction,
          transcript: rec.transcript,
          occurredAt: callTimeOf(rec, call),
          ownerUserId,
        });
      await enqueueLegacyForward(trx, deps.config, rec.id, 'apply');
    },
    audit: { event: 'applied', detail: target ? target.type : 'inbox' },
  };
}

/** Which record the call was about: the one chosen during the call, else a unique number match. */
export async function targetOf(
  db: Kysely<DB>,
  rec: Recording,
): Promise<{ type: 'lead' | 'candidate'; id: string; callId: string | null } | null> {
  const session = storedDetails(rec)?.serviceData?.callSessionId;
  if (session) {
    const call = await db
      .selectFrom('calls')
      .select(['id', 'matched_type', 'matched_id'])
      .where('call_session_id', '=', session)
      .where('matched_id', 'is not', null)
      // A number on several records: only a person's choice during the call decides.
      .where('record_confirmed', '=', 1)
      .executeTakeFirst();
    if (call?.matched_type && call.matched_id)
      return { type: call.matched_type, id: call.matched_id, callId: call.id };
  }
  if (rec.remote_number) {
    const matches = await matchNumber(db, rec.remote_number);
    if (matches.length === 1) return { type: matches[0]!.type, id: matches[0]!.id, callId: null };
  }
  return null;
}
