import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVICTED_RETRY_MS } from '../../src/http/sseRoute.ts';
import { SseClient } from '../support/sseClient.ts';
import { type Stack, startStack } from '../support/stack.ts';

/** Limits on what one client can hold open: event streams and slow request bodies. */
describe('HTTP bounds', () => {
  let stack: Stack;
  const open: SseClient[] = [];
  const stream = async (cookie: string) => {
    const c = await SseClient.connect(`${stack.url}/api/events`, { cookie });
    open.push(c);
    await c.waitFor((e) => e.event === 'snapshot');
    return c;
  };
  const closed = (c: SseClient) => c.waitFor((e) => e.event === 'superseded').then(() => c);

  beforeAll(async () => {
    stack = await startStack({ sseMaxStreamsPerUser: 2, sseMaxStreams: 3, requestTimeoutMs: 1000 });
  });
  afterAll(async () => {
    for (const c of open) await c.close();
    await stack?.close();
  });

  it('closes the oldest stream of a user beyond the per-user cap, and the oldest of all beyond the total', async () => {
    const milad = await stack.login('milad', 'milad-password');
    const sabine = await stack.login('sabine', 'sabine-password');
    const m1 = await stream(milad);
    const m2 = await stream(milad);
    const m3 = await stream(milad);
    const evicted = await closed(m1);
    expect(JSON.parse(evicted.events.at(-1)!.data).message).toMatch(/Zu viele offene Live-Verbindungen/);
    expect(evicted.retryMs).toBe(EVICTED_RETRY_MS);
    await expect.poll(() => m1.closedByServer).toBe(true);
    expect(m2.closedByServer || m3.closedByServer).toBe(false);

    // Total cap 3: sabine's second stream pushes out the oldest of all (m2), not her own.
    const s1 = await stream(sabine);
    expect(m2.closedByServer).toBe(false);
    await stream(sabine);
    await closed(m2);
    await expect.poll(() => m2.closedByServer).toBe(true);

    // The streams left still get events.
    await stack.ring({ from: '+4930999888', scenario: 'missed' });
    await m3.waitFor((e) => e.event === 'call');
    expect(m3.closedByServer || s1.closedByServer).toBe(false);
  });

  it('cuts a request whose body arrives too slowly', async () => {
    const { port } = new URL(stack.url);
    const started = Date.now();
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user',
        );
        // Then nothing more: a slow-loris body.
      });
      let got = '';
      socket.on('data', (d) => {
        got += d.toString();
      });
      socket.on('close', () => resolve(got));
      socket.on('error', reject);
      setTimeout(() => reject(new Error('connection still open after 10 s')), 10_000).unref();
    });
    const took = Date.now() - started;
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThan(5_000);
    // A normal request still works.
    expect((await fetch(`${stack.url}/healthz`)).status).toBe(200);
  });

  it("answers a malformed body with a German 4xx, never the parser's English", async () => {
    const post = (body: string, type: string) =>
      fetch(`${stack.url}/api/session`, { method: 'POST', headers: { 'content-type': type }, body });
    for (const [body, type, status] of [
      ['{"username":', 'application/json', 400],
      ['{"__proto__":{"role":"admin"},"username":"milad"}', 'application/json', 400],
      ['', 'application/json', 400],
      ['<login/>', 'application/xml', 415],
    ] as const) {
      const res = await post(body, type);
      expect(res.status).toBe(status);
      const j = (await res.json()) as { error: string; message: string; hint?: string };
      expect(j.message).not.toMatch(/Body is |cannot be|is set to|Unsupported|not valid|Media Type/);
      expect(j.error).not.toMatch(/^fst_/);
      expect(`${j.message} ${j.hint ?? ''}`).toMatch(/JSON|Content-Type/);
    }
  });
});
