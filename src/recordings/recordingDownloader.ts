import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../shared/errors.ts';
import { clientFor, readText, transferFailure, withDeadline } from '../shared/httpClient.ts';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../shared/privateFiles.ts';
import { WebexUnavailable } from '../webex/webexErrors.ts';

/** The temporary link no longer works (401/403/404/410): fresh recording details bring a new one. */
export class LinkExpired extends Error {}

/** Only links to allowed hosts are followed; a leading dot allows subdomains. No redirects at all. */
export function hostAllowed(url: URL, allowed: string[]): boolean {
  const host = url.hostname.toLowerCase();
  return allowed.some((a) => (a.startsWith('.') ? host.endsWith(a) || host === a.slice(1) : host === a));
}

interface LinkOptions {
  allowedHosts: string[];
  signal?: AbortSignal;
}

const DOWNLOAD_TIMEOUT_MS = 60 * 60_000;
const TRANSCRIPT_TIMEOUT_MS = 60_000;
/** No data for this long: the transfer is stalled. */
const IDLE_TIMEOUT_MS = 2 * 60_000;
/** A WebVTT transcript of a long call is a few hundred kilobytes. */
const MAX_TRANSCRIPT_BYTES = 20 * 1024 * 1024;

/**
 * Streams the audio to a file (never whole into memory), refusing other hosts, redirects and files over
 * the size limit. A 401/403/404/410 from the link means it expired (LinkExpired): the caller fetches
 * fresh details.
 */
export async function downloadRecording(
  link: string,
  opts: LinkOptions & { dir: string; name: string; maxBytes: number },
): Promise<{ path: string; bytes: number }> {
  const deadline = withDeadline(DOWNLOAD_TIMEOUT_MS, opts.signal);
  const res = await open(link, 'Download', opts.allowedHosts, deadline, DOWNLOAD_TIMEOUT_MS);
  const path = join(resolve(opts.dir), `${opts.name}.audio`);
  let bytes = 0;
  let declared = 0;
  try {
    declared = Number(res.headers['content-length'] ?? 0);
    if (declared > opts.maxBytes)
      throw new AppError('recording_too_large', `Aufnahme ist größer als ${opts.maxBytes} Bytes`);
    await mkdir(resolve(opts.dir), { recursive: true, mode: PRIVATE_DIR_MODE });
    const limit = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > opts.maxBytes)
          done(new AppError('recording_too_large', `Aufnahme ist größer als ${opts.maxBytes} Bytes`));
        else done(null, chunk);
      },
    });
    await pipeline(res, limit, createWriteStream(path, { mode: PRIVATE_FILE_MODE }));
  } catch (err) {
    res.destroy();
    await rm(path, { force: true });
    if (err instanceof AppError) throw err;
    throw new WebexUnavailable(
      `download interrupted: ${transferFailure(err, deadline, DOWNLOAD_TIMEOUT_MS)}`,
    );
  }
  if (declared && bytes !== declared) {
    await rm(path, { force: true });
    throw new WebexUnavailable(`download truncated: ${bytes} of ${declared} bytes`);
  }
  return { path, bytes };
}

/** The transcript Webex made (WebVTT) from its temporary link, under the same rules as the audio. */
export async function downloadWebexTranscript(link: string, opts: LinkOptions): Promise<string> {
  const deadline = withDeadline(TRANSCRIPT_TIMEOUT_MS, opts.signal);
  const res = await open(link, 'Transkript', opts.allowedHosts, deadline, TRANSCRIPT_TIMEOUT_MS);
  try {
    return await readText(res, MAX_TRANSCRIPT_BYTES);
  } catch (err) {
    throw new WebexUnavailable(
      `transcript download: ${transferFailure(err, deadline, TRANSCRIPT_TIMEOUT_MS)}`,
    );
  }
}

/**
 * GETs a temporary Webex link and returns the response once it is a 2xx: other hosts, plain http (but
 * on loopback, for the simulator) and redirects are refused, an expired link is LinkExpired, anything
 * else is a transient WebexUnavailable.
 */
async function open(
  link: string,
  what: 'Download' | 'Transkript',
  allowedHosts: string[],
  deadline: ReturnType<typeof withDeadline>,
  limitMs: number,
): Promise<IncomingMessage> {
  const url = new URL(link);
  if (!hostAllowed(url, allowedHosts)) {
    throw new AppError(
      'download_host_refused',
      `${what} von ${url.hostname} abgelehnt: kein erlaubter Webex-Host`,
      {
        hint: 'Den Host nur dann in RECORDING_DOWNLOAD_HOSTS eintragen, wenn er wirklich ein Download-Host von Webex ist.',
      },
    );
  }
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !local) {
    throw new AppError('download_insecure', 'Aufnahme-Links müssen https sein', { status: 400 });
  }
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = clientFor(url).get(url, { signal: deadline.signal, timeout: IDLE_TIMEOUT_MS });
    req.on('timeout', () => req.destroy(new Error(`no data for ${IDLE_TIMEOUT_MS / 1000} s`)));
    req.on('response', resolve);
    req.on('error', (err) =>
      reject(new WebexUnavailable(`${what.toLowerCase()}: ${transferFailure(err, deadline, limitMs)}`)),
    );
  });
  const status = res.statusCode ?? 0;
  if (status >= 200 && status < 300) return res;
  res.resume();
  if ([401, 403, 404, 410].includes(status)) throw new LinkExpired(`${what}-Link antwortet ${status}`);
  if (status >= 300 && status < 400)
    throw new AppError('download_redirect', `${what}-Link leitet um; Umleitungen werden nicht verfolgt`);
  throw new WebexUnavailable(`${what.toLowerCase()} ${status}`, status);
}
