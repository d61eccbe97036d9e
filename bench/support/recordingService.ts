// What the recordings benchmarks share: CallBridge as its own process on a fresh SQLite file, connected
// to the Webex simulator, with the OpenAI test double as its transcription provider (and extraction
// provider, if asked for); both in this process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addUser } from '../../src/auth/userAccounts.ts';
import { migrateToLatest, openDatabase } from '../../src/db/database.ts';
import { type RunningSimulator, startSimulator } from '../../src/simulator/simulatorServer.ts';
import { type OpenAiTestServer, startOpenAiTestServer } from '../../src/testServer/openaiTestServer.ts';
import { generateKey } from '../../src/webex/secretBox.ts';
import { freePort, type ServiceProcess, startServiceProcess } from '../../test/support/serviceProcess.ts';
import type { Stack } from '../../test/support/stack.ts';
import { configureIntegrationAsAdmin, connectWebex } from '../../test/support/webexConnect.ts';

export interface RecordingService {
  svc: ServiceProcess;
  sim: RunningSimulator;
  ai: OpenAiTestServer;
  /** CallBridge's database, for reading what it wrote. */
  dbUrl: string;
  /** Where CallBridge keeps audio while it works on it. */
  tmpDir: string;
  /** The simulator person whose recordings CallBridge takes. */
  personId: string;
  close(): Promise<void>;
}

export async function startRecordingService(opts: {
  name: string;
  /** More configuration for CallBridge (environment variables). */
  env?: Record<string, string>;
  /** What follows `node` to start it (default: `callbridge serve` from the sources). */
  args?: string[];
}): Promise<RecordingService> {
  const dir = mkdtempSync(join(tmpdir(), `cb-${opts.name}-`));
  const dbUrl = `sqlite:${join(dir, 'bench.db')}`;
  const tmpDir = join(dir, 'tmp');
  const ai = await startOpenAiTestServer();
  const oauth = { clientId: `C${opts.name}-client-0001`, clientSecret: `${opts.name}-client-secret-0001` };
  const sim = await startSimulator({ port: 0, oauth });
  const setup = openDatabase(dbUrl);
  await migrateToLatest(setup);
  await addUser(setup.db, { username: 'admin', password: 'admin-password', role: 'admin' });
  await setup.close();
  const port = await freePort();
  const svc = await startServiceProcess(
    {
      DATABASE_URL: dbUrl,
      ENCRYPTION_KEY: generateKey(),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      WEBEX_API_URL: `${sim.url}/v1`,
      TRANSCRIPTION_PROVIDER: 'openai-compatible',
      TRANSCRIPTION_BASE_URL: `${ai.url}/v1`,
      // Used only with EXTRACTION_PROVIDER=openai-compatible.
      EXTRACTION_BASE_URL: `${ai.url}/v1`,
      RECORDING_DOWNLOAD_HOSTS: '127.0.0.1',
      RECORDING_TMP_DIR: tmpDir,
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
    port,
    opts.args,
  );
  const personId = sim.state.people[0]!.id;
  const close = async () => {
    await svc.kill('SIGTERM');
    await sim.close();
    await ai.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const login = await fetch(`${svc.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'admin-password' }),
    });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const stackLike = { url: svc.url, sim, personId } as Stack;
    await configureIntegrationAsAdmin(stackLike, cookie, oauth.clientId, oauth.clientSecret);
    await connectWebex(stackLike, cookie);
  } catch (err) {
    await close();
    throw err;
  }
  return {
    svc,
    sim,
    ai,
    dbUrl,
    tmpDir,
    personId,
    close,
  };
}
