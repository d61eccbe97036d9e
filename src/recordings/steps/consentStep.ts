import type { Kysely } from 'kysely';
import type { DB, Recording } from '../../db/schema.ts';
import { type ConsentMode, recordingConsentGate } from '../../privacy/recordingConsentGate.ts';
import { unreadDeletion } from '../../privacy/unreadDeletion.ts';
import type { StepResult } from './stepResult.ts';

export interface ConsentStepDeps {
  db: Kysely<DB>;
  consentMode: ConsentMode;
}

/**
 * Runs before anything of the call is fetched (the download and transcribe steps): an objection (or
 * missing consent) sends the recording to deletion unread. Null when it may be read.
 */
export async function consentStep(deps: ConsentStepDeps, rec: Recording): Promise<StepResult | null> {
  if (rec.step !== 'download' && rec.step !== 'transcribe') return null;
  const block = await recordingConsentGate(deps.db, deps.consentMode, rec);
  return block ? unreadDeletion(rec, block) : null;
}
