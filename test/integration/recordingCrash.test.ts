import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/auth/userAccounts.ts';
import type { DB } from '../../src/db/schema.ts';
import { type RunningSimulator, startSimulator } from '../../src/simulator/simulatorServer.ts';
import { type OpenAiTestServer, startOpenAiTestServer } from '../../src/testServer/openaiTestServer.ts';
import { generateKey } from '../../src/webex/secretBox.ts';
import { closeDb, openTestDb } from '../support/cliDb.ts';
import { storeCandidate } from '../support/records.ts';
import { freePort, type ServiceProcess, startServiceProcess } from '../support/serviceProcess.ts';
import { loginAt } from '../support/stack.ts';
import { createMigratedTestDatabase, type TestDatabase, withTestDb } from '../support/testDatabase.ts';
import { connectProcessToWebex } from '../support/webexConnect.ts';

const KEY = generateKey();
const CLIENT = { clientId: 'Crecording-crash-client', clientSecret: 'recording-crash-client-secret' };
/**
 * How soon after the restart the interrupted recording must be done: seconds, far below the 5-minute
 * lease the dead process held (nothing here shortens or expires it).
 */
const RESUME_WITHIN_MS = 15_000;
const TRANSCRIPT =
  'WEBVTT\n\n1\n00:00:00.000 --> 00:00:04.000\n<v Kandidat>Ich verdiene zweiundfünfzigtausend brutto. Kündigungsfrist sind drei Monate.</v>\n';

