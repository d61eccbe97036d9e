// End-to-end pop-up benchmark: signed telephony_calls webhook sent → the call event received by a
// subscribed SSE client, timed on this process's clock. CallBridge runs as its own process
// (`callbridge serve`) with persistence on, on SQLite unless DATABASE_URL says otherwise.
//
// With `--instances 1,2` (PostgreSQL) each listed setup runs in turn on a fresh database: N CallBridge
// processes on the same database, webhooks spread over them in turn, one SSE client on each instance. A
// call counts as delivered when every instance's client has it (so a webhook taken by instance 1 must
// reach the browser on instance 2), and its latency is the time until the last client got it.
//
//   node bench/popup-e2e.bench.ts [--sequential 500] [--calls 2000] [--concurrency 20] [--leads 2000]
//                                 [--instances 1] [--repeat 1]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
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
    instances: { type: 'string', default: '1' },
    repeat: { type: 'string', default: '1' },
  },
});
const SECRET = 'benchmark-webhook-secret-0123456789';
const PERSON = 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS9iZW5jaA';
const leads = Number(args.leads);
const setups = args.instances.split(',').map(Number);
const baseUrl = process.env['DATABASE_URL'];
const onPostgres = baseUrl?.startsWith('postgres') ?? false;
if (setups.some((n) => n > 1) && !onPostgres)
  throw new Error('several instances need PostgreSQL: set DATABASE_URL=postgres://…');

/** A fresh database for one setup: a new SQLite file, or the PostgreSQL database dropped and created. */
async function freshDatabase(dir: string): Promise<string> {
  if (!onPostgres) return `sqlite:${join(dir, 'bench.db')}`;
  const url = new URL(baseUrl!);
  const name = url.pathname.slice(1) || 'cb_bench';
  const admin = new pg.Client({
    connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).href,
  });
  await admin.connect();
  await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.query(`create database "${name}"`);
  await admin.end();
  return url.href;
}

// node:http with keep-alive rather than fetch: the load generator shares the CPUs with what it measures,
// and this costs it less per request.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Instance {
  child: ChildProcess;
  url: string;
  sse: SseClient;
}

