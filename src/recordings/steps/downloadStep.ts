import type { Kysely } from 'kysely';
import type { DB, Recording } from '../../db/schema.ts';
import { RetryJobLater } from '../../jobs/jobQueue.ts';
import type { RecordingDetails } from '../../webex/recordingsApi.ts';
import { downloadRecording, LinkExpired } from '../recordingDownloader.ts';
import { PermanentFailure, type StepResult } from './stepResult.ts';
import { fetchDetails, freshDetails, type RecordingClients } from './webexRecording.ts';

/** Downloaded recordings that may wait for transcription, per slot of the lane. */
const AUDIO_WAITING_PER_SLOT = 2;
const AUDIO_WAIT_MS = 5_000;

export interface DownloadStepDeps {
  db: Kysely<DB>;
  clients: RecordingClients;
  tmpDir: string;
  maxBytes: number;
  allowedHosts: string[];
  /** The recordings lane's concurrency. */
  concurrency: number;
}

/** Downloads the audio to the temp dir; an expired link is renewed once through fresh details. */
export async function downloadStep(
  deps: DownloadStepDeps,
  rec: Recording,
  signal: AbortSignal,
): Promise<StepResult> {
  await roomForAudio(deps, rec);
  let d = await freshDetails(deps.clients, rec);
  const dl = async (details: RecordingDetails) => {
    const link = details.temporaryDirectDownloadLinks?.audioDownloadLink;
    if (!link)
      throw new PermanentFailure(
        'Webex liefert keinen Download-Link (Admin-Verbindung oder „Prevent Downloading“)',
      );
    return downloadRecording(link, {
      dir: deps.tmpDir,
      name: rec.id,
      maxBytes: deps.maxBytes,
      allowedHosts: deps.allowedHosts,
      signal,
    });
  };
  let file: { path: string; bytes: number };
  try {
    file = await dl(d);
  } catch (err) {
    if (!(err instanceof LinkExpired)) throw err;
    d = await fetchDetails(deps.clients, rec);
    file = await dl(d);
  }
  return {
    set: { audio_path: file.path, details_json: JSON.stringify(d) },
    next: 'transcribe',
    audit: { event: 'downloaded', detail: `${file.bytes} bytes` },
  };
}

/**
 * Depth-first claiming keeps audio on disk to about the concurrency while transcriptions succeed; while
 * they wait (a provider outage, retries), new downloads wait too, so a backlog cannot fill the disk.
 */
export async function roomForAudio(deps: Pick<DownloadStepDeps, 'db' | 'concurrency'>, rec: Recording) {
  const limit = AUDIO_WAITING_PER_SLOT * deps.concurrency;
  const row = await deps.db
    .selectFrom('recordings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('audio_path', 'is not', null)
    // A stopped recording keeps its file for "Erneut versuchen", but does not hold up the others.
    .where('status', '!=', 'failed')
    .where('id', '!=', rec.id)
    .executeTakeFirstOrThrow();
  const waiting = Number(row.n);
  if (waiting >= limit)
    throw new RetryJobLater(
      `Wartet: ${waiting} heruntergeladene Aufnahmen warten auf die Transkription`,
      AUDIO_WAIT_MS,
      { uncounted: true },
    );
}
