import { dialectOf } from '../db/dialect.ts';
import type { WebexConnection } from '../db/schema.ts';
import { purposeOf, sealedTokens } from './connectionStore.ts';
import { requireIntegration } from './integrationSettings.ts';
import { OauthRejected, requestToken } from './oauthTokens.ts';
import { createWebexClient, type TokenSource, type WebexClient } from './webexApi.ts';
import type { WebexDeps } from './webexContext.ts';
import { WebexNotConnected } from './webexErrors.ts';

/**
 * Access tokens for Webex connections. A token close to expiry is refreshed before use; concurrent
 * callers share one refresh per connection (single flight in this process, a row lock across
 * instances on PostgreSQL); the rotated refresh token is written with the new access token in one
 * statement right after Webex answers. A refused refresh marks the connection "Neu verbinden nötig" —
 * it is never retried in a loop.
 */
export class WebexTokens {
  readonly #deps: WebexDeps;
  readonly #inflight = new Map<string, Promise<string>>();
  readonly #lastSuccessWrite = new Map<string, number>();

  constructor(deps: WebexDeps) {
    this.#deps = deps;
  }

  async #load(connectionId: string): Promise<WebexConnection> {
    const row = await this.#deps.db
      .selectFrom('webex_connections')
      .selectAll()
      .where('id', '=', connectionId)
      .executeTakeFirst();
    if (!row) throw new WebexNotConnected('Verbindung existiert nicht mehr');
    if (row.status !== 'active') throw new WebexNotConnected(row.status_reason ?? 'Anmeldung abgelaufen');
    return row;
  }

  async accessToken(connectionId: string): Promise<string> {
    const row = await this.#load(connectionId);
    const marginMs = this.#deps.config.tokenRefreshMarginHours * 3600_000;
    if (Date.parse(row.access_expires_at) - Date.now() > marginMs) {
      return this.#deps.box.open(row.access_token_enc, purposeOf(row.id, 'access'));
    }
    return this.refresh(connectionId, null);
  }

  /** Refreshes now (or joins the refresh under way). `rejected`: the token Webex just refused with 401. */
  refresh(connectionId: string, rejected: string | null): Promise<string> {
    const running = this.#inflight.get(connectionId);
    if (running) return running;
    const p = this.#refresh(connectionId, rejected).finally(() => this.#inflight.delete(connectionId));
    this.#inflight.set(connectionId, p);
    return p;
  }

  async #refresh(connectionId: string, rejected: string | null): Promise<string> {
    const { db, box, config, log } = this.#deps;
    const integration = await requireIntegration(this.#deps);
    const run = async (
      row: WebexConnection,
      write: (set: Partial<WebexConnection>) => Promise<void>,
    ): Promise<string | WebexNotConnected> => {
      const current = box.open(row.access_token_enc, purposeOf(row.id, 'access'));
      // Another instance refreshed while we waited for the lock: use its token.
      const fresh =
        Date.parse(row.access_expires_at) - Date.now() > config.tokenRefreshMarginHours * 3600_000;
      if (fresh && current !== rejected) return current;
      let tokens: Awaited<ReturnType<typeof requestToken>>;
      try {
        tokens = await requestToken(config.webexApiUrl, {
          grant_type: 'refresh_token',
          client_id: integration.clientId,
          client_secret: integration.clientSecret,
          refresh_token: box.open(row.refresh_token_enc, purposeOf(row.id, 'refresh')),
        });
      } catch (err) {
        if (err instanceof OauthRejected) {
          const reason =
            err.oauthError === 'invalid_client'
              ? 'Client-ID oder Client-Secret der Integration falsch'
              : 'Webex hat die Anmeldung abgelehnt (Refresh-Token abgelaufen oder widerrufen)';
          await write({
            status: 'reauth_required',
            status_reason: reason,
            updated_at: new Date().toISOString(),
          });
          log.warn(
            { connectionId, oauthError: err.oauthError },
            'Webex token refresh refused; reconnect needed',
          );
          // Returned, not thrown: on PostgreSQL the status must commit with the transaction holding the lock.
          return new WebexNotConnected(reason);
        }
        throw err;
      }
      const now = new Date().toISOString();
      await write({
        ...sealedTokens(this.#deps, row.id, tokens, row),
        last_refresh_at: now,
        updated_at: now,
      });
      log.info({ connectionId, rotated: Boolean(tokens.refresh_token) }, 'Webex access token refreshed');
      return tokens.access_token;
    };

    const outcome = async (): Promise<string | WebexNotConnected> => {
      if (dialectOf(db) !== 'postgres') {
        // SQLite serves one instance: the in-process single flight is the lock, and no transaction is
        // held open across the HTTP call (it would stall every other write).
        const row = await this.#load(connectionId);
        return run(row, async (set) => {
          await db.updateTable('webex_connections').set(set).where('id', '=', connectionId).execute();
        });
      }
      // The row lock makes instances take turns, so a refresh token is never used twice.
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('webex_connections')
          .selectAll()
          .where('id', '=', connectionId)
          .forUpdate()
          .executeTakeFirst();
        if (!row) throw new WebexNotConnected('Verbindung existiert nicht mehr');
        if (row.status !== 'active') throw new WebexNotConnected(row.status_reason ?? 'Anmeldung abgelaufen');
        return run(row, async (set) => {
          await trx.updateTable('webex_connections').set(set).where('id', '=', connectionId).execute();
        });
      });
    };
    const result = await outcome();
    if (result instanceof WebexNotConnected) throw result;
    return result;
  }

  #succeeded(connectionId: string) {
    const last = this.#lastSuccessWrite.get(connectionId) ?? 0;
    if (Date.now() - last < 60_000) return;
    this.#lastSuccessWrite.set(connectionId, Date.now());
    this.#deps.db
      .updateTable('webex_connections')
      .set({ last_success_at: new Date().toISOString() })
      .where('id', '=', connectionId)
      .execute()
      .catch(() => {});
  }

  sourceFor(connectionId: string): TokenSource {
    return {
      accessToken: () => this.accessToken(connectionId),
      forceRefresh: (rejected) => this.refresh(connectionId, rejected),
      succeeded: () => this.#succeeded(connectionId),
    };
  }

  clientFor(connectionId: string): WebexClient {
    return createWebexClient({
      baseUrl: this.#deps.config.webexApiUrl,
      tokens: this.sourceFor(connectionId),
    });
  }

  /** The client for a person's own connection, else the organisation's. */
  async clientForPerson(personId: string): Promise<WebexClient> {
    const rows = await this.#deps.db
      .selectFrom('webex_connections')
      .select(['id', 'kind', 'status', 'status_reason'])
      .where((eb) => eb.or([eb('person_id', '=', personId), eb('kind', '=', 'org')]))
      .execute();
    const own =
      rows.find((r) => r.kind === 'user' && r.status === 'active') ??
      rows.find((r) => r.kind === 'org' && r.status === 'active');
    if (!own)
      throw new WebexNotConnected(rows[0]?.status_reason ?? 'keine Webex-Verbindung für diese Leitung');
    return this.clientFor(own.id);
  }
}
