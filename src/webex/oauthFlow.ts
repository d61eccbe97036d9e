import type { WebexConnection } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { randomToken, sha256 } from '../shared/tokens.ts';
import { logUpkeep, saveConnection } from './connectionStore.ts';
import { requireIntegration } from './integrationSettings.ts';
import { assertLineFree } from './lineOwnership.ts';
import { OauthRejected, requestToken } from './oauthTokens.ts';
import { scopesFor } from './scopes.ts';
import { createWebexClient } from './webexApi.ts';
import type { WebexDeps } from './webexContext.ts';

const STATE_TTL_MS = 10 * 60_000;

export const callbackUrl = (publicBase: string) => `${publicBase.replace(/\/+$/, '')}/oauth/webex/callback`;

/**
 * Step 1 of "Mit Webex verbinden": a single-use `state` bound to the browser session, and the URL of
 * Webex's consent page. Only the state's hash is stored.
 */
export async function startConnect(
  deps: WebexDeps,
  input: {
    userId: string;
    sessionToken: string;
    kind: 'user' | 'org';
    publicBase: string;
    /** An admin confirmed taking over this person's line (see lineOwnership.ts). */
    takeoverPersonId?: string | null;
  },
): Promise<string> {
  const integration = await requireIntegration(deps);
  const state = randomToken(24);
  const scopes = scopesFor(input.kind);
  const now = Date.now();
  await deps.db
    .insertInto('oauth_states')
    .values({
      state_hash: sha256(state),
      session_hash: sha256(input.sessionToken),
      user_id: input.userId,
      kind: input.kind,
      scopes: scopes.join(' '),
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + STATE_TTL_MS).toISOString(),
      used_at: null,
      takeover_person_id: input.kind === 'user' ? (input.takeoverPersonId ?? null) : null,
    })
    .execute();
  const u = new URL(`${deps.config.webexApiUrl.replace(/\/+$/, '')}/authorize`);
  u.searchParams.set('client_id', integration.clientId);
  u.searchParams.set('response_type', 'code');
  u.searchParams.set('redirect_uri', callbackUrl(input.publicBase));
  u.searchParams.set('scope', scopes.join(' '));
  u.searchParams.set('state', state);
  return u.toString();
}

const refused = (message: string) =>
  new AppError('oauth_state_invalid', message, {
    status: 400,
    hint: 'Auf der Statusseite (/webex) erneut „Mit Webex verbinden“ klicken.',
  });

/**
 * Step 2: Webex redirected back. The state must exist, belong to this session, be unused and fresh;
 * it is spent before the code is exchanged, so a replayed callback finds it used.
 */
export async function finishConnect(
  deps: WebexDeps,
  input: { query: Record<string, string | undefined>; sessionToken: string; publicBase: string },
): Promise<WebexConnection> {
  const { state, code, error } = input.query;
  if (!state) throw refused('Antwort von Webex ohne state');
  const row = await deps.db
    .selectFrom('oauth_states')
    .selectAll()
    .where('state_hash', '=', sha256(state))
    .executeTakeFirst();
  if (!row) throw refused('Unbekannter state: diese Anmeldung wurde nicht hier begonnen');
  if (row.session_hash !== sha256(input.sessionToken))
    throw refused('Der state gehört zu einer anderen Sitzung');
  if (row.used_at) throw refused('Dieser state wurde schon verwendet');
  if (row.expires_at <= new Date().toISOString())
    throw refused('Die Anmeldung bei Webex hat zu lange gedauert (state abgelaufen)');
  const spent = await deps.db
    .updateTable('oauth_states')
    .set({ used_at: new Date().toISOString() })
    .where('state_hash', '=', row.state_hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) !== 1) throw refused('Dieser state wurde schon verwendet');
  if (error) {
    throw new AppError(
      'oauth_denied',
      error === 'access_denied' ? 'Zugriff bei Webex abgelehnt' : `Webex meldet: ${error}`,
      {
        status: 400,
        hint: 'Erneut „Mit Webex verbinden“ klicken und die angefragten Berechtigungen erlauben.',
      },
    );
  }
  if (!code) throw refused('Antwort von Webex ohne code');

  const integration = await requireIntegration(deps);
  let tokens: Awaited<ReturnType<typeof requestToken>>;
  try {
    tokens = await requestToken(deps.config.webexApiUrl, {
      grant_type: 'authorization_code',
      client_id: integration.clientId,
      client_secret: integration.clientSecret,
      code,
      redirect_uri: callbackUrl(input.publicBase),
    });
  } catch (err) {
    if (err instanceof OauthRejected) {
      throw new AppError(
        'oauth_code_rejected',
        `Webex hat die Anmeldung nicht angenommen (${err.oauthError})`,
        {
          status: 400,
          hint:
            err.oauthError === 'invalid_client'
              ? 'Client-ID oder Client-Secret stimmen nicht: auf der Statusseite (/webex) prüfen.'
              : 'Erneut verbinden; prüfen, ob die bei Webex eingetragene Redirect-URI genau die auf der Statusseite ist.',
        },
      );
    }
    throw err;
  }
  const client = createWebexClient({
    baseUrl: deps.config.webexApiUrl,
    tokens: { accessToken: async () => tokens.access_token, forceRefresh: async () => tokens.access_token },
  });
  const me = await client.request<{ id: string; displayName?: string; emails?: string[]; orgId?: string }>(
    'GET',
    '/people/me',
  );
  await deps.db
    .deleteFrom('oauth_states')
    .where('expires_at', '<', new Date(Date.now() - STATE_TTL_MS).toISOString())
    .execute();
  // Nothing is stored when the person is someone else's line (the tokens just fetched are dropped).
  const previousOwner =
    row.kind === 'user'
      ? await assertLineFree(deps.db, {
          userId: row.user_id,
          me,
          takeoverPersonId: row.takeover_person_id,
        })
      : null;
  const saved = await saveConnection(deps, {
    kind: row.kind,
    userId: row.user_id,
    me,
    tokens,
    requestedScopes: row.scopes.split(' '),
  });
  if (previousOwner) {
    await logUpkeep(
      deps,
      saved.id,
      'line_taken_over',
      `Leitung ${saved.display_name} von ${previousOwner.username} übernommen`,
    );
    deps.log.warn(
      { connectionId: saved.id, from: previousOwner.id, to: row.user_id },
      'webex line taken over by an admin',
    );
  }
  return saved;
}
