import type { RunningSimulator } from '../../src/simulator/simulatorServer.ts';
import { CLIENT_ID, CLIENT_SECRET, type Stack } from './stack.ts';

/** Runs "Mit Webex verbinden" over HTTP as a browser would, approving (some of) the scopes at the simulator. */
export async function connectWebex(
  stack: Stack,
  cookie: string,
  opts: {
    kind?: 'user' | 'org';
    dropScopes?: string[];
    personId?: string;
    deny?: boolean;
    /** The "Leitung übernehmen" button: the Webex person id whose line is taken over. */
    takeover?: string;
  } = {},
): Promise<{ callbackUrl: string; result: Response }> {
  const start = await fetch(`${stack.url}/oauth/webex/start`, {
    method: 'POST',
    headers: { cookie, origin: stack.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      kind: opts.kind ?? 'user',
      ...(opts.takeover ? { takeover: opts.takeover } : {}),
    }).toString(),
    redirect: 'manual',
  });
  if (start.status !== 303) throw new Error(`start refused: ${start.status} ${await start.text()}`);
  const authorize = new URL(start.headers.get('location')!);
  const scopes = (authorize.searchParams.get('scope') ?? '')
    .split(' ')
    .filter((s) => !opts.dropScopes?.includes(s));
  const form = new URLSearchParams({
    redirect_uri: authorize.searchParams.get('redirect_uri')!,
    state: authorize.searchParams.get('state')!,
    personId: opts.personId ?? stack.personId,
    decision: opts.deny ? 'deny' : 'approve',
  });
  for (const s of scopes) form.append('scope', s);
  const decision = await fetch(`${stack.sim.url}/v1/authorize/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  const callbackUrl = decision.headers.get('location')!;
  const result = await fetch(callbackUrl, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
  return { callbackUrl, result };
}

export async function configureIntegrationAsAdmin(
  stack: Stack,
  adminCookie: string,
  clientId: string,
  clientSecret: string,
) {
  const res = await fetch(`${stack.url}/webex/integration`, {
    method: 'POST',
    headers: { cookie: adminCookie, origin: stack.url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ clientId, clientSecret }).toString(),
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`configure refused: ${res.status} ${await res.text()}`);
}

/**
 * The usual start for recordings: milad signs in, the admin enters the integration's client, milad
 * connects his Webex line. Returns milad's session cookie.
 */
export async function connectMilad(stack: Stack): Promise<string> {
  const milad = await stack.login('milad', 'milad-password');
  await configureIntegration(stack);
  await connectWebex(stack, milad);
  return milad;
}

/**
 * For a CallBridge running as a process of its own at `url`: the admin (`adminCookie`) enters the
 * integration's client, then connects the line of the simulator's first person. Returns the callback's answer.
 */
export async function connectProcessToWebex(
  url: string,
  sim: RunningSimulator,
  adminCookie: string,
  client: { clientId: string; clientSecret: string },
): Promise<Response> {
  await configureIntegrationAsAdmin({ url } as Stack, adminCookie, client.clientId, client.clientSecret);
  const { result } = await connectWebex(
    { url, sim, personId: sim.state.people[0]!.id } as Stack,
    adminCookie,
  );
  return result;
}

/** The admin signs in and enters the test integration's client id and secret. */
export async function configureIntegration(stack: Stack): Promise<void> {
  await configureIntegrationAsAdmin(
    stack,
    await stack.login('admin', 'admin-password'),
    CLIENT_ID,
    CLIENT_SECRET,
  );
}

/** A recording the simulator's Webex then offers (its fields per the simulator's /_sim/recordings). */
export async function simRecording(stack: Stack, body: Record<string, unknown>): Promise<Response> {
  return fetch(`${stack.sim.url}/_sim/recordings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/**
 * An answered call to milad's line from `from` and its recording, processed: the simulator rings
 * CallBridge, `note` stands in for what the recruiter typed on the call screen, then the simulator offers
 * the call's recording with `transcript` and the pipeline runs it. Returns the call's id.
 */
export async function recordedCall(
  stack: Stack,
  call: { from: string; transcript: string; note?: string },
): Promise<string> {
  const rung = await stack.ring({ from: call.from, scenario: 'answered' });
  const row = await stack.callOf(rung.callId);
  if (call.note)
    await stack.app.ctx.db.updateTable('calls').set({ notes: call.note }).where('id', '=', row.id).execute();
  await simRecording(stack, {
    personId: stack.personId,
    callSessionId: row.call_session_id,
    callingNumber: call.from,
    transcript: call.transcript,
  });
  await stack.app.pipeline.drain();
  return row.id;
}
