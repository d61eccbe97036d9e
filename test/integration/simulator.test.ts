import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSimulator, startSimulator } from '../../src/simulator/simulatorServer.ts';

/** The Webex simulator on its own: how it answers its users (tests, the demo, a person at its page). */
describe('Webex simulator', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
  });
  afterAll(() => sim?.close());

  it('answers a malformed control request with 400 and what is wrong', async () => {
    const res = await fetch(`${sim.url}/_sim/recordings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sizeBytes: -1 }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/sizeBytes: /);
  });

  it('tells on its page that calls to a person without a webhook are not delivered', async () => {
    const page = await (await fetch(`${sim.url}/_sim`)).text();
    expect(page).toContain('kein Webhook: wird nicht zugestellt');
    expect(page).toContain('nein – kein Webhook dieser Person');
  });
});
