import Fastify from 'fastify';
import { z } from 'zod';
import { extractByRules } from '../extraction/rulesExtractor.ts';

/**
 * A TEST DOUBLE of the OpenAI API (`/v1/audio/transcriptions`, `/v1/chat/completions`) for tests and
 * demos without a key. It is not a model: transcriptions come from a queue the test fills, and chat
 * completions answer with the offline rules extractor's record for the transcript in the prompt, or
 * with a record the test planted (`POST /_test/completions`, e.g. hallucinated values). It records
 * every request and can fail, stall, refuse or answer malformed output on demand.
 */

/** The part of a chat request the stand-in reads; the rest is kept for the tests to inspect. */
const chatBody = z
  .object({
    model: z.string().optional(),
    messages: z.array(z.object({ role: z.string(), content: z.string() }).loose()).optional(),
  })
  .loose();

export interface OpenAiTestServer {
  url: string;
  requests: { path: string; body: unknown; at: string }[];
  close(): Promise<void>;
}

type Fault = 'none' | 'fail' | 'stall' | 'refuse' | 'malformed' | 'unsupported_value';

export async function startOpenAiTestServer(
  opts: { port?: number; host?: string } = {},
): Promise<OpenAiTestServer> {
  const app = Fastify({ logger: false, bodyLimit: 100 * 1024 * 1024 });
  const requests: OpenAiTestServer['requests'] = [];
  const transcripts: string[] = [];
  /** Records to answer with instead of the rules extractor's, in order. */
  const planted: string[] = [];
  const faults: { next: Fault; times: number } = { next: 'none', times: 0 };
  /** Fixed answer times, to measure the pipeline around a provider of known speed. */
  const delays = { transcriptionMs: 0, chatMs: 0 };
  const mode: { transcription: 'queue' | 'frame' } = { transcription: 'queue' };
  const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );

  const fault = async (reply: import('fastify').FastifyReply): Promise<Fault | null> => {
    if (faults.times <= 0 || faults.next === 'none') return null;
    faults.times--;
    const f = faults.next;
    if (f === 'fail') {
      await reply
        .status(500)
        .send({ error: { message: 'test server: failure on demand', type: 'server_error' } });
      return f;
    }
    if (f === 'refuse') {
      await reply
        .status(401)
        .send({ error: { message: 'test server: invalid api key', type: 'invalid_request_error' } });
      return f;
    }
    if (f === 'stall') await new Promise((r) => setTimeout(r, 60_000));
    return f;
  };

  app.post('/v1/audio/transcriptions', async (req, reply) => {
    const raw = z.instanceof(Buffer).parse(req.body);
    const text = raw.toString('latin1');
    const field = (name: string) => new RegExp(`name="${name}"\\r\\n\\r\\n([^\\r]*)`).exec(text)?.[1] ?? null;
    requests.push({
      path: req.url,
      body: {
        model: field('model'),
        language: field('language'),
        prompt: field('prompt'),
        bytes: raw.length,
      },
      at: new Date().toISOString(),
    });
    const f = await fault(reply);
    if (f === 'fail' || f === 'refuse') return reply;
    if (f === 'malformed') return reply.type('application/json').send('{"text": ');
    await sleep(delays.transcriptionMs);
    if (mode.transcription === 'frame') {
      // Names the piece by the first MPEG frame's payload byte, so a test can check the join order.
      const fileStart = text.indexOf('\r\n\r\n', text.indexOf('filename=')) + 4;
      return { text: `Teil ${raw.readUInt16BE(fileStart + 4)}` };
    }
    return { text: transcripts.shift() ?? 'Guten Tag, hier spricht der Testserver.' };
  });

  app.post('/v1/chat/completions', async (req, reply) => {
    const body = chatBody.parse(req.body);
    requests.push({ path: req.url, body, at: new Date().toISOString() });
    const f = await fault(reply);
    if (f === 'fail' || f === 'refuse') return reply;
    await sleep(delays.chatMs);
    const user = body.messages?.find((m) => m.role === 'user')?.content ?? '';
    const date =
      /Gesprächsdatum:\s*(\d{4}-\d{2}-\d{2})/.exec(user)?.[1] ?? new Date().toISOString().slice(0, 10);
    const transcript = user.split(/Transkript:\s*\n/)[1] ?? user;
    let record: Record<string, unknown> = extractByRules(transcript, date);
    let content = planted.shift() ?? JSON.stringify(record);
    if (f === 'malformed') content = '{"callType": "candidate", "summary": ';
    if (f === 'unsupported_value') {
      record = {
        ...record,
        currentSalaryEur: 99000,
        evidence: {
          ...(record['evidence'] as object),
          currentSalaryEur: 'ich verdiene neunundneunzigtausend',
        },
      };
      content = JSON.stringify(record);
    }
    return {
      id: `chatcmpl-test-${requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model ?? 'test',
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    };
  });

  // Control surface for tests.
  app.post('/_test/transcripts', async (req) => {
    transcripts.push(z.object({ text: z.string() }).parse(req.body).text);
    return { queued: transcripts.length };
  });
  app.post('/_test/completions', async (req) => {
    planted.push(
      JSON.stringify(z.object({ record: z.record(z.string(), z.unknown()) }).parse(req.body).record),
    );
    return { queued: planted.length };
  });
  app.post('/_test/faults', async (req) => {
    const b = z
      .object({
        next: z.enum(['none', 'fail', 'stall', 'refuse', 'malformed', 'unsupported_value']),
        times: z.number().int().min(0).default(1),
      })
      .parse(req.body);
    faults.next = b.next;
    faults.times = b.times;
    return faults;
  });
  app.get('/_test/requests', async () => ({ requests }));
  app.post('/_test/mode', async (req) => {
    Object.assign(mode, z.object({ transcription: z.enum(['queue', 'frame']) }).parse(req.body));
    return mode;
  });
  app.post('/_test/delays', async (req) => {
    Object.assign(
      delays,
      z
        .object({
          transcriptionMs: z.number().int().min(0).optional(),
          chatMs: z.number().int().min(0).optional(),
        })
        .parse(req.body),
    );
    return delays;
  });

  await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
  const addr = app.server.address();
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${typeof addr === 'object' && addr ? addr.port : opts.port}`,
    requests,
    close: () => app.close(),
  };
}
