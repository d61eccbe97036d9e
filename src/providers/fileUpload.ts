import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { clientFor, readText, transferFailure, withDeadline } from '../shared/httpClient.ts';

export interface FileUpload {
  url: URL;
  headers: Record<string, string>;
  /** Text fields, sent before the file. */
  fields: Record<string, string>;
  file: { field: string; path: string; filename: string; type: string };
  signal?: AbortSignal;
  timeoutMs: number;
}

export interface UploadResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Read size of the one buffer a file is sent through. */
const BLOCK = 256 * 1024;
/** Provider answers are small JSON documents; anything bigger is not one. */
const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
/** How long to wait for `100 Continue` before sending the body anyway. */
const CONTINUE_WAIT_MS = 1_000;

const quoted = (s: string) => s.replace(/[\r\n"\\]/g, '_');

/**
 * POSTs a file from disk as multipart/form-data and returns the answer.
 *
 * Why not the provider SDK's upload: it reads the file as a stream of fresh buffers and passes them
 * through web streams, which leaves tens of megabytes of garbage per 25 MB piece before the collector
 * runs (the resident set of a two-hour transcription grew by ~90 MB). Here the file goes through one
 * reused buffer, and a block is read again only after the previous one was handed to the socket (the
 * write callback), so an upload costs the same few hundred kilobytes whatever the file's size
 * (docs/benchmarks.md, memory).
 *
 * A network failure or timeout throws; any HTTP answer, including errors, is returned. The body waits
 * for `100 Continue`, so a server that refuses the upload (a bad key, say) does so before the file is
 * sent; an error answer that comes while it is being sent stops the sending.
 */
export async function uploadFile(u: FileUpload): Promise<UploadResponse> {
  const boundary = `callbridge-${randomBytes(12).toString('hex')}`;
  const fields = Object.entries(u.fields)
    .map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`,
    )
    .join('');
  const head = Buffer.from(
    `${fields}--${boundary}\r\nContent-Disposition: form-data; name="${quoted(u.file.field)}"; filename="${quoted(u.file.filename)}"\r\nContent-Type: ${quoted(u.file.type)}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const deadline = withDeadline(u.timeoutMs, u.signal);
  const fh = await open(u.file.path, 'r');
  try {
    const size = (await fh.stat()).size;
    const req = clientFor(u.url).request(u.url, {
      method: 'POST',
      headers: {
        ...u.headers,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + size + tail.length),
        // The server may refuse (bad key, file too large) before a byte of the file is sent.
        expect: '100-continue',
      },
      signal: deadline.signal,
    });
    let refused = false;
    const response = new Promise<IncomingMessage>((resolve, reject) => {
      req.on('response', (res) => {
        if ((res.statusCode ?? 0) >= 300) refused = true;
        resolve(res);
      });
      req.on('error', reject);
    });
    const write = (chunk: Buffer) =>
      new Promise<void>((resolve, reject) => req.write(chunk, (err) => (err ? reject(err) : resolve())));
    const sending = (async () => {
      req.flushHeaders();
      // Servers that ignore Expect get the body after a second, as curl does.
      await Promise.race([
        new Promise((r) => req.once('continue', r)),
        new Promise((r) => req.once('response', r)),
        new Promise((r) => setTimeout(r, CONTINUE_WAIT_MS).unref()),
      ]);
      if (refused) return;
      await write(head);
      const block = Buffer.allocUnsafeSlow(BLOCK);
      for (let pos = 0; pos < size && !refused; ) {
        const { bytesRead } = await fh.read(block, 0, Math.min(BLOCK, size - pos), pos);
        if (bytesRead === 0) throw new Error(`${u.file.path} became shorter while it was sent`);
        await write(block.subarray(0, bytesRead));
        pos += bytesRead;
      }
      if (!refused) req.end(tail);
    })().catch((err: Error) => {
      // After an answer, the server may close before taking the rest: that answer counts.
      if (!refused) req.destroy(err);
    });
    let res: IncomingMessage;
    let body: string;
    try {
      res = await response;
      body = await readText(res, MAX_RESPONSE_BYTES);
    } catch (err) {
      // The caller's own abort stays an abort; a time limit says so.
      if (u.signal?.aborted) throw err;
      throw new Error(transferFailure(err, deadline, u.timeoutMs));
    }
    // Refused: drop the connection rather than wait for a server that stopped reading.
    if (refused) req.destroy();
    else await sending;
    return { status: res.statusCode ?? 0, headers: res.headers, body };
  } finally {
    await fh.close();
  }
}