async function startInstance(databaseUrl: string): Promise<Instance> {
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
  return { child, url, sse };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
/**
 * CPU seconds the CallBridge processes have used so far (Linux /proc; null elsewhere). Throughput on a
 * machine shared with other work swings by ±10 %; CPU time per call barely moves, so an A/B of two trees
 * in one sitting compares this column first.
 */
function serverCpuSeconds(instances: Instance[]): number | null {
  let ticks = 0;
  for (const inst of instances) {
    try {
      const fields = readFileSync(`/proc/${inst.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime + stime, fields 14 and 15 of stat(5)
    } catch {
      return null;
    }
  }
  return ticks / 100; // USER_HZ is 100 on Linux
}

const summary = (name: string, lat: number[], lost: number, wallMs: number, cpuSeconds: number | null) => ({
  name,
  calls: lat.length + lost,
  delivered: lat.length,
  lost,
  p50: +pct(lat, 50).toFixed(2),
  p90: +pct(lat, 90).toFixed(2),
  p99: +pct(lat, 99).toFixed(2),
  max: +Math.max(...lat).toFixed(2),
  callsPerSecond: Math.round((lat.length / wallMs) * 1000),
  serverCpuUsPerCall: cpuSeconds === null ? null : Math.round((cpuSeconds * 1e6) / (lat.length + lost)),
});

async function runSetup(n: number) {
  const dir = mkdtempSync(join(tmpdir(), 'cb-bench-'));
  const databaseUrl = await freshDatabase(dir);
  const database = openDatabase(databaseUrl);
  await migrateToLatest(database);
  await addUser(database.db, { username: 'bench', password: 'bench-password', webexPersonId: PERSON });
  // A CRM of realistic size: half of the benchmark's callers are known leads.
  const csv = [
    'firma;telefon',
    ...Array.from({ length: leads }, (_, i) => `Firma ${i} GmbH;+49 30 ${String(5_000_000 + i * 2)}`),
  ].join('\n');
  await importCsv(database.db, { defaultRegion: 'DE', minDigits: 4 }, 'leads', csv);
  await database.close();

  const instances: Instance[] = [];
  for (let i = 0; i < n; i++) instances.push(await startInstance(databaseUrl));

  // A call is delivered once every instance's client has it; its latency is the last arrival.
  const pending = new Map<string, { sentAt: number; waiting: number; resolve: (ms: number) => void }>();
  for (const inst of instances) {
    inst.sse.onEvent = (e) => {
      if (e.event !== 'call') return;
      const number = (JSON.parse(e.data) as { number: string }).number;
      const p = pending.get(number);
      if (p && --p.waiting === 0) {
        pending.delete(number);
        p.resolve(e.receivedAt - p.sentAt);
      }
    };
  }

  let seq = 0;
  async function oneCall(): Promise<number> {
    const k = seq++;
    // Even k: a known lead's number; odd: unknown.
    const number = `+4930${String(5_000_000 + (k % (leads * 2)))}`;
    const body = JSON.stringify({
      id: 'Y2lzY29zcGFyazovL3VzL1dFQkhPT0svYmVuY2g',
      resource: 'telephony_calls',
      event: 'created',
      actorId: PERSON,
      data: {
        eventType: 'alerting',
        eventTimestamp: new Date().toISOString(),
        actorPersonId: PERSON,
        callId: `bench-call-${k}-${process.pid}`,
        callSessionId: `bench-session-${k}`,
        personality: 'terminator',
        state: 'alerting',
        remoteParty: { number, privacyEnabled: false, callType: 'external' },
        created: new Date().toISOString(),
      },
    });
    const received = new Promise<number>((resolve, reject) => {
      const t = setTimeout(() => {
        pending.delete(number);
        reject(new Error(`lost: ${number}`));
      }, 10_000);
      pending.set(number, {
        sentAt: performance.now(),
        waiting: instances.length,
        resolve: (ms) => {
          clearTimeout(t);
          resolve(ms);
        },
      });
    });
    const target = instances[k % instances.length]!;
    pending.get(number)!.sentAt = performance.now();
    const status = await post(`${target.url}/webhooks/webex`, body, {
      'content-type': 'application/json',
      'x-spark-signature': signBody(body, SECRET),
    });
    if (status !== 200) throw new Error(`webhook refused: ${status}`);
    return received;
  }

  // Warm-up: JIT, page cache, and connection pools filled as a long-running service has them (each
  // PostgreSQL connection prepares its statements on first use), so also at the measured concurrency.
  for (let i = 0; i < 100 * n; i++) await oneCall();
  await Promise.all(
    Array.from({ length: Number(args.concurrency) }, async () => {
      for (let i = 0; i < 50 * n; i++) await oneCall();
    }),
  );

  const label = n > 1 ? `${n} instances, ` : onPostgres ? '1 instance, ' : '';
  const results = [];
  for (let r = 0; r < Number(args.repeat); r++) {
    {
      const lat: number[] = [];
      let lost = 0;
      const cpu0 = serverCpuSeconds(instances);
      const t0 = performance.now();
      for (let i = 0; i < Number(args.sequential); i++) {
        try {
          lat.push(await oneCall());
        } catch {
          lost++;
        }
      }
      const cpu1 = serverCpuSeconds(instances);
      const cpu = cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
      results.push(summary(`${label}sequential`, lat, lost, performance.now() - t0, cpu));
    }
    {
      const total = Number(args.calls);
      const conc = Number(args.concurrency);
      const lat: number[] = [];
      let lost = 0;
      let started = 0;
      const cpu0 = serverCpuSeconds(instances);
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
      const cpu1 = serverCpuSeconds(instances);
      const cpu = cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
      results.push(summary(`${label}concurrency ${conc}`, lat, lost, performance.now() - t0, cpu));
    }
  }

  for (const inst of instances) {
    await inst.sse.close();
    inst.child.kill('SIGTERM');
    await new Promise((r) => inst.child.once('exit', r));
  }
  rmSync(dir, { recursive: true, force: true });
  return results;
}

const results = [];
for (const n of setups) results.push(...(await runSetup(n)));

console.log(
  `\nbackend: ${onPostgres ? 'PostgreSQL' : 'SQLite (file, WAL)'}; leads in CRM: ${leads}; node ${process.version}`,
);
console.log(
  '| run | calls | delivered | lost | p50 ms | p90 ms | p99 ms | max ms | calls/s | server CPU µs/call |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of results)
  console.log(
    `| ${r.name} | ${r.calls} | ${r.delivered} | ${r.lost} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} | ${r.callsPerSecond} | ${r.serverCpuUsPerCall ?? '–'} |`,
  );
