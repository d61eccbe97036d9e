// Memory while a long recording streams through the pipeline: CallBridge runs as its own process, built
// and started as the container image does (`npm run build`, then the Dockerfile's CMD), on SQLite; the Webex simulator serves a synthetic MP3 of the given length (128 kbit/s,
// 44.1 kHz) and the OpenAI test double takes the transcription uploads. The service's peak resident set
// (VmHWM from /proc) is read when the recording is done: download (streamed to a file), splitting at
// frame boundaries (25 MB / 20 min pieces), uploads of the pieces two at a time, extraction, deletion.
//
//   node bench/recording-rss.bench.ts [--minutes 120]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/database.ts';
import { imageStartCommand } from '../test/support/serviceProcess.ts';
import { startRecordingService } from './support/recordingService.ts';

const { values: a } = parseArgs({ options: { minutes: { type: 'string', default: '120' } } });
const minutes = Number(a.minutes);
const frames = Math.round((minutes * 60 * 44100) / 1152);

execFileSync(process.execPath, ['scripts/build.ts'], { stdio: 'ignore' });
const command = imageStartCommand(readFileSync('Dockerfile', 'utf8'));
const { svc, sim, ai, dbUrl, personId, close } = await startRecordingService({
  name: 'rss-bench',
  args: command.slice(1),
});
const rss = () => {
  const s = readFileSync(`/proc/${svc.child.pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(s)![1]);
  return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
};
const idle = rss();

const t0 = performance.now();
const createRes = await fetch(`${sim.url}/_sim/recordings`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ personId, callingNumber: '+4930123456', mp3Frames: frames }),
});
if (!createRes.ok)
  throw new Error(`simulator refused the recording: ${createRes.status} ${await createRes.text()}`);
const created = (await createRes.json()) as { id: string; sizeBytes: number };
const check = openDatabase(dbUrl);
let samples = 0;
let maxNow = 0;
for (;;) {
  const r = await check.db
    .selectFrom('recordings')
    .select(['status', 'step', 'last_error'])
    .where('webex_recording_id', '=', created.id)
    .executeTakeFirst();
  maxNow = Math.max(maxNow, rss().now);
  samples++;
  if (r?.status === 'done' || r?.status === 'failed') {
    if (r.status === 'failed') console.error(`failed at ${r.step}: ${r.last_error}`);
    break;
  }
  await new Promise((x) => setTimeout(x, 100));
}
const wall = performance.now() - t0;
const end = rss();
const uploads = ai.requests.filter((r) => r.path === '/v1/audio/transcriptions');
await check.close();
await close();

console.log(`\nnode ${process.version}; CallBridge as its own process on SQLite: ${command.join(' ')}`);
console.log('| measurement | value |');
console.log('|---|---|');
console.log(`| recording | ${minutes} min, ${(created.sizeBytes / 1024 / 1024).toFixed(1)} MB MP3 |`);
console.log(
  `| transcription uploads | ${uploads.length} pieces, largest ${(Math.max(...uploads.map((u) => (u.body as { bytes: number }).bytes)) / 1024 / 1024).toFixed(1)} MB |`,
);
console.log(`| RSS of the idle service | ${idle.now.toFixed(0)} MB |`);
console.log(`| peak RSS (VmHWM) of the service, whole run | ${end.peak.toFixed(0)} MB |`);
console.log(`| highest RSS sampled every 100 ms (${samples} samples) | ${maxNow.toFixed(0)} MB |`);
console.log(`| time from webhook to done | ${(wall / 1000).toFixed(1)} s |`);
