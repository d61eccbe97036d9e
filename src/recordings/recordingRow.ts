import type { Recording } from '../db/schema.ts';

/**
 * A recordings row as CallBridge first stores it: waiting for its first step, nothing known yet. The
 * intake, the old backend's import and the tests build their rows from this one, so a new column is
 * named in one place.
 */
export function newRecordingRow(
  fields: Pick<Recording, 'id' | 'webex_recording_id'> & Partial<Recording>,
  now = new Date().toISOString(),
): Recording {
  return {
    owner_person_id: null,
    step: 'details',
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    last_error: null,
    details_json: null,
    audio_path: null,
    transcript: null,
    extraction_json: null,
    flags_json: null,
    call_date: null,
    remote_number: null,
    record_type: null,
    record_id: null,
    inbox: 0,
    created_at: now,
    updated_at: now,
    applied_at: null,
    discarded_at: null,
    discarded_by: null,
    deleted_at_webex: null,
    done_at: null,
    privacy_block: null,
    privacy_blocked_at: null,
    deletion_confirmation: null,
    ...fields,
  };
}
