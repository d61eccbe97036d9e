import { type RunningApp, startCallBridge } from '../../src/app/start.ts';
import { addUser } from '../../src/auth/userAccounts.ts';
import { type Config, loadConfig } from '../../src/config/config.ts';
import type { Call, Recording } from '../../src/db/schema.ts';
import type { Logger } from '../../src/shared/logger.ts';
import {
  type RunningSimulator,
  type SimulatorOptions,
  startSimulator,
} from '../../src/simulator/simulatorServer.ts';
import { generateKey } from '../../src/webex/secretBox.ts';
import { signBody } from '../../src/webhooks/signature.ts';
import { freePort } from './serviceProcess.ts';
import { createTestDatabase, type TestDatabase } from './testDatabase.ts';

export const WEBHOOK_SECRET = 'integration-test-webhook-secret-0123456789';

/**
 * CallBridge and the Webex simulator as real HTTP servers on loopback, on the backend CB_TEST_DB
 * selects, with the simulator's telephony webhook pointed at CallBridge.
 */
export interface Stack {
  app: RunningApp;
  sim: RunningSimulator;
  database: TestDatabase;
  url: string;
  /** The simulator person whose line the recruiter `milad` has. */
  personId: string;
  otherPersonId: string;
  webhookId: string;
  login(username: string, password: string): Promise<string>;
  postWebhook(
    body: string | object,
    opts?: { secret?: string | null; signature?: string },
  ): Promise<Response>;
  ring(body: Record<string, unknown>): Promise<{ callId: string; deliveries: { status: number | null }[] }>;
  /** The calls row CallBridge keeps for the Webex call `webexCallId` (e.g. what `ring` answered). */
  callOf(webexCallId: string): Promise<Call>;
  /** The recordings row CallBridge keeps for the Webex recording `webexRecordingId`. */
  recordingOf(webexRecordingId: string): Promise<Recording>;
  close(): Promise<void>;
}

/** Signs in at the CallBridge at `baseUrl` (in this process or not) over the JSON API; returns the session cookie. */
export async function loginAt(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('cb_session='));
  if (!cookie) throw new Error(`login failed for ${username}: ${res.status}`);
  return cookie.split(';')[0]!;
}

export const CLIENT_ID = 'Cintegration-test-client-0001';
export const CLIENT_SECRET = 'integration-test-client-secret-0001';

export async function startStack(
  overrides: Partial<Config> = {},
  opts: { log?: Logger; sim?: SimulatorOptions } = {},
): Promise<Stack> {
  const database = await createTestDatabase();
  const sim = await startSimulator({
    port: 0,
    ...opts.sim,
    oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...opts.sim?.oauth },
  });
  const port = await freePort();
  const config = loadConfig({
    env: {},
    overrides: {
      port,
      publicUrl: `http://127.0.0.1:${port}`,
      webexApiUrl: `${sim.url}/v1`,
      encryptionKey: generateKey(),
      databaseUrl: database.url,
      webhookSecret: WEBHOOK_SECRET,
      logLevel: 'silent',
      sseHeartbeatSeconds: 1,
      ...overrides,
    },
  });
  const app = await startCallBridge(config, opts.log ? { log: opts.log } : {});
  const [p1, p2] = sim.state.people;
  await addUser(app.ctx.db, {
    username: 'milad',
    password: 'milad-password',
    displayName: 'Milad K.',
    webexPersonId: p1!.id,
  });
  await addUser(app.ctx.db, { username: 'sabine', password: 'sabine-password', webexPersonId: p2!.id });
  await addUser(app.ctx.db, { username: 'admin', password: 'admin-password', role: 'admin' });

  const hook = await fetch(`${sim.url}/v1/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${p1!.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'CallBridge',
      targetUrl: `${app.url}/webhooks/webex`,
      resource: 'telephony_calls',
      event: 'all',
      secret: WEBHOOK_SECRET,
      ownedBy: 'org',
    }),
  }).then((r) => r.json() as Promise<{ id: string }>);

  return {
    app,
    sim,
    database,
    url: app.url,
    personId: p1!.id,
    otherPersonId: p2!.id,
    webhookId: hook.id,
    login: (username, password) => loginAt(app.url, username, password),
    async postWebhook(body, opts = {}) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const secret = opts.secret === undefined ? WEBHOOK_SECRET : opts.secret;
      if (opts.signature) headers['x-spark-signature'] = opts.signature;
      else if (secret) headers['x-spark-signature'] = signBody(text, secret);
      return fetch(`${app.url}/webhooks/webex`, { method: 'POST', headers, body: text });
    },
    async ring(body) {
      const res = await fetch(`${sim.url}/_sim/calls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ personId: p1!.id, wait: true, ...body }),
      });
      if (!res.ok) throw new Error(`simulator refused call: ${res.status} ${await res.text()}`);
      return res.json() as Promise<{ callId: string; deliveries: { status: number | null }[] }>;
    },
    callOf: (webexCallId) =>
      app.ctx.db
        .selectFrom('calls')
        .selectAll()
        .where('webex_call_id', '=', webexCallId)
        .executeTakeFirstOrThrow(),
    recordingOf: (webexRecordingId) =>
      app.ctx.db
        .selectFrom('recordings')
        .selectAll()
        .where('webex_recording_id', '=', webexRecordingId)
        .executeTakeFirstOrThrow(),
    async close() {
      await app.close();
      await sim.close();
      await database.drop();
    },
  };
}
