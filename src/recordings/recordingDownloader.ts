import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../shared/errors.ts';
import { WebexUnavailable } from '../webex/webexErrors.ts';

export class LinkExpired extends Error {}

/** Only links to allowed hosts are followed; a leading dot allows subdomains. No redirects at all. */
export function hostAllowed(url: URL, allowed: string[]): boolean {
  const host = url.hostname.toLowerCase();
  return allowed.some((a) => (a.startsWith('.') ? host.endsWith(a) || host === a.slice(1) : host === a));
}

/**
 * Streams the audio to a file (never whole into memory), refusing other hosts, redirects and files over
 * the size limit. A 401/403/404/410 from the link means it expired: the caller fetches fresh details.
 */
export async function downloadRecording(
  link: string,
  opts: {
    dir: string;
    name: string;
    maxBytes: number;
    allowedHosts: string[];
    signal?: AbortSignal;
  },
): Promise<{ path: string; bytes: number }> {
  const url = new URL(link);
  const local = ['127.0.0.1', 'localhost', '::1'].includes(url.hostname);
  if (!hostAllowed(url, opts.allowedHosts)) {
    throw new AppError(
      'download_host_refused',
      `Download von ${url.hostname} abgelehnt: kein erlaubter Webex-Host`,
      {
        hint: 'Add the host to RECORDING_DOWNLOAD_HOSTS only if it really is a Webex download host.',
      },
    );
  }
  if (url.protocol !== 'https:' && !local) {
    throw new AppError('download_insecure', 'Aufnahme-Links müssen https sein', { status: 400 });
  }
  const res = await get(url, opts.signal);
  if ([401, 403, 404, 410].includes(res.statusCode ?? 0)) {
    res.resume();
    throw new LinkExpired(`download link answered ${res.statusCode}`);
  }
  const status = res.statusCode ?? 0;
  if (status >= 300 && status < 400) {
    res.resume();
    throw new AppError('download_redirect', 'Aufnahme-Link leitet um; Umleitungen werden nicht verfolgt');
  }
  if (status < 200 || status >= 300) {
    res.resume();
    throw new WebexUnavailable(`download ${status}`, status);
  }
  const declared = Number(res.headers['content-length'] ?? 0);
  if (declared > opts.maxBytes) {
    res.destroy();
    throw new AppError('recording_too_large', `Aufnahme ist größer als ${opts.maxBytes} Bytes`);
  }
  await mkdir(resolve(opts.dir), { recursive: true });
  const path = join(resolve(opts.dir), `${opts.name}.audio`);
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > opts.maxBytes)
        done(new AppError('recording_too_large', `Aufnahme ist größer als ${opts.maxBytes} Bytes`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(res, limit, createWriteStream(path));
  } catch (err) {
    await rm(path, { force: true });
    if (err instanceof AppError) throw err;
    throw new WebexUnavailable(`download interrupted: ${(err as Error).message}`);
  }
  if (declared && bytes !== declared) {
    await rm(path, { force: true });
    throw new WebexUnavailable(`download truncated: ${bytes} of ${declared} bytes`);
  }
  return { path, bytes };
}

const DOWNLOAD_TIMEOUT_MS = 60 * 60_000;
/** No data for this long: the download is stalled. */
const IDLE_TIMEOUT_MS = 2 * 60_000;

/**
 * The response head of a GET. node:http rather than fetch: a two-hour recording passes through as
 * socket buffers written straight to the file, without web-stream chunks in between, which keeps the
 * garbage a long download leaves for the collector (and so the resident set) smaller
 * (docs/benchmarks.md, memory). Redirects are never followed.
 */
function get(url: URL, signal: AbortSignal | undefined): Promise<IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, {
      signal: AbortSignal.any([...(signal ? [signal] : []), AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS)]),
      timeout: IDLE_TIMEOUT_MS,
    });
    req.on('timeout', () => req.destroy(new Error(`no data for ${IDLE_TIMEOUT_MS / 1000} s`)));
    req.on('response', resolve);
    req.on('error', (err) => reject(new WebexUnavailable(`download: ${err.message}`)));
  });
}
