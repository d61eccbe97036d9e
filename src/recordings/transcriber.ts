import { rm } from 'node:fs/promises';
import type { Config } from '../config/config.ts';
import { uploadFile } from '../providers/fileUpload.ts';
import { ProviderUnavailable, providerAnswerError } from '../providers/providerErrors.ts';
import { AppError } from '../shared/errors.ts';
import { splitMp3 } from './mp3Chunker.ts';

export interface TranscriptionInput {
  audioPath: string | null;
  /** The transcript Webex made (WebVTT), when there is one. */
  webexTranscriptVtt: string | null;
  /** Names known for the call, to help the spelling of names. */
  prompt: string;
  signal?: AbortSignal;
  /** Told the start offsets when the audio had to be split. */
  onPieces?: (offsets: string[]) => void;
}

/** WebVTT → plain text, one cue per line, keeping the speaker when the cue names one. */
export function vttToText(vtt: string): string {
  return vtt
    .replace(/\r/g, '')
    .split('\n\n')
    .map((block) =>
      block
        .split('\n')
        .filter(
          (l) =>
            l.trim() && !/^WEBVTT/.test(l) && !/-->/.test(l) && !/^\d+$/.test(l.trim()) && !/^NOTE/.test(l),
        )
        .join(' ')
        .replace(/<v\s+([^>]+)>/g, '$1: ')
        .replace(/<\/?[^>]+>/g, '')
        .trim(),
    )
    .filter(Boolean)
    .join('\n');
}

/**
 * Turns a recording into German text with the configured provider: `webex` uses the transcript Webex
 * already made; `openai` and `openai-compatible` send the audio to /audio/transcriptions (language de)
 * of the OpenAI API, streamed from the file (src/providers/fileUpload.ts). Audio over the upload limit
 * or the configured length is split at MP3 frame boundaries, the pieces transcribed in parallel
 * (bounded) and joined in order.
 */
export async function transcribe(config: Config, input: TranscriptionInput): Promise<string> {
  if (config.transcriptionProvider === 'webex') {
    if (!input.webexTranscriptVtt) {
      throw new AppError('no_webex_transcript', 'Webex hat für diese Aufnahme kein Transkript erstellt', {
        hint: 'Transkription in Webex einschalten, oder TRANSCRIPTION_PROVIDER=openai (bzw. openai-compatible) setzen.',
      });
    }
    return vttToText(input.webexTranscriptVtt);
  }
  if (!input.audioPath) throw new AppError('no_audio', 'Keine Audiodatei für die Transkription');
  const chunks = await splitMp3(
    input.audioPath,
    config.transcriptionMaxUploadBytes,
    `${input.audioPath}.part`,
    config.transcriptionMaxChunkSeconds,
  );
  if (chunks.length === 1) return transcribeFile(config, chunks[0]!.path, input);
  try {
    const texts: string[] = new Array(chunks.length);
    let next = 0;
    const workers = Math.min(config.transcriptionConcurrency, chunks.length);
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < chunks.length) {
          const i = next++;
          texts[i] = await transcribeFile(config, chunks[i]!.path, input);
        }
      }),
    );
    // Pieces end between frames, so the texts follow each other; offsets are reported, not inlined, so the
    // speaker labels at line starts stay intact for extraction.
    input.onPieces?.(chunks.map((c) => clock(c.startSeconds)));
    return texts.join('\n');
  } finally {
    await Promise.all(chunks.map((c) => rm(c.path, { force: true })));
  }
}

/** A 25 MB piece over a slow uplink, plus the provider's own time. */
const UPLOAD_TIMEOUT_MS = 15 * 60_000;

const clock = (s: number) => new Date(Math.round(s) * 1000).toISOString().slice(11, 19);

async function transcribeFile(config: Config, path: string, input: TranscriptionInput): Promise<string> {
  const what = 'Transkriptionsdienst';
  let answer: Awaited<ReturnType<typeof uploadFile>>;
  try {
    answer = await uploadFile({
      url: new URL(`${config.transcriptionBaseUrl.replace(/\/+$/, '')}/audio/transcriptions`),
      // Servers with the same API often need no key.
      headers: config.transcriptionApiKey ? { authorization: `Bearer ${config.transcriptionApiKey}` } : {},
      fields: {
        model: config.transcriptionModel,
        language: 'de',
        response_format: 'json',
        ...(input.prompt ? { prompt: input.prompt.slice(0, 800) } : {}),
      },
      file: { field: 'file', path, filename: 'recording.mp3', type: 'audio/mpeg' },
      ...(input.signal ? { signal: input.signal } : {}),
      timeoutMs: UPLOAD_TIMEOUT_MS,
    });
  } catch (err) {
    // The job's own signal (shutdown, lost lease) is not the provider's fault.
    if (input.signal?.aborted) throw err;
    throw new ProviderUnavailable(`${what}: ${(err as Error).message}`, null, 'TRANSCRIPTION');
  }
  let json: { text?: unknown; error?: { message?: unknown } } | null = null;
  try {
    json = JSON.parse(answer.body);
  } catch {
    // judged below
  }
  if (answer.status < 200 || answer.status >= 300) {
    const retryAfter = answer.headers['retry-after'];
    const message = typeof json?.error?.message === 'string' ? json.error.message : answer.body.slice(0, 200);
    throw providerAnswerError(
      answer.status,
      typeof retryAfter === 'string' ? retryAfter : null,
      message,
      what,
      'TRANSCRIPTION',
    );
  }
  if (!json) throw new ProviderUnavailable(`${what} lieferte kein gültiges JSON`, null, 'TRANSCRIPTION');
  if (typeof json.text !== 'string')
    throw new ProviderUnavailable(`${what} lieferte keinen Text`, null, 'TRANSCRIPTION');
  return json.text;
}
