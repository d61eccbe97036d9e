import { rm } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import type { Config } from '../../config/config.ts';
import { matchNumber } from '../../crm/recordMatcher.ts';
import type { DB, Recording } from '../../db/schema.ts';
import type { RecordingDetails } from '../../webex/recordingsApi.ts';
import { WebexApiError } from '../../webex/webexErrors.ts';
import { downloadWebexTranscript, LinkExpired } from '../recordingDownloader.ts';
import { transcribe } from '../transcriber.ts';
import type { StepResult } from './stepResult.ts';
import { fetchDetails, freshDetails, type RecordingClients } from './webexRecording.ts';

const EXPIRED = Symbol('link expired');

export interface TranscribeStepDeps {
  db: Kysely<DB>;
  clients: RecordingClients;
  /** The transcriber reads its provider settings from here; downloads use recordingDownloadHosts. */
  config: Config;
}

/**
 * Turns the audio (or the Webex transcript, with TRANSCRIPTION_PROVIDER=webex) into text, with the
 * names known for the number as a hint; the audio file goes once the transcript is committed.
 */
export async function transcribeStep(
  deps: TranscribeStepDeps,
  rec: Recording,
  signal: AbortSignal,
): Promise<StepResult> {
  let vtt: string | null | typeof EXPIRED = null;
  if (deps.config.transcriptionProvider === 'webex') {
    vtt = await webexTranscript(deps, await freshDetails(deps.clients, rec), signal);
    // An expired or refused link: fresh details bring a fresh link, once.
    if (vtt === EXPIRED) vtt = await webexTranscript(deps, await fetchDetails(deps.clients, rec), signal);
    if (vtt === EXPIRED)
      throw new WebexApiError('webex_link_expired', 'Transkript-Link wird abgelehnt', {
        httpStatus: 403,
        transient: true,
      });
  }
  const names = await knownNames(deps.db, rec);
  let pieces: string[] = [];
  const text = await transcribe(deps.config, {
    audioPath: rec.audio_path,
    webexTranscriptVtt: vtt,
    prompt: names,
    signal,
    onPieces: (offsets) => {
      pieces = offsets;
    },
  });
  const audio = rec.audio_path;
  return {
    set: { transcript: text, audio_path: null },
    next: 'extract',
    audit: {
      event: 'transcribed',
      detail: `${text.length} chars${pieces.length ? `, ${pieces.length} pieces from ${pieces.join(', ')}` : ''}`,
    },
    // The audio goes as soon as the transcript is safe.
    afterCommit: async () => {
      if (audio) await rm(audio, { force: true });
    },
  };
}

async function webexTranscript(
  deps: TranscribeStepDeps,
  d: RecordingDetails,
  signal: AbortSignal,
): Promise<string | null | typeof EXPIRED> {
  const link = d.temporaryDirectDownloadLinks?.transcriptDownloadLink;
  if (!link) return null;
  try {
    return await downloadWebexTranscript(link, { allowedHosts: deps.config.recordingDownloadHosts, signal });
  } catch (err) {
    if (err instanceof LinkExpired) return EXPIRED;
    throw err;
  }
}

/** The names of the records with the caller's number, a spelling hint for the transcriber. */
async function knownNames(db: Kysely<DB>, rec: Recording): Promise<string> {
  if (!rec.remote_number) return '';
  const matches = await matchNumber(db, rec.remote_number);
  return matches.map((m) => [m.title, m.subtitle].filter(Boolean).join(', ')).join('; ');
}
