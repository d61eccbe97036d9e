// Recordings pipeline benchmark: (1) overhead per recording around the providers, (2) 100 recordings
// against providers with fixed answer times at the configured concurrency, compared with the ideal
// (recordings × provider time / concurrency).
//
// CallBridge runs as its own process (`callbridge serve`, on SQLite), as it does in production; the Webex
// simulator and the OpenAI test double run in this process and stand for services elsewhere. Every
// Webex call (details, audio, delete) and every provider call is real HTTP. Times are read from the
// database CallBridge writes (when the delivery was stored, when the last step committed), so polling
// here adds nothing to them.
//
//   node bench/recordings-pipeline.bench.ts [--count 100] [--concurrency 4] [--transcription-ms 300] [--chat-ms 100]
import { existsSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/database.ts';
import { startRecordingService } from './support/recordingService.ts';

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
// A valid MP3 of 480 frames (128 kbit/s, 12.5 s, 200 kB), as Webex would serve.
const MP3_FRAMES = 480;

const { sim, ai, dbUrl, tmpDir, personId, close } = await startRecordingService({
  name: 'pipe-bench',
  env: {
    EXTRACTION_PROVIDER: 'openai-compatible',
    RECORDING_CONCURRENCY: String(concurrency),
  },
});
const db = openDatabase(dbUrl);

const post = (url: string, body: object) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
let numbers = 0;
async function enqueue(n: number) {
  for (let i = 0; i < n; i++) {
    await post(`${ai.url}/_test/transcripts`, { text: TRANSCRIPT });
    const res = await post(`${sim.url}/_sim/recordings`, {
      personId,
      callingNumber: `+4930${7_000_000 + numbers++}`,
      mp3Frames: MP3_FRAMES,
    });
    if (!res.ok) throw new Error(`simulator refused the recording: ${res.status}`);
  }
}
let audioOnDisk = 0;
/** Waits until every recording is done; fails on a stopped one. Notes how many audio files were on disk. */
async function settled(expected: number) {
  for (;;) {
    if (existsSync(tmpDir)) audioOnDisk = Math.max(audioOnDisk, readdirSync(tmpDir).length);
    const rows = await db.db
      .selectFrom('recordings')
      .select(['status'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .groupBy('status')
      .execute();
    const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    if (by['failed']) throw new Error(`${by['failed']} recordings stopped`);
    if ((by['done'] ?? 0) >= expected) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}
const pct = (xs: number[], p: number) =>
  [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

// Warm-up (JIT, connections), then (1) overhead: providers answer at once, one recording at a time.
// Measured in the database: from the committed webhook delivery (created_at) to the commit of the last
// step (done_at): six claimed and committed jobs with details, download, upload, extraction, apply and
// delete — everything but provider think time (zero here).
await post(`${ai.url}/_test/delays`, { transcriptionMs: 0, chatMs: 0 });
const WARMUP = 5;
await enqueue(WARMUP);
await settled(WARMUP);
const OVERHEAD_RUNS = 30;
for (let i = 0; i < OVERHEAD_RUNS; i++) {
  await enqueue(1);
  await settled(WARMUP + i + 1);
}
const timed = await db.db
  .selectFrom('recordings')
  .select(['created_at', 'done_at'])
  .orderBy('created_at')
  .execute();
const overhead = timed.slice(WARMUP).map((r) => Date.parse(r.done_at!) - Date.parse(r.created_at));

// (2) Throughput against providers with fixed answer times: from the first webhook sent to the last
// recording's last commit.
await post(`${ai.url}/_test/delays`, {
  transcriptionMs: Number(a['transcription-ms']),
  chatMs: Number(a['chat-ms']),
});
const before = WARMUP + OVERHEAD_RUNS;
audioOnDisk = 0;
const t0 = Date.now();
await enqueue(count);
await settled(before + count);
const last = await db.db
  .selectFrom('recordings')
  .select((eb) => eb.fn.max('done_at').as('at'))
  .executeTakeFirstOrThrow();
const wall = Date.parse(String(last.at)) - t0;
const ideal = (count * providerMs) / concurrency;

await db.close();
await close();

console.log(
  `\nnode ${process.version}; CallBridge as its own process on SQLite; simulator and test double on loopback`,
);
console.log('| measurement | value |');
console.log('|---|---|');
console.log(
  `| overhead per recording (${OVERHEAD_RUNS} runs, providers answering at once): p50 / p90 | ${pct(overhead, 50).toFixed(1)} ms / ${pct(overhead, 90).toFixed(1)} ms |`,
);
console.log(
  `| ${count} recordings, provider time ${providerMs} ms each, concurrency ${concurrency}: wall time | ${(wall / 1000).toFixed(2)} s |`,
);
console.log(`| ideal (recordings × provider time ÷ concurrency) | ${(ideal / 1000).toFixed(2)} s |`);
console.log(`| ratio wall ÷ ideal | ${(wall / ideal).toFixed(3)} |`);
console.log(`| audio files on disk at once, at most (sampled every 10 ms) | ${audioOnDisk} |`);
console.log(`| recordings done | ${count + before} of ${count + before} |`);
