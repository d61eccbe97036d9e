import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { toStreamingFile } from 'openai';
import type { Config } from '../config/config.ts';
import { ProviderUnavailable, providerClient, providerError } from '../providers/providerErrors.ts';
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
 * through the OpenAI SDK. Audio over the upload limit or the configured length is split at MP3 frame
 * boundaries, the pieces transcribed in parallel (bounded) and joined in order.
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
  const client = providerClient({
    baseUrl: config.transcriptionBaseUrl,
    apiKey: config.transcriptionApiKey,
    timeoutMs: 15 * 60_000,
  });
  if (chunks.length === 1) return transcribeFile(client, config, chunks[0]!.path, input);
  try {
    const texts: string[] = new Array(chunks.length);
    let next = 0;
    const workers = Math.min(config.transcriptionConcurrency, chunks.length);
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < chunks.length) {
          const i = next++;
          texts[i] = await transcribeFile(client, config, chunks[i]!.path, input);
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

const clock = (s: number) => new Date(Math.round(s) * 1000).toISOString().slice(11, 19);

async function transcribeFile(
  client: ReturnType<typeof providerClient>,
  config: Config,
  path: string,
  input: TranscriptionInput,
): Promise<string> {
  let text: unknown;
  try {
    const res = await client.audio.transcriptions.create(
      {
        // Streamed from the file while the request is sent: a 25 MB piece never sits in memory.
        file: toStreamingFile(createReadStream(path), 'recording.mp3', { type: 'audio/mpeg' }),
        model: config.transcriptionModel,
        language: 'de',
        response_format: 'json',
        ...(input.prompt ? { prompt: input.prompt.slice(0, 800) } : {}),
      },
      input.signal ? { signal: input.signal } : {},
    );
    text = (res as { text?: unknown }).text;
  } catch (err) {
    throw providerError(err, 'Transkriptionsdienst', 'TRANSCRIPTION');
  }
  if (typeof text !== 'string') throw new ProviderUnavailable('Transkriptionsdienst lieferte keinen Text');
  return text;
}