/** kill -9 of CallBridge while a recording is at Webex, at three steps: each ends done once, deleted once, one note. */
describe('kill -9 during the recordings pipeline', () => {
  let database: TestDatabase;
  let sim: RunningSimulator;
  let openai: OpenAiTestServer;
  let svc: ServiceProcess | null = null;
  let port = 0;
  let candidateId = '';
  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: database.url,
    ENCRYPTION_KEY: KEY,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    WEBEX_API_URL: `${sim.url}/v1`,
    TRANSCRIPTION_PROVIDER: 'webex',
    RECORDING_DOWNLOAD_HOSTS: '127.0.0.1',
    ...extra,
  });
  const withDb = <T>(fn: (db: Kysely<DB>) => Promise<T>) => withTestDb(database.url, fn);
  const post = (path: string, body: object) =>
    fetch(`${sim.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const waitFor = async (what: string, fn: () => Promise<boolean>, ms = 20_000) => {
    const end = Date.now() + ms;
    while (!(await fn())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${svc?.output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    sim = await startSimulator({ port: 0, oauth: CLIENT });
    openai = await startOpenAiTestServer();
    port = await freePort();
    await withDb(async (db) => {
      await addUser(db, { username: 'admin', password: 'admin-password', role: 'admin' });
    });
    const d = openTestDb(database.url);
    candidateId = (
      await storeCandidate(d.db, { firstName: 'Eva', lastName: 'Berg', phones: ['0221 4445566'] })
    ).id;
    await closeDb(d);
    svc = await startServiceProcess(env(), port);
    const cookie = await loginAt(svc.url, 'admin', 'admin-password');
    expect((await connectProcessToWebex(svc.url, sim, cookie, CLIENT)).status).toBe(303);
  });
  afterAll(async () => {
    await svc?.kill('SIGKILL');
    await sim?.close();
    await openai?.close();
    await database?.drop();
  });

  it.each([
    ['details', 'details'],
    ['media', 'transcribe'],
    ['delete', 'delete'],
  ] as const)('killed while Webex answers the %s request (step %s)', async (on, step) => {
    await post('/_sim/recordings/faults', { on, ms: 3_000 });
    const created = (await post('/_sim/recordings', {
      personId: sim.state.people[0]!.id,
      callingNumber: '+492214445566',
      transcript: TRANSCRIPT,
    }).then((r) => r.json())) as { id: string };
    const rec = () =>
      withDb((db) =>
        db
          .selectFrom('recordings')
          .selectAll()
          .where('webex_recording_id', '=', created.id)
          .executeTakeFirst(),
      );
    await waitFor(
      `step ${step}`,
      async () => (await rec())?.step === step && (await rec())?.status === 'running',
    );
    await new Promise((r) => setTimeout(r, 300));
    await svc!.kill('SIGKILL');
    await post('/_sim/recordings/faults', { on: null, ms: 0 });
    svc = await startServiceProcess(env(), port);
    // The dead process held a 5-minute lease; the restarted instance (same host and address) knows the
    // claim is its own dead run's and takes it back at once.
    const restarted = Date.now();
    await waitFor('done', async () => (await rec())?.status === 'done');
    expect(Date.now() - restarted).toBeLessThan(RESUME_WITHIN_MS);
    const r = (await rec())!;
    const [notes, audit] = await withDb((db) =>
      Promise.all([
        db.selectFrom('timeline_entries').select('id').where('recording_id', '=', r.id).execute(),
        db.selectFrom('recording_audit').select('event').where('recording_id', '=', r.id).execute(),
      ]),
    );
    expect(notes).toHaveLength(1);
    expect(audit.filter((a) => a.event === 'deleted_at_webex')).toHaveLength(1);
    expect(audit.filter((a) => a.event === 'applied')).toHaveLength(1);
    expect(sim.recordings.items.get(created.id)!.purged).toBe(true);
    expect(r.record_id).toBe(candidateId);
  });

  /** Restarts without faults and checks the recording resumed at once and ended once. */
  const recoverAndCheck = async (webexId: string, extra: Record<string, string>) => {
    svc = await startServiceProcess(env(extra), port);
    const restarted = Date.now();
    const rec = () =>
      withDb((db) =>
        db.selectFrom('recordings').selectAll().where('webex_recording_id', '=', webexId).executeTakeFirst(),
      );
    await waitFor('done', async () => (await rec())?.status === 'done');
    expect(Date.now() - restarted).toBeLessThan(RESUME_WITHIN_MS);
    const r = (await rec())!;
    const [notes, audit, jobs] = await withDb((db) =>
      Promise.all([
        db.selectFrom('timeline_entries').select('id').where('recording_id', '=', r.id).execute(),
        db.selectFrom('recording_audit').select('event').where('recording_id', '=', r.id).execute(),
        db.selectFrom('jobs').select(['key', 'status']).where('key', 'like', `recording:${r.id}:%`).execute(),
      ]),
    );
    expect(notes).toHaveLength(1);
    expect(audit.filter((a) => a.event === 'deleted_at_webex')).toHaveLength(1);
    expect(audit.filter((a) => a.event === 'applied')).toHaveLength(1);
    expect(audit.filter((a) => a.event === 'transcribed')).toHaveLength(1);
    expect(sim.recordings.deletions.get(webexId)).toBe(1);
    expect(jobs.every((j) => j.status === 'done')).toBe(true);
    expect(r.record_id).toBe(candidateId);
    expect(r.audio_path).toBeNull();
  };

  it.each(['details', 'download', 'transcribe', 'extract', 'apply', 'delete'] as const)(
    'killed inside the commit of step %s (audio transcribed by the test server)',
    async (step) => {
      await svc!.kill('SIGKILL');
      const providers = {
        TRANSCRIPTION_PROVIDER: 'openai-compatible',
        TRANSCRIPTION_BASE_URL: `${openai.url}/v1`,
      };
      svc = await startServiceProcess(env({ ...providers, TEST_RECORDING_PAUSE: `${step}:5000` }), port, [
        'test/support/pausingServe.ts',
      ]);
      await fetch(`${openai.url}/_test/transcripts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          text: 'Kandidat: Ich verdiene zweiundfünfzigtausend brutto. Kündigungsfrist sind drei Monate.',
        }),
      });
      const created = (await post('/_sim/recordings', {
        personId: sim.state.people[0]!.id,
        callingNumber: '+492214445566',
        mp3Frames: 200,
      }).then((r) => r.json())) as { id: string };
      await waitFor(`the pause in ${step}`, async () =>
        svc!.output().includes(`"step":"${step}","msg":"test pause before commit"`),
      );
      await svc!.kill('SIGKILL');
      await recoverAndCheck(created.id, providers);
    },
  );
});
