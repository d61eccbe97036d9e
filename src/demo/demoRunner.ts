import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import { startCallBridge } from '../app/start.ts';
import { addUser, linkWebexPerson } from '../auth/userAccounts.ts';
import { closeStaleCalls } from '../calls/staleCallCloser.ts';
import type { Config } from '../config/config.ts';
import { createCandidate } from '../crm/candidateStore.ts';
import { createLead } from '../crm/leadStore.ts';
import type { DB } from '../db/schema.ts';
import { startSimulator } from '../simulator/simulatorServer.ts';
import { type PersonMe, saveConnection } from '../webex/connectionStore.ts';
import { configureIntegration, loadIntegration } from '../webex/integrationSettings.ts';
import { requestToken } from '../webex/oauthTokens.ts';
import { USER_SCOPES } from '../webex/scopes.ts';
import { generateKey } from '../webex/secretBox.ts';
import { DEMO_CALLERS, DEMO_CANDIDATES, DEMO_LEADS } from './demoData.ts';

export interface DemoOptions {
  config: Config;
  simulatorPort: number;
  ringEverySeconds: number;
}

const DEMO_INTEGRATION = {
  clientId: 'Cdemo-callbridge-integration',
  clientSecret: 'demo-integration-secret-not-for-production',
};

/** The demo's encryption key lives beside its database (never do this in production: keep it out of backups). */
function demoKeyFile(databaseUrl: string): string {
  return join(dirname(databaseUrl.startsWith('sqlite:') ? databaseUrl.slice(7) : './data/x'), 'demo.key');
}
function demoKey(databaseUrl: string): string {
  const file = demoKeyFile(databaseUrl);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const key = generateKey();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/**
 * How to run `callbridge doctor` against this demo: it needs the demo's database, key file and
 * simulator, which the demo sets itself and a plain `doctor` would not know. Secrets are not printed.
 */
function doctorCommand(config: Config, simUrl: string, publicUrl: string): string {
  const db = config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl : '<wie beim Start>';
  const key = config.encryptionKey ? '<wie beim Start>' : `$(cat ${demoKeyFile(config.databaseUrl)})`;
  return `DATABASE_URL=${db} ENCRYPTION_KEY=${key} PUBLIC_URL=${publicUrl} WEBEX_API_URL=${simUrl}/v1 ./callbridge doctor`;
}

async function connectDemoLine(
  app: Awaited<ReturnType<typeof startCallBridge>>,
  simUrl: string,
  personId: string,
) {
  const milad = await app.ctx.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', 'milad')
    .executeTakeFirstOrThrow();
  const redirect = `${app.url}/oauth/webex/callback`;
  const form = new URLSearchParams({ redirect_uri: redirect, state: 'demo', personId, decision: 'approve' });
  for (const s of USER_SCOPES) form.append('scope', s);
  const consent = await fetch(`${simUrl}/v1/authorize/decision`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
  const tokens = await requestToken(`${simUrl}/v1`, {
    grant_type: 'authorization_code',
    client_id: DEMO_INTEGRATION.clientId,
    client_secret: DEMO_INTEGRATION.clientSecret,
    code,
    redirect_uri: redirect,
  });
  const me = (await fetch(`${simUrl}/v1/people/me`, {
    headers: { authorization: `Bearer ${tokens.access_token}` },
  }).then((r) => r.json())) as PersonMe;
  await saveConnection(app.webex.deps, {
    kind: 'user',
    userId: milad.id,
    me,
    tokens,
    requestedScopes: USER_SCOPES,
  });
}

/**
 * The simulator starts empty on every run: connections (and their webhooks) and line links of an earlier
 * run name people and tokens it no longer knows. Left in place they would fail at the first upkeep and
 * show a false "Neu verbinden nötig" (issue 12).
 */
async function forgetEarlierSimulator(db: Kysely<DB>, knownPersonIds: string[]) {
  const stale = await db
    .selectFrom('webex_connections')
    .select('id')
    .where('person_id', 'not in', knownPersonIds)
    .execute();
  if (stale.length) {
    const ids = stale.map((s) => s.id);
    await db.deleteFrom('webex_webhooks').where('connection_id', 'in', ids).execute();
    await db.deleteFrom('webex_connections').where('id', 'in', ids).execute();
  }
  await db
    .updateTable('users')
    .set({ webex_person_id: null })
    .where('webex_person_id', 'is not', null)
    .where('webex_person_id', 'not in', knownPersonIds)
    .execute();
}

export const DEMO_USERS = [
  { username: 'milad', password: 'demo-milad', displayName: 'Milad Karimi', role: 'recruiter' as const },
  { username: 'admin', password: 'demo-admin', displayName: 'Admin', role: 'admin' as const },
];

/**
 * CallBridge on its embedded default with the Webex simulator beside it: a seeded team and CRM, the
 * webhook registered at the simulator as an admin would at Webex, and a call ringing every few seconds.
 */
export async function runDemo(opts: DemoOptions) {
  const sim = await startSimulator({
    port: opts.simulatorPort,
    host: opts.config.host,
    ringEverySeconds: opts.ringEverySeconds,
    demoNumbers: DEMO_CALLERS,
    oauth: DEMO_INTEGRATION,
  });
  const publicUrl = `http://${opts.config.host}:${opts.config.port}`;
  const app = await startCallBridge({
    ...opts.config,
    publicUrl: opts.config.publicUrl ?? publicUrl,
    webexApiUrl: `${sim.url}/v1`,
    encryptionKey: opts.config.encryptionKey ?? demoKey(opts.config.databaseUrl),
    // The simulator stands in for Webex's download hosts: its recordings' audio and transcript links.
    recordingDownloadHosts: [...opts.config.recordingDownloadHosts, new URL(sim.url).hostname],
  });
  // The simulator's integration is ready, so "Mit Webex verbinden" works in the demo right away.
  if (!(await loadIntegration(app.webex.deps))) {
    await configureIntegration(app.webex.deps, DEMO_INTEGRATION.clientId, DEMO_INTEGRATION.clientSecret);
  }
  const { db } = app.ctx;

  const haveUsers = await db.selectFrom('users').select('id').limit(1).execute();
  if (haveUsers.length === 0) {
    for (const u of DEMO_USERS) await addUser(db, u);
    for (const l of DEMO_LEADS) await createLead(db, app.ctx.phoneRules, l);
    for (const c of DEMO_CANDIDATES) await createCandidate(db, app.ctx.phoneRules, c);
  }
  await forgetEarlierSimulator(
    db,
    sim.state.people.map((p) => p.id),
  );
  // Calls in progress when the earlier run stopped: that simulator is gone and will never end them, and
  // this one cannot be asked about people it does not know, so the stale-call job would wait
  // STALE_ACTIVE_CLOSE_MINUTES (3 hours). Its people's calls count as no longer listed: closed now as
  // "Ende unbekannt" and their pop-ups fade.
  const known = new Set(sim.state.people.map((p) => p.id));
  await closeStaleCalls(
    {
      db,
      bus: app.ctx.bus,
      log: app.ctx.log,
      activeCalls: async (personId) => (known.has(personId) ? null : new Set<string>()),
      settings: app.ctx.config,
    },
    Date.now() + app.ctx.config.staleActiveCheckMinutes * 60_000,
  );
  // The simulator's people get new ids on every start: link the demo recruiter to its first person.
  const person = sim.state.people[0]!;
  await db
    .updateTable('users')
    .set({ webex_person_id: null })
    .where('webex_person_id', '=', person.id)
    .execute();
  await linkWebexPerson(db, 'milad', person.id).catch(() => {});

  // Connect milad's line as he would with "Mit Webex verbinden" (consent given at the simulator), so calls,
  // recordings and their deletion work from the first minute; the status page shows the connection.
  await connectDemoLine(app, sim.url, person.id);
  await app.webex.upkeep();

  return {
    app,
    sim,
    doctorCommand: doctorCommand(opts.config, sim.url, opts.config.publicUrl ?? publicUrl),
    close: async () => {
      await sim.close();
      await app.close();
    },
  };
}
