import type { Kysely } from 'kysely';
import type { Config } from '../config/config.ts';
import type { DB } from '../db/schema.ts';
import type { Logger } from '../shared/logger.ts';
import type { WebhookSecret } from '../webhooks/signature.ts';
import { listConnections } from './connectionStore.ts';
import { SecretBox } from './secretBox.ts';
import type { WebexDeps } from './webexContext.ts';
import { WebexTokens } from './webexTokens.ts';
import { registeredWebhookSecrets, type SyncReport, syncWebhooks } from './webhookSync.ts';

const SECRET_CACHE_MS = 10_000;

/** The Webex side of a running CallBridge: tokens, webhook upkeep, and the secrets intake checks. */
export class WebexService {
  readonly deps: WebexDeps;
  readonly tokens: WebexTokens;
  #secrets: { at: number; list: WebhookSecret[] } | null = null;

  constructor(ctx: { db: Kysely<DB>; config: Config; log: Logger }) {
    this.deps = {
      db: ctx.db,
      box: new SecretBox(ctx.config.encryptionKey, ctx.config.previousEncryptionKeys),
      config: ctx.config,
      log: ctx.log,
    };
    this.tokens = new WebexTokens(this.deps);
  }

  /** Configured secret plus those of registered webhooks; cached briefly, reloaded after a sync. */
  async webhookSecrets(): Promise<WebhookSecret[]> {
    if (!this.#secrets || Date.now() - this.#secrets.at > SECRET_CACHE_MS) {
      const registered = this.deps.box.configured ? await registeredWebhookSecrets(this.deps) : [];
      this.#secrets = {
        at: Date.now(),
        list: [
          ...(this.deps.config.webhookSecret
            ? [{ secret: this.deps.config.webhookSecret, resource: null, webhookId: null }]
            : []),
          ...registered,
        ],
      };
    }
    return this.#secrets.list;
  }

  invalidateSecrets() {
    this.#secrets = null;
  }

  /** Repairs webhook drift for every active connection; one failing connection does not stop the rest. */
  async upkeep(): Promise<{ reports: SyncReport[]; errors: { connectionId: string; message: string }[] }> {
    const reports: SyncReport[] = [];
    const errors: { connectionId: string; message: string }[] = [];
    if (!this.deps.config.publicUrl) return { reports, errors };
    for (const conn of await listConnections(this.deps)) {
      if (conn.status !== 'active') continue;
      try {
        reports.push(await syncWebhooks(this.deps, this.tokens, conn));
      } catch (err) {
        errors.push({ connectionId: conn.id, message: (err as Error).message });
        this.deps.log.warn({ connectionId: conn.id, err: (err as Error).message }, 'webhook upkeep failed');
      }
    }
    this.invalidateSecrets();
    return { reports, errors };
  }

  async syncOne(connectionId: string): Promise<SyncReport> {
    const conn = await this.deps.db
      .selectFrom('webex_connections')
      .selectAll()
      .where('id', '=', connectionId)
      .executeTakeFirstOrThrow();
    try {
      return await syncWebhooks(this.deps, this.tokens, conn);
    } finally {
      this.invalidateSecrets();
    }
  }
}
