// Recordings pipeline benchmark: (1) overhead per recording around the providers, (2) 100 recordings
// against providers with fixed answer times at the configured concurrency, compared with the ideal
// (recordings × provider time / concurrency). In-process CallBridge on SQLite, the Webex simulator and
// the OpenAI test double on loopback; every Webex call (details, audio, delete) is real HTTP.
//
//   node bench/recordings-pipeline.bench.ts [--count 100] [--concurrency 4] [--transcription-ms 300] [--chat-ms 100]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startCallBridge } from '../src/app/start.ts';
import { addUser } from '../src/auth/userAccounts.ts';
import { loadConfig } from '../src/config/config.ts';
import { startSimulator } from '../src/simulator/simulatorServer.ts';
import { startOpenAiTestServer } from '../src/testServer/openaiTestServer.ts';
import { generateKey } from '../src/webex/secretBox.ts';
import { freePort } from '../test/support/serviceProcess.ts';
import type { Stack } from '../test/support/stack.ts';
import { configureIntegrationAsAdmin, connectWebex } from '../test/support/webexConnect.ts';

const { values: a } = parseArgs({
  options: {
    count: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '4' },
    'transcription-ms': { type: 'string', default: '300' },
    'chat-ms': { type: 'string', default: '100' },
  },
});
const count = Number(a.count);
const concurrency = Number(a.concurrency);
const providerMs = Number(a['transcription-ms']) + Number(a['chat-ms']);
const TRANSCRIPT =
  'Recruiter: Was verdienen Sie?\nKandidat: Fünfzigtausend brutto.\nRecruiter: Kündigungsfrist?\nKandidat: Drei Monate zum Monatsende.';

const dir = mkdtempSync(join(tmpdir(), 'cb-pipe-bench-'));
const ai = await startOpenAiTestServer();
const oauth = { clientId: 'Cbench-client-0001', clientSecret: 'bench-client-secret-0001' };
const sim = await startSimulator({ port: 0, oauth });
const port = await freePort();
const app = await startCallBridge(
  loadConfig({
    env: {},
    overrides: {
      port,
      publicUrl: `http://127.0.0.1:${port}`,
      databaseUrl: `sqlite:${join(dir, 'bench.db')}`,
      webexApiUrl: `${sim.url}/v1`,
      encryptionKey: generateKey(),
      logLevel: 'silent',
      transcriptionProvider: 'openai-compatible',
      transcriptionBaseUrl: `${ai.url}/v1`,
      extractionProvider: 'openai-compatible',
      extractionBaseUrl: `${ai.url}/v1`,
      recordingDownloadHosts: ['127.0.0.1'],
      recordingTmpDir: join(dir, 'tmp'),
      recordingConcurrency: concurrency,
    },
  }),
);
await addUser(app.ctx.db, { username: 'admin', password: 'admin-password', role: 'admin' });
const login = await fetch(`${app.url}/api/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'admin', password: 'admin-password' }),
});
const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
const stackLike = { url: app.url, sim, personId: sim.state.people[0]!.id } as Stack;
await configureIntegrationAsAdmin(stackLike, cookie, oauth.clientId, oauth.clientSecret);
await connectWebex(stackLike, cookie);

const post = (url: string, body: object) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
async function enqueue(n: number) {
  for (let i = 0; i < n; i++) {
    await post(`${ai.url}/_test/transcripts`, { text: TRANSCRIPT });
    await post(`${sim.url}/_sim/recordings`, {
      personId: stackLike.personId,
      callingNumber: `+4930${7_000_000 + i}`,
      sizeBytes: 200_000,
    });
  }
}
const pct = (xs: number[], p: number) =>
  [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

// (1) Overhead: providers answer at once, one recording at a time.
await post(`${ai.url}/_test/delays`, { transcriptionMs: 0, chatMs: 0 });
// Measured in the database: from the committed webhook delivery (created_at) to the commit of the last
// step (done_at), i.e. six claimed and committed jobs with details, download, upload, extraction, apply
// and delete — everything but provider think time (zero here).
for (let i = 0; i < 30; i++) {
  await enqueue(1);
  await app.pipeline.drain(60_000);
}
const timed = await app.ctx.db.selectFrom('recordings').select(['created_at', 'done_at']).execute();
const overhead = timed.map((r) => Date.parse(r.done_at!) - Date.parse(r.created_at));

// (2) Throughput against providers with fixed answer times.
await post(`${ai.url}/_test/delays`, {
  transcriptionMs: Number(a['transcription-ms']),
  chatMs: Number(a['chat-ms']),
});
await enqueue(count);
const t0 = performance.now();
await app.pipeline.drain(10 * 60_000);
const wall = performance.now() - t0;
const done = await app.ctx.db
  .selectFrom('recordings')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('status', '=', 'done')
  .executeTakeFirstOrThrow();
const ideal = (count * providerMs) / concurrency;

await app.close();
await sim.close();
await ai.close();
rmSync(dir, { recursive: true, force: true });

console.log(`\nnode ${process.version}; SQLite; Webex simulator and OpenAI test double on loopback`);
console.log('| measurement | value |');
console.log('|---|---|');
console.log(
  `| overhead per recording (30 runs, providers answering at once): p50 / p90 | ${pct(overhead, 50).toFixed(1)} ms / ${pct(overhead, 90).toFixed(1)} ms |`,
);
console.log(
  `| ${count} recordings, provider time ${providerMs} ms each, concurrency ${concurrency}: wall time | ${(wall / 1000).toFixed(2)} s |`,
);
console.log(`| ideal (recordings × provider time ÷ concurrency) | ${(ideal / 1000).toFixed(2)} s |`);
console.log(`| ratio wall ÷ ideal | ${(wall / ideal).toFixed(3)} |`);
console.log(`| recordings done | ${Number(done.n)} of ${count + 30} |`);
