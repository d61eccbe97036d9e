import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
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
  let res: Response;
  try {
    res = await fetch(url, {
      redirect: 'manual',
      signal: AbortSignal.any([...(opts.signal ? [opts.signal] : []), AbortSignal.timeout(60 * 60_000)]),
    });
  } catch (err) {
    throw new WebexUnavailable(`download: ${(err as Error).message}`);
  }
  if ([401, 403, 404, 410].includes(res.status)) {
    await res.arrayBuffer().catch(() => {});
    throw new LinkExpired(`download link answered ${res.status}`);
  }
  if (res.status >= 300 && res.status < 400)
    throw new AppError('download_redirect', 'Aufnahme-Link leitet um; Umleitungen werden nicht verfolgt');
  if (!res.ok || !res.body) throw new WebexUnavailable(`download ${res.status}`, res.status);
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > opts.maxBytes)
    throw new AppError('recording_too_large', `Aufnahme ist größer als ${opts.maxBytes} Bytes`);
  await mkdir(resolve(opts.dir), { recursive: true });
  const path = join(resolve(opts.dir), `${opts.name}.audio`);
  let bytes = 0;
  const limit = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, ctl) {
      bytes += chunk.byteLength;
      if (bytes > opts.maxBytes)
        ctl.error(new AppError('recording_too_large', `Aufnahme ist größer als ${opts.maxBytes} Bytes`));
      else ctl.enqueue(chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(res.body.pipeThrough(limit) as never), createWriteStream(path));
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
