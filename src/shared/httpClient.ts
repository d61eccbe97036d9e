import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';

/**
 * The little that the outbound transfers built on node:http(s) share (recording downloads, provider
 * uploads). They use node:http rather than fetch so that large bodies pass as plain buffers: see
 * src/providers/fileUpload.ts and docs/benchmarks.md (memory).
 */

/** node:https for https URLs, node:http otherwise. */
export const clientFor = (url: URL): typeof http | typeof https => (url.protocol === 'https:' ? https : http);

/**
 * A time limit joined with the caller's signal. `timedOut()` tells the limit from the caller's abort,
 * so the error can say which it was.
 */
export function withDeadline(ms: number, signal?: AbortSignal) {
  const limit = AbortSignal.timeout(ms);
  return {
    signal: signal ? AbortSignal.any([signal, limit]) : limit,
    timedOut: () => limit.aborted && !signal?.aborted,
  };
}

/** What an error of a transfer says, naming an exceeded time limit as such. */
export function transferFailure(err: unknown, deadline: { timedOut(): boolean }, limitMs: number): string {
  if (deadline.timedOut()) return `keine Antwort innerhalb von ${+(limitMs / 1000).toFixed(1)} s`;
  return (err as Error)?.message ?? String(err);
}

/** A response body as text; more than `maxBytes` is refused (the response is dropped). */
export async function readText(res: IncomingMessage, maxBytes: number): Promise<string> {
  const parts: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > maxBytes) {
      res.destroy();
      throw new Error(`Antwort größer als ${maxBytes} Bytes`);
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString('utf8');
}
