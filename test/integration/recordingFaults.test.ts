import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenAiTestServer, startOpenAiTestServer } from '../../src/testServer/openaiTestServer.ts';
import { addCandidate } from '../support/records.ts';
import { type Stack, startStack } from '../support/stack.ts';
import { configureIntegration, connectWebex } from '../support/webexConnect.ts';

const SAID = 'Kandidatin: Ich verdiene achtundvierzigtausend brutto. Kündigungsfrist sind sechs Wochen.';

/** Webex and provider faults on the way through the pipeline, and the forwarder to an old backend. */
describe('recordings under faults', () => {
  let stack: Stack;
  let ai: OpenAiTestServer;
  let backend: Server;
  let backendUrl = '';
  const received: { method: string; url: string; key: string | undefined; body: Record<string, unknown> }[] =
    [];
  let backendFailures = 0;
  let candidateId = '';

  const post = (url: string, body: object) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const simFaults = (body: object) => post(`${stack.sim.url}/_sim/recordings/faults`, body);
  const record = async (callingNumber: string) => {
    await post(`${ai.url}/_test/transcripts`, { text: SAID });
    return (await post(`${stack.sim.url}/_sim/recordings`, {
      personId: stack.personId,
      callingNumber,
      mp3Frames: 300,
    }).then((r) => r.json())) as { id: string; sizeBytes: number };
  };
  const recording = (webexId: string) => stack.recordingOf(webexId);
  const audit = async (id: string) =>
    stack.app.ctx.db
      .selectFrom('recording_audit')
      .select(['event', 'detail'])
      .where('recording_id', '=', id)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    ai = await startOpenAiTestServer();
    backend = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => {
        body += d;
      });
      req.on('end', () => {
        received.push({
          method: req.method ?? '',
          url: req.url ?? '',
          key: req.headers['x-api-key'] as string | undefined,
          body: JSON.parse(body || '{}'),
        });
        if (backendFailures > 0) {
          backendFailures--;
          res.writeHead(503).end();
        } else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => backend.listen(0, '127.0.0.1', r));
    const addr = backend.address();
    backendUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    stack = await startStack({
      transcriptionProvider: 'openai-compatible',
      transcriptionBaseUrl: `${ai.url}/v1`,
      extractionProvider: 'rules',
      recordingDownloadHosts: ['127.0.0.1'],
      legacyBackendUrl: backendUrl,
      legacyBackendApiKey: 'old-backend-key',
    });
    await configureIntegration(stack);
    await connectWebex(stack, await stack.login('milad', 'milad-password'));
    candidateId = (
      await addCandidate(stack, {
        firstName: 'Jana',
        lastName: 'Roth',
        phones: ['0511 7654321'],
      })
    ).id;
  });
  afterAll(async () => {
    await stack?.close();
    await ai?.close();
    await new Promise((r) => backend?.close(r));
  });

  it('fetches fresh details when the audio link has expired, instead of retrying the dead link', async () => {
    await simFaults({ linkTtlSec: 0 });
    const { id } = await record('+495117654321');
    setTimeout(() => void simFaults({ linkTtlSec: 3 * 3600 }), 1500);
    await stack.app.pipeline.drain(20_000);
    const rec = await recording(id);
    expect(rec).toMatchObject({ status: 'done', record_id: candidateId, audio_path: null });
    expect((await audit(rec.id)).filter((a) => a.event === 'downloaded')).toHaveLength(1);
  });

  it('retries a truncated download and a 503 on the details, then finishes', async () => {
    await simFaults({
      truncate: { times: 1, fraction: 0.4 },
      fail: { on: 'details', status: 503, times: 1 },
    });
    const { id, sizeBytes } = await record('+495117654321');
    await stack.app.pipeline.drain(20_000);
    const rec = await recording(id);
    expect(rec.status).toBe('done');
    const downloaded = (await audit(rec.id)).find((a) => a.event === 'downloaded')!;
    expect(downloaded.detail).toBe(`${sizeBytes} bytes`);
    expect(stack.sim.recordings.deletions.get(id)).toBe(1);
  });

  it('stops a recording that Webex no longer has (404) with a German reason', async () => {
    // The fault first: the delivery starts the pipeline at once, before a later request could set it.
    await simFaults({ fail: { on: 'details', status: 404, times: 1 } });
    const { id } = await record('+495117654321');
    await stack.app.pipeline.drain(20_000);
    const rec = await recording(id);
    expect(rec).toMatchObject({ status: 'failed', step: 'details' });
    expect(rec.last_error).toContain('Aufnahme gibt es bei Webex nicht');
    // "Erneut versuchen" (the fault was a one-off): the recording goes on from its step.
    const retry = await fetch(`${stack.url}/aufnahmen/${rec.id}/erneut`, {
      method: 'POST',
      headers: { cookie: await stack.login('milad', 'milad-password'), origin: stack.url },
      redirect: 'manual',
    });
    expect(retry.status).toBe(303);
    await stack.app.pipeline.drain(20_000);
    expect((await recording(id)).status).toBe('done');
  });

  it('forwards each result to the old backend with X-API-Key, retrying its 503', async () => {
    // Earlier tests' notes are forwarded too; let those finish so this test counts only its own.
    await stack.app.queue.drain(['legacy.forward'], 20_000);
    received.length = 0;
    backendFailures = 1;
    const known = await record('+495117654321');
    const unknown = await record('+4930555000111');
    await stack.app.pipeline.drain(20_000);
    await stack.app.queue.drain(['legacy.forward'], 20_000);
    const patches = received.filter((r) => r.method === 'PATCH');
    const posts = received.filter((r) => r.method === 'POST');
    expect(new Set(patches.map((p) => p.url))).toEqual(new Set([`/api/candidates/${candidateId}`]));
    expect(new Set(posts.map((p) => p.url))).toEqual(new Set(['/api/akquise/unassigned-calls']));
    // Whichever arrived first was answered 503 and sent again: three requests for two results.
    expect(received).toHaveLength(3);
    expect(patches.length + posts.length).toBe(3);
    expect(Math.max(patches.length, posts.length)).toBe(2);
    expect(received.every((r) => r.key === 'old-backend-key')).toBe(true);
    expect(patches.at(-1)!.body).toMatchObject({
      currentSalaryEur: 48000,
      noticePeriod: { amount: 6, unit: 'weeks', toEndOf: null },
    });
    expect(posts[0]!.body).toMatchObject({ phoneNumber: '+4930555000111' });
    expect((await recording(unknown.id)).inbox).toBe(1);
    expect((await recording(known.id)).record_id).toBe(candidateId);
  });
});
