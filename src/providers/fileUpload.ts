import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';

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
 * A network failure or timeout throws; any HTTP answer, including errors, is returned. An error answer
 * that comes while the file is still being sent (a refused key, say) stops the sending.
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
    `${fields}--${boundary}\r\nContent-Disposition: form-data; name="${quoted(u.file.field)}"; filename="${quoted(u.file.filename)}"\r\nContent-Type: ${u.file.type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const fh = await open(u.file.path, 'r');
  try {
    const size = (await fh.stat()).size;
    const client = u.url.protocol === 'https:' ? https : http;
    const req = client.request(u.url, {
      method: 'POST',
      headers: {
        ...u.headers,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(head.length + size + tail.length),
      },
      signal: AbortSignal.any([...(u.signal ? [u.signal] : []), AbortSignal.timeout(u.timeoutMs)]),
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
    const res = await response;
    const body = await readBody(res);
    // Refused: drop the connection rather than wait for a server that stopped reading.
    if (refused) req.destroy();
    else await sending;
    return { status: res.statusCode ?? 0, headers: res.headers, body };
  } finally {
    await fh.close();
  }
}

async function readBody(res: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > MAX_RESPONSE_BYTES) {
      res.destroy();
      throw new Error(`answer larger than ${MAX_RESPONSE_BYTES} bytes`);
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString('utf8');
}
