import type { Recording } from '../../db/schema.ts';
import { deleteRecording } from '../../webex/recordingsApi.ts';
import { WebexNotFound } from '../../webex/webexErrors.ts';
import type { StepResult } from './stepResult.ts';
import { clientOfRecording, type RecordingClients } from './webexRecording.ts';

export interface DeleteStepDeps {
  clients: RecordingClients;
}

/** Deletes the recording at Webex; one that is already gone (404) counts as deleted. */
export async function deleteStep(deps: DeleteStepDeps, rec: Recording): Promise<StepResult> {
  const client = await clientOfRecording(deps.clients, rec);
  let detail = 'deleted';
  let confirmation = 'DELETE bestätigt (HTTP 2xx)';
  try {
    await deleteRecording(client, rec.webex_recording_id);
  } catch (err) {
    if (!(err instanceof WebexNotFound)) throw err;
    detail = 'already gone (404)';
    confirmation = 'DELETE: 404, war schon gelöscht';
  }
  return {
    set: { deleted_at_webex: new Date().toISOString(), deletion_confirmation: confirmation },
    next: 'done',
    audit: { event: 'deleted_at_webex', detail },
  };
}
