import type { Recording } from '../../db/schema.ts';
import { getRecordingDetails, type RecordingDetails } from '../../webex/recordingsApi.ts';
import type { WebexClient } from '../../webex/webexApi.ts';
import { WebexForbidden, WebexNotFound } from '../../webex/webexErrors.ts';
import { PermanentFailure } from './stepResult.ts';

/** Where the steps get a Webex client for a line (WebexTokens in the service). */
export interface RecordingClients {
  clientForPerson(personId: string): Promise<WebexClient>;
}

/** The client of the line that owns the recording. */
export async function clientOfRecording(clients: RecordingClients, rec: Recording): Promise<WebexClient> {
  if (!rec.owner_person_id) throw new PermanentFailure('Besitzer der Aufnahme unbekannt');
  return clients.clientForPerson(rec.owner_person_id);
}

/** The recording's details from Webex; a recording that is gone or unreadable stops for good. */
export async function fetchDetails(clients: RecordingClients, rec: Recording): Promise<RecordingDetails> {
  try {
    return await getRecordingDetails(await clientOfRecording(clients, rec), rec.webex_recording_id);
  } catch (err) {
    if (err instanceof WebexNotFound) throw new PermanentFailure('Aufnahme gibt es bei Webex nicht (mehr)');
    if (err instanceof WebexForbidden)
      throw new PermanentFailure(
        'Aufnahmen können nicht geladen werden — Berechtigung spark:recordings_read fehlt, bitte Webex neu verbinden',
      );
    throw err;
  }
}

/** The details stored by an earlier step, if any. */
export function storedDetails(rec: Pick<Recording, 'details_json'>): RecordingDetails | null {
  return rec.details_json ? (JSON.parse(rec.details_json) as RecordingDetails) : null;
}

/** Details with links valid for at least another minute; refetched when they ran out. */
export async function freshDetails(clients: RecordingClients, rec: Recording): Promise<RecordingDetails> {
  const stored = storedDetails(rec);
  const exp = stored?.temporaryDirectDownloadLinks?.expiration;
  if (stored && exp && Date.parse(exp) - Date.now() > 60_000) return stored;
  return fetchDetails(clients, rec);
}
