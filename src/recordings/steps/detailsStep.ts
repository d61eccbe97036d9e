import type { Config } from '../../config/config.ts';
import type { Recording } from '../../db/schema.ts';
import { normalizePhone, type PhoneRules } from '../../phone/phoneNumber.ts';
import type { RecordingDetails } from '../../webex/recordingsApi.ts';
import type { StepResult } from './stepResult.ts';
import { fetchDetails, type RecordingClients } from './webexRecording.ts';

export interface DetailsStepDeps {
  clients: RecordingClients;
  phoneRules: PhoneRules;
  transcriptionProvider: Config['transcriptionProvider'];
}

/** Fetches the recording's details: the other party's number, the call date and the download links. */
export async function detailsStep(deps: DetailsStepDeps, rec: Recording): Promise<StepResult> {
  return detailsResult(await fetchDetails(deps.clients, rec), deps);
}

/** What the details say; with Webex transcripts there is no audio to download. */
export function detailsResult(
  d: RecordingDetails,
  deps: Pick<DetailsStepDeps, 'phoneRules' | 'transcriptionProvider'>,
): StepResult {
  const sd = d.serviceData ?? {};
  const other = sd.personality === 'originator' ? sd.calledParty : sd.callingParty;
  const n = normalizePhone(other?.number ?? null, deps.phoneRules);
  return {
    set: {
      details_json: JSON.stringify(d),
      call_date: (d.timeRecorded ?? d.createTime ?? new Date().toISOString()).slice(0, 10),
      remote_number: n.kind === 'number' ? n.e164 : null,
    },
    next: deps.transcriptionProvider === 'webex' ? 'transcribe' : 'download',
    audit: { event: 'details' },
  };
}
