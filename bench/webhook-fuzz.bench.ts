// Webhook fuzz benchmark: the generator of test/integration/webhookFuzz.test.ts at scale (≥ 10,000
// deliveries) against CallBridge and the Webex simulator as real HTTP servers in this process, with the
// two webhooks CallBridge registers (each its own secret, no WEBEX_WEBHOOK_SECRET). Prints what must hold
// (0 forgeries accepted, 0 5xx, every authentic event applied once) and how fast the intake answered.
//
//   node bench/webhook-fuzz.bench.ts [--count 10000] [--seed 20261201] [--concurrency 8]
//   CB_TEST_DB=postgres node bench/webhook-fuzz.bench.ts     # on the local PostgreSQL
import { parseArgs } from 'node:util';
import { CLIENT_ID, CLIENT_SECRET, startStack } from '../test/support/stack.ts';
import { testBackend } from '../test/support/testDatabase.ts';
import { configureIntegrationAsAdmin, connectWebex } from '../test/support/webexConnect.ts';
import { checkFuzz, type FuzzDelivery, generateFuzz, sendFuzz } from '../test/support/webhookFuzz.ts';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '20261201' },
    concurrency: { type: 'string', default: '8' },
  },
});
const count = Number(args.count);
const seed = Number(args.seed);
const concurrency = Number(args.concurrency);
const BODY_LIMIT = 64 * 1024;

const stack = await startStack({ webhookSecret: undefined, webhookBodyLimitBytes: BODY_LIMIT });
try {
  const milad = await stack.login('milad', 'milad-password');
  await configureIntegrationAsAdmin(
    stack,
    await stack.login('admin', 'admin-password'),
    CLIENT_ID,
    CLIENT_SECRET,
  );
  await connectWebex(stack, milad);
  const hook = (resource: string) =>
    [...stack.sim.state.webhooks.values()].find(
      (h) => h.name.startsWith('CallBridge') && h.createdBy === stack.personId && h.resource === resource,
    )!;
  const runId = `bench${seed}`;
  const deliveries = generateFuzz(
    {
      url: stack.url,
      personId: stack.personId,
      calls: { id: hook('telephony_calls').id, secret: hook('telephony_calls').secret! },
      recordings: { id: hook('convergedRecordings').id, secret: hook('convergedRecordings').secret! },
      bodyLimitBytes: BODY_LIMIT,
    },
    { seed, count, runId },
  );

  // Time each request on this process's clock.
  const timed: { d: FuzzDelivery; ms: number }[] = [];
  const started = performance.now();
  const answers = await sendFuzz(stack.url, deliveries, concurrency, (d, ms) => timed.push({ d, ms }));
  const seconds = (performance.now() - started) / 1000;
  const report = await checkFuzz(stack.app.ctx.db, runId, deliveries, answers);

  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : 0;
  };
  const ms = timed.map((t) => t.ms);
  const kinds = new Map<string, { n: number; statuses: Set<number>; ms: number[] }>();
  const msOf = new Map(timed.map((t) => [t.d.n, t.ms]));
  for (const d of deliveries) {
    const k = kinds.get(d.kind) ?? { n: 0, statuses: new Set(), ms: [] };
    k.n++;
    k.statuses.add(answers[d.n]!.status);
    k.ms.push(msOf.get(d.n) ?? 0);
    kinds.set(d.kind, k);
  }
  console.log(`backend: ${testBackend()}, seed ${seed}, ${count} deliveries, concurrency ${concurrency}`);
  console.log('| kind | n | answers | p50 ms | p99 ms |\n|---|---|---|---|---|');
  for (const [kind, k] of [...kinds].sort((a, b) => b[1].n - a[1].n))
    console.log(
      `| ${kind} | ${k.n} | ${[...k.statuses].sort().join(', ')} | ${pct(k.ms, 50).toFixed(1)} | ${pct(k.ms, 99).toFixed(1)} |`,
    );
  console.log(
    [
      `\nsent ${report.sent} in ${seconds.toFixed(1)} s (${Math.round(report.sent / seconds)}/s); latency p50 ${pct(ms, 50).toFixed(2)} ms, p99 ${pct(ms, 99).toFixed(2)} ms, max ${pct(ms, 100).toFixed(2)} ms`,
      `by expectation: ${JSON.stringify(report.byExpect)}`,
      `forgeries accepted: ${report.acceptedForgeries.length}`,
      `5xx or connection errors: ${report.serverErrors.length}`,
      `answers not as expected: ${report.wrongAnswers.length}${
        report.wrongAnswers.length
          ? ` (${report.wrongAnswers
              .slice(0, 5)
              .map((w) => `${w.d.kind} → ${w.a.status}`)
              .join('; ')})`
          : ''
      }`,
      `authentic events: ${report.uniqueEvents}, applied once: ${report.appliedOnce}, first answers wrong: ${report.firstAnswersWrong.length}, unexpected rows: ${report.unexpectedRows}`,
      `calls ${report.callsFound}/${report.callsExpected}, recordings ${report.recordingsFound}/${report.recordingsExpected}`,
    ].join('\n'),
  );
  const ok =
    report.acceptedForgeries.length === 0 &&
    report.serverErrors.length === 0 &&
    report.wrongAnswers.length === 0 &&
    report.appliedOnce === report.uniqueEvents &&
    report.firstAnswersWrong.length === 0 &&
    report.unexpectedRows === 0 &&
    report.callsFound === report.callsExpected &&
    report.recordingsFound === report.recordingsExpected;
  console.log(ok ? 'RESULT: ok' : 'RESULT: FAILED');
  process.exitCode = ok ? 0 : 1;
} finally {
  await stack.close();
}
