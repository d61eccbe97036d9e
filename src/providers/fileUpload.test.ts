import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uploadFile } from './fileUpload.ts';
import { ProviderRefused, ProviderUnavailable, providerAnswerError } from './providerErrors.ts';

let server: Server | null = null;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of req) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${portOf(server)}`;
}

function file(bytes: number): { path: string; data: Buffer } {
  const data = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) data[i] = (i * 7 + (i >> 9)) & 0xff;
  const path = join(mkdtempSync(join(tmpdir(), 'cb-upload-')), 'audio.mp3');
  writeFileSync(path, data);
  return { path, data };
}

const portOf = (s: { address(): unknown }) => {
  const addr = s.address();
  return typeof addr === 'object' && addr ? (addr as { port: number }).port : 0;
};

/** An upload of `path` as the transcriber sends it (model field, recording.mp3). */
const uploadTo = (url: string, path: string, timeoutMs = 10_000) =>
  uploadFile({
    url: new URL(url),
    headers: {},
    fields: { model: 'whisper-1' },
    file: { field: 'file', path, filename: 'recording.mp3', type: 'audio/mpeg' },
    timeoutMs,
  });

describe('uploadFile', () => {
  it('sends the fields and every byte of a file larger than its buffer as multipart form data', async () => {
    const { path, data } = file(1_000_003);
    let received: { type: string; length: string; body: Buffer } | null = null;
    const url = await serve((req, res) => {
      void readAll(req).then((b) => {
        received = {
          type: String(req.headers['content-type']),
          length: String(req.headers['content-length']),
          body: b,
        };
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"text":"ok"}');
      });
    });
    const answer = await uploadFile({
      url: new URL(`${url}/v1/audio/transcriptions`),
      headers: { authorization: 'Bearer k' },
      fields: { model: 'whisper-1', language: 'de', prompt: 'ACME GmbH; Anna Keller' },
      file: { field: 'file', path, filename: 'recording.mp3', type: 'audio/mpeg' },
      timeoutMs: 10_000,
    });
    expect(answer).toMatchObject({ status: 200, body: '{"text":"ok"}' });
    const got = received!;
    expect(Number(got.length)).toBe(got.body.length);
    // Parsed by an independent multipart reader (undici's).
    const form = await new Response(new Uint8Array(got.body), {
      headers: { 'content-type': got.type },
    }).formData();
    expect(form.get('model')).toBe('whisper-1');
    expect(form.get('language')).toBe('de');
    expect(form.get('prompt')).toBe('ACME GmbH; Anna Keller');
    const sent = form.get('file') as File;
    expect(sent.name).toBe('recording.mp3');
    expect(sent.type).toBe('audio/mpeg');
    expect(Buffer.from(await sent.arrayBuffer()).equals(data)).toBe(true);
  });

  it('returns an early refusal without waiting for a server that stopped reading', async () => {
    const { path } = file(40_000_000);
    // A raw server that takes 12 MB, then answers and neither reads on nor closes, while the client's
    // socket buffers are full.
    const body = '{"error":{"message":"Incorrect API key provided"}}';
    const sockets: Socket[] = [];
    const raw = createNetServer((socket) => {
      sockets.push(socket);
      let taken = 0;
      socket.on('data', (d) => {
        taken += d.length;
        if (taken < 12_000_000 || socket.isPaused()) return;
        socket.pause();
        socket.write(
          `HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
        );
      });
    });
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
    try {
      const answer = await uploadTo(`http://127.0.0.1:${portOf(raw)}/v1/x`, path);
      expect(answer.status).toBe(401);
      expect(answer.body).toContain('Incorrect API key');
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => raw.close(r));
    }
  });

  it('is refused before the file is sent when the server answers the Expect header with an error', async () => {
    const { path } = file(5_000_000);
    let bodyBytes = -1;
    server = createServer();
    server.on('checkContinue', (req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"Incorrect API key provided"}}', () => {
        bodyBytes = req.socket.bytesRead;
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const answer = await uploadTo(`http://127.0.0.1:${portOf(server)}/v1/x`, path);
    expect(answer.status).toBe(401);
    // Only the request head reached the server.
    expect(bodyBytes).toBeGreaterThan(0);
    expect(bodyBytes).toBeLessThan(2_000);
  });

  it('names an exceeded time limit', async () => {
    const { path } = file(10);
    const url = await serve(() => {
      // never answers
    });
    await expect(uploadTo(`${url}/v1/x`, path, 300)).rejects.toThrow('keine Antwort innerhalb von 0.3 s');
  });

  it('throws when nobody listens', async () => {
    const { path } = file(10);
    await expect(uploadTo('http://127.0.0.1:9/v1/audio/transcriptions', path)).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});

describe('providerAnswerError', () => {
  it('retries 429 and 5xx (after Retry-After when given) and stops other refusals with the settings to check', () => {
    const limited = providerAnswerError(429, '7', 'slow down', 'Transkriptionsdienst', 'TRANSCRIPTION');
    expect(limited).toBeInstanceOf(ProviderUnavailable);
    expect((limited as ProviderUnavailable).retryAfterSeconds).toBe(7);
    expect(providerAnswerError(503, null, '', 'X', 'TRANSCRIPTION')).toBeInstanceOf(ProviderUnavailable);
    const refused = providerAnswerError(
      401,
      null,
      'Incorrect API key',
      'Transkriptionsdienst',
      'TRANSCRIPTION',
    );
    expect(refused).toBeInstanceOf(ProviderRefused);
    expect(refused.message).toContain('(401): Incorrect API key');
    expect((refused as ProviderRefused).hint).toContain('TRANSCRIPTION_API_KEY');
  });
});
