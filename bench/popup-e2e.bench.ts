// End-to-end pop-up benchmark: signed telephony_calls webhook sent → the call event received by a
// subscribed SSE client, timed on this process's clock. CallBridge runs as its own process
// (`callbridge serve`) with persistence on, on SQLite unless DATABASE_URL says otherwise.
//
//   node bench/popup-e2e.bench.ts [--sequential 500] [--calls 2000] [--concurrency 20] [--leads 2000]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { addUser } from '../src/auth/userAccounts.ts';
import { importCsv } from '../src/crm/csvImporter.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { signBody } from '../src/webhooks/signature.ts';
import { freePort } from '../test/support/serviceProcess.ts';
import { SseClient } from '../test/support/sseClient.ts';

const { values: args } = parseArgs({
  options: {
    sequential: { type: 'string', default: '500' },
    calls: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '20' },
    leads: { type: 'string', default: '2000' },
  },
});
const SECRET = 'benchmark-webhook-secret-0123456789';
const PERSON = 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS9iZW5jaA';

const dir = mkdtempSync(join(tmpdir(), 'cb-bench-'));
const databaseUrl = process.env['DATABASE_URL'] ?? `sqlite:${join(dir, 'bench.db')}`;
const database = openDatabase(databaseUrl);
await migrateToLatest(database);
await addUser(database.db, { username: 'bench', password: 'bench-password', webexPersonId: PERSON });
// A CRM of realistic size: half of the benchmark's callers are known leads.
const leads = Number(args.leads);
const csv = [
  'firma;telefon',
  ...Array.from({ length: leads }, (_, i) => `Firma ${i} GmbH;+49 30 ${String(5_000_000 + i * 2)}`),
].join('\n');
await importCsv(database.db, { defaultRegion: 'DE', minDigits: 4 }, 'leads', csv);
await database.close();

const port = await freePort();
const child = spawn(process.execPath, ['src/cli/main.ts', 'serve'], {
  env: {
    ...process.env,
    NODE_OPTIONS: process.env['CB_CHILD_NODE_OPTIONS'] ?? '',
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    WEBEX_WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const url = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${url}/readyz`)).ok) break;
  } catch {}
  if (i > 400) throw new Error('callbridge did not start');
  await new Promise((r) => setTimeout(r, 50));
}
const login = await fetch(`${url}/api/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'bench', password: 'bench-password' }),
});
const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
const sse = await SseClient.connect(`${url}/api/events`, { cookie });
await sse.waitFor((e) => e.event === 'snapshot');

const pending = new Map<string, { sentAt: number; resolve: (ms: number) => void }>();
sse.onEvent = (e) => {
  if (e.event !== 'call') return;
  const number = (JSON.parse(e.data) as { number: string }).number;
  const p = pending.get(number);
  if (p) {
    pending.delete(number);
    p.resolve(e.receivedAt - p.sentAt);
  }
};

let seq = 0;
async function oneCall(): Promise<number> {
  const n = seq++;
  // Even n: a known lead's number; odd: unknown.
  const number = `+4930${String(5_000_000 + (n % (leads * 2)))}`;
  const body = JSON.stringify({
    id: 'Y2lzY29zcGFyazovL3VzL1dFQkhPT0svYmVuY2g',
    resource: 'telephony_calls',
    event: 'created',
    actorId: PERSON,
    data: {
      eventType: 'alerting',
      eventTimestamp: new Date().toISOString(),
      actorPersonId: PERSON,
      callId: `bench-call-${n}-${process.pid}`,
      callSessionId: `bench-session-${n}`,
      personality: 'terminator',
      state: 'alerting',
      remoteParty: { number, privacyEnabled: false, callType: 'external' },
      created: new Date().toISOString(),
    },
  });
  const received = new Promise<number>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`lost: ${number}`)), 10_000);
    pending.set(number, {
      sentAt: performance.now(),
      resolve: (ms) => {
        clearTimeout(t);
        resolve(ms);
      },
    });
  });
  pending.get(number)!.sentAt = performance.now();
  const res = await fetch(`${url}/webhooks/webex`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-spark-signature': signBody(body, SECRET) },
    body,
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`webhook refused: ${res.status}`);
  return received;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const summary = (name: string, lat: number[], lost: number, wallMs: number) => ({
  name,
  calls: lat.length + lost,
  delivered: lat.length,
  lost,
  p50: +pct(lat, 50).toFixed(2),
  p90: +pct(lat, 90).toFixed(2),
  p99: +pct(lat, 99).toFixed(2),
  max: +Math.max(...lat).toFixed(2),
  callsPerSecond: Math.round((lat.length / wallMs) * 1000),
});

// Warm-up: JIT, connection pool, SQLite page cache.
for (let i = 0; i < 100; i++) await oneCall();

const results = [];
{
  const lat: number[] = [];
  let lost = 0;
  const t0 = performance.now();
  for (let i = 0; i < Number(args.sequential); i++) {
    try {
      lat.push(await oneCall());
    } catch {
      lost++;
    }
  }
  results.push(summary('sequential', lat, lost, performance.now() - t0));
}
{
  const total = Number(args.calls);
  const conc = Number(args.concurrency);
  const lat: number[] = [];
  let lost = 0;
  let started = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: conc }, async () => {
      while (started < total) {
        started++;
        try {
          lat.push(await oneCall());
        } catch {
          lost++;
        }
      }
    }),
  );
  results.push(summary(`concurrency ${conc}`, lat, lost, performance.now() - t0));
}

await sse.close();
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dir, { recursive: true, force: true });

console.log(
  `\nbackend: ${databaseUrl.startsWith('sqlite') ? 'SQLite (file, WAL)' : 'PostgreSQL'}; leads in CRM: ${leads}; node ${process.version}`,
);
console.log('| run | calls | delivered | lost | p50 ms | p90 ms | p99 ms | max ms | calls/s |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of results)
  console.log(
    `| ${r.name} | ${r.calls} | ${r.delivered} | ${r.lost} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} | ${r.callsPerSecond} |`,
  );
