import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/auth/userAccounts.ts';
import { migrateToLatest } from '../../src/db/database.ts';
import { type RunningSimulator, startSimulator } from '../../src/simulator/simulatorServer.ts';
import { generateKey } from '../../src/webex/secretBox.ts';
import { closeDb, openTestDb } from '../support/cliDb.ts';
import { storeCandidate } from '../support/records.ts';
import { freePort, type ServiceProcess, startServiceProcess } from '../support/serviceProcess.ts';
import { loginAt } from '../support/stack.ts';
import { createTestDatabase, type TestDatabase, testBackend } from '../support/testDatabase.ts';
import { connectProcessToWebex } from '../support/webexConnect.ts';

const KEY = generateKey();
const CLIENT = { clientId: 'Ctwo-instances-client', clientSecret: 'two-instances-client-secret' };
const COUNT = 200;
const TRANSCRIPT =
  'WEBVTT\n\n1\n00:00:00.000 --> 00:00:04.000\n<v Kandidat>Ich verdiene fünfzigtausend brutto.</v>\n';

/** Two instances on one PostgreSQL database share the recordings; one dies mid-way; nothing is done twice. */
describe.skipIf(testBackend() !== 'postgres')('recordings across two instances', () => {
  let database: TestDatabase;
  let sim: RunningSimulator;
  const procs: ServiceProcess[] = [];
  let portA = 0;
  const env = (port: number) => ({
    DATABASE_URL: database.url,
    ENCRYPTION_KEY: KEY,
    PUBLIC_URL: `http://127.0.0.1:${portA}`,
    WEBEX_API_URL: `${sim.url}/v1`,
    TRANSCRIPTION_PROVIDER: 'webex',
    RECORDING_DOWNLOAD_HOSTS: '127.0.0.1',
    RECORDING_LEASE_SECONDS: '3',
    RECORDING_CONCURRENCY: '4',
    PORT: String(port),
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startSimulator({ port: 0, oauth: CLIENT });
    const d = openTestDb(database.url);
    await migrateToLatest(d);
    await addUser(d.db, { username: 'admin', password: 'admin-password', role: 'admin' });
    for (let i = 0; i < 20; i++) {
      await storeCandidate(d.db, { firstName: 'K', lastName: `Nr ${i}`, phones: [`+4940${3_000_000 + i}`] });
    }
    await closeDb(d);
    portA = await freePort();
  });
  afterAll(async () => {
    for (const p of procs) await p.kill('SIGKILL');
    await sim?.close();
    await database?.drop();
  });

  it('processes 200 recordings exactly once, deleted once each, with instance A killed midway', async () => {
    const a = await startServiceProcess(env(portA), portA);
    procs.push(a);
    const cookie = await loginAt(a.url, 'admin', 'admin-password');
    await connectProcessToWebex(a.url, sim, cookie, CLIENT);
    const portB = await freePort();
    const b = await startServiceProcess(env(portB), portB);
    procs.push(b);
    // Slow Webex a little so that work is spread and A dies holding some of it.
    await fetch(`${sim.url}/_sim/recordings/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ on: 'delete', ms: 30 }),
    });
    const ids: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const r = await fetch(`${sim.url}/_sim/recordings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          personId: sim.state.people[0]!.id,
          callingNumber: `+4940${3_000_000 + (i % 25)}`,
          transcript: TRANSCRIPT,
        }),
      }).then((x) => x.json() as Promise<{ id: string; deliveries: { status: number }[] }>);
      expect(r.deliveries.map((d) => d.status)).toEqual([200]);
      ids.push(r.id);
      if (i === COUNT / 2) await a.kill('SIGKILL');
      if (i === COUNT / 2) {
        // Webhooks go to A's URL: bring A back so deliveries keep arriving (a rolling restart).
        procs.push(await startServiceProcess(env(portA), portA));
      }
    }
    const d = openTestDb(database.url);
    try {
      const end = Date.now() + 90_000;
      for (;;) {
        const open = await d.db.selectFrom('recordings').select('id').where('status', '!=', 'done').execute();
        if (open.length === 0) break;
        if (Date.now() > end) throw new Error(`${open.length} recordings not done`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const recs = await d.db.selectFrom('recordings').select(['id', 'webex_recording_id']).execute();
      expect(recs).toHaveLength(COUNT);
      const notes = await d.db.selectFrom('timeline_entries').select('recording_id').execute();
      const inbox = await d.db.selectFrom('recordings').select('id').where('inbox', '=', 1).execute();
      expect(new Set(notes.map((n) => n.recording_id)).size).toBe(notes.length);
      expect(notes.length + inbox.length).toBe(COUNT);
      const deleted = await d.db
        .selectFrom('recording_audit')
        .select('recording_id')
        .where('event', '=', 'deleted_at_webex')
        .execute();
      expect(deleted).toHaveLength(COUNT);
      expect(new Set(deleted.map((x) => x.recording_id)).size).toBe(COUNT);
      expect(ids.every((id) => sim.recordings.items.get(id)!.purged)).toBe(true);
    } finally {
      await closeDb(d);
    }
  }, 180_000);
});
