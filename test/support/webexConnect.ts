import type { Stack } from './stack.ts';

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
