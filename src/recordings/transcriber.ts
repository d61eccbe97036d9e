import { openAsBlob } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Config } from '../config/config.ts';
import { AppError } from '../shared/errors.ts';
import { WebexUnavailable } from '../webex/webexErrors.ts';
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
 * already made; `openai` and `openai-compatible` send the audio to /audio/transcriptions (language de).
 */
export async function transcribe(config: Config, input: TranscriptionInput): Promise<string> {
  if (config.transcriptionProvider === 'webex') {
    if (!input.webexTranscriptVtt) {
      throw new AppError('no_webex_transcript', 'Webex hat für diese Aufnahme kein Transkript erstellt', {
        hint: 'Enable transcription in Webex, or set TRANSCRIPTION_PROVIDER=openai-compatible (or openai).',
      });
    }
    return vttToText(input.webexTranscriptVtt);
  }
  if (!input.audioPath) throw new AppError('no_audio', 'Keine Audiodatei für die Transkription');
  const chunks = await splitMp3(
    input.audioPath,
    config.transcriptionMaxUploadBytes,
    `${input.audioPath}.part`,
  );
  if (chunks.length === 1) return transcribeFile(config, input.audioPath, input.prompt);
  // Over the provider's upload limit: pieces at frame boundaries, two at a time, joined in order.
  try {
    const texts: string[] = new Array(chunks.length);
    let next = 0;
    await Promise.all(
      [0, 1].map(async () => {
        while (next < chunks.length) {
          const i = next++;
          texts[i] = await transcribeFile(config, chunks[i]!.path, input.prompt);
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

async function transcribeFile(config: Config, path: string, prompt: string): Promise<string> {
  const form = new FormData();
  form.set('file', await openAsBlob(path), 'recording.mp3');
  form.set('model', config.transcriptionModel);
  form.set('language', 'de');
  form.set('response_format', 'json');
  if (prompt) form.set('prompt', prompt.slice(0, 800));
  let res: Response;
  try {
    res = await fetch(`${config.transcriptionBaseUrl.replace(/\/+$/, '')}/audio/transcriptions`, {
      method: 'POST',
      headers: config.transcriptionApiKey ? { authorization: `Bearer ${config.transcriptionApiKey}` } : {},
      body: form,
      signal: AbortSignal.timeout(15 * 60_000),
    });
  } catch (err) {
    throw new WebexUnavailable(`transcription provider: ${(err as Error).message}`);
  }
  if (res.status === 429 || res.status >= 500)
    throw new WebexUnavailable(`transcription provider answered ${res.status}`, res.status);
  if (!res.ok) {
    throw new AppError('transcription_refused', `Transkriptionsdienst lehnt ab (${res.status})`, {
      hint: 'Check TRANSCRIPTION_API_KEY and TRANSCRIPTION_MODEL.',
    });
  }
  const body = (await res.json().catch(() => null)) as { text?: unknown } | null;
  if (!body || typeof body.text !== 'string')
    throw new WebexUnavailable('transcription provider answered without text');
  return body.text;
}
