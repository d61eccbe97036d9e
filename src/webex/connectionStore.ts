import type { Transaction } from 'kysely';
import type { DB, User, WebexConnection } from '../db/schema.ts';
import { newId } from '../shared/ids.ts';
import type { TokenResponse } from './oauthTokens.ts';
import type { WebexDeps } from './webexContext.ts';

export const purposeOf = (connectionId: string, which: 'access' | 'refresh') =>
  `connection:${connectionId}:${which}`;

const expiry = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

/** The sealed token columns for a token response; the refresh token is kept when Webex sent none. */
export function sealedTokens(
  deps: WebexDeps,
  connectionId: string,
  t: TokenResponse,
  previous?: WebexConnection,
) {
  return {
    access_token_enc: deps.box.seal(t.access_token, purposeOf(connectionId, 'access')),
    access_expires_at: expiry(t.expires_in),
    refresh_token_enc: t.refresh_token
      ? deps.box.seal(t.refresh_token, purposeOf(connectionId, 'refresh'))
      : previous!.refresh_token_enc,
    refresh_expires_at: t.refresh_token_expires_in
      ? expiry(t.refresh_token_expires_in)
      : previous!.refresh_expires_at,
  };
}

export interface PersonMe {
  id: string;
  displayName?: string;
  emails?: string[];
  orgId?: string;
}

/** Creates or replaces the connection of a Webex person (one per person and kind). */
export async function saveConnection(
  deps: WebexDeps,
  input: {
    kind: 'user' | 'org';
    userId: string;
    me: PersonMe;
    tokens: TokenResponse;
    requestedScopes: string[];
  },
): Promise<WebexConnection> {
  return deps.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('webex_connections')
      .selectAll()
      .where('person_id', '=', input.me.id)
      .where('kind', '=', input.kind)
      .executeTakeFirst();
    const id = existing?.id ?? newId();
    const now = new Date().toISOString();
    if (!input.tokens.refresh_token || !input.tokens.refresh_token_expires_in) {
      throw new Error('Webex sent no refresh token with the authorization');
    }
    const row: WebexConnection = {
      id,
      kind: input.kind,
      user_id: input.userId,
      person_id: input.me.id,
      display_name: input.me.displayName ?? input.me.emails?.[0] ?? input.me.id,
      email: input.me.emails?.[0] ?? null,
      org_id: input.me.orgId ?? null,
      // The token response's `scope` is unconfirmed: without it, the requested scopes are assumed.
      scopes: input.tokens.scope ?? input.requestedScopes.join(' '),
      ...sealedTokens(deps, id, input.tokens),
      status: 'active',
      status_reason: null,
      last_refresh_at: now,
      last_success_at: now,
      created_at: existing?.created_at ?? now,
      updated_at: now,
    };
    if (existing) await trx.updateTable('webex_connections').set(row).where('id', '=', id).execute();
    else await trx.insertInto('webex_connections').values(row).execute();
    if (input.kind === 'user') await linkPerson(trx, input.userId, input.me.id);
    return row;
  });
}

/** The recruiter's calls are the ones on the Webex person they connected. */
async function linkPerson(trx: Transaction<DB>, userId: string, personId: string) {
  await trx
    .updateTable('users')
    .set({ webex_person_id: null })
    .where('webex_person_id', '=', personId)
    .where('id', '!=', userId)
    .execute();
  await trx
    .updateTable('users')
    .set({ webex_person_id: personId, updated_at: new Date().toISOString() })
    .where('id', '=', userId)
    .execute();
}

/** Who sees a connection: admins all, a user their own, everyone the organisation's. */
export const visibleTo = (user: User, c: WebexConnection) =>
  user.role === 'admin' || c.user_id === user.id || c.kind === 'org';

export async function listConnections(deps: WebexDeps): Promise<WebexConnection[]> {
  return deps.db
    .selectFrom('webex_connections')
    .selectAll()
    .orderBy('kind')
    .orderBy('display_name')
    .execute();
}

export async function logUpkeep(
  deps: WebexDeps,
  connectionId: string | null,
  action: string,
  detail: string,
): Promise<void> {
  await deps.db
    .insertInto('webex_upkeep_log')
    .values({ at: new Date().toISOString(), connection_id: connectionId, action, detail })
    .execute();
}
