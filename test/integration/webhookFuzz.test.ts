import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../support/stack.ts';
import { connectMilad } from '../support/webexConnect.ts';
import { checkFuzz, generateFuzz, sendFuzz } from '../support/webhookFuzz.ts';

const SEED = Number(process.env['CB_FUZZ_SEED'] ?? 20261201);
const COUNT = 400;

/**
 * Generated deliveries against the real intake, with the two webhooks CallBridge registered (each with
 * its own secret, no WEBEX_WEBHOOK_SECRET): 0 forgeries accepted, 0 server errors, every authentic event
 * applied exactly once. `bench/webhook-fuzz.bench.ts` runs the same generator with ≥ 10,000.
 */
describe('webhook fuzz', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ webhookSecret: undefined, webhookBodyLimitBytes: 64 * 1024 });
    await connectMilad(stack);
  });
  afterAll(() => stack?.close());

  it(`${COUNT} deliveries (seed ${SEED}): no forgery accepted, no 5xx, each authentic event applied once`, async () => {
    const hook = (resource: string) =>
      [...stack.sim.state.webhooks.values()].find(
        (h) => h.name.startsWith('CallBridge') && h.createdBy === stack.personId && h.resource === resource,
      )!;
    const targets = {
      url: stack.url,
      personId: stack.personId,
      calls: { id: hook('telephony_calls').id, secret: hook('telephony_calls').secret! },
      recordings: { id: hook('convergedRecordings').id, secret: hook('convergedRecordings').secret! },
      bodyLimitBytes: 64 * 1024,
    };
    const runId = `fz${SEED}`;
    const deliveries = generateFuzz(targets, { seed: SEED, count: COUNT, runId });
    // Every kind is in the mix (the generator is deterministic, so this holds for the seed).
    const kinds = new Set(deliveries.map((d) => d.expect));
    expect([...kinds].sort()).toEqual(['apply', 'forgery', 'invalid', 'replay']);
    const answers = await sendFuzz(stack.url, deliveries, 8);
    // Let the sweeper catch anything stored for retry before the database is compared.
    await new Promise((r) => setTimeout(r, 200));
    const report = await checkFuzz(stack.app.ctx.db, runId, deliveries, answers);
    if (process.env['CB_FUZZ_DEBUG'])
      console.log(
        JSON.stringify(
          {
            ...report,
            notApplied: deliveries
              .filter((d) => d.expect === 'apply' && report.notApplied.includes(d.dedupKey!))
              .map((d) => d.kind),
            firstAnswersWrong: report.firstAnswersWrong.length,
            wrong: report.wrongAnswers.slice(0, 10).map((x) => [x.d.kind, x.a]),
            serverErrors: report.serverErrors.slice(0, 5).map((x) => [x.d.kind, x.a]),
            acceptedForgeries: report.acceptedForgeries.map((d) => d.kind),
          },
          null,
          1,
        ),
      );
    const show = (xs: { d: { kind: string; n: number }; a?: unknown }[]) =>
      xs.slice(0, 5).map((x) => `#${x.d.n} ${x.d.kind} → ${JSON.stringify(x.a)}`);
    expect(report.acceptedForgeries.map((d) => `#${d.n} ${d.kind}`)).toEqual([]);
    expect(show(report.serverErrors)).toEqual([]);
    expect(show(report.wrongAnswers)).toEqual([]);
    expect(report.notApplied).toEqual([]);
    expect(report.firstAnswersWrong).toEqual([]);
    expect(report.unexpectedRows).toBe(0);
    expect(report.callsFound).toBe(report.callsExpected);
    expect(report.recordingsFound).toBe(report.recordingsExpected);
    expect(report.byExpect.forgery).toBeGreaterThan(100);
    expect(report.byExpect.replay).toBeGreaterThan(20);
    expect(report.uniqueEvents).toBeGreaterThan(100);
    // Still serving.
    expect((await fetch(`${stack.url}/healthz`)).status).toBe(200);
  });
});
