import { randomBytes } from 'node:crypto';
import type { WebexConnection } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { WebhookSecret } from '../webhooks/signature.ts';
import { logUpkeep } from './connectionStore.ts';
import type { WebexDeps } from './webexContext.ts';
import type { WebexTokens } from './webexTokens.ts';

/** A webhook as Webex lists it (API.md §4); `secret` may or may not be returned. */
interface RemoteWebhook {
  id: string;
  name: string;
  targetUrl: string;
  resource: string;
  event: string;
  secret?: string;
  status?: string;
  ownedBy?: string;
}

const NAME_PREFIX = 'CallBridge';

/** The webhooks a connection needs, and the scope each needs to be created (API.md §4). */
function needed(conn: WebexConnection) {
  const org = conn.kind === 'org';
  return [
    {
      resource: 'telephony_calls',
      event: 'all',
      scope: 'spark:calls_read',
      name: `${NAME_PREFIX} telephony`,
    },
    {
      resource: 'convergedRecordings',
      event: 'created',
      scope: org ? 'spark-admin:recordings_read' : 'spark:recordings_read',
      name: `${NAME_PREFIX} recordings`,
    },
  ].map((n) => ({ ...n, ownedBy: org ? 'org' : 'creator' }));
}

/**
 * What a sync did (`actions`, German, shown as done) and what it could not do (`warnings`, German,
 * shown as a warning: never in the success style).
 */
export interface SyncReport {
  connectionId: string;
  actions: string[];
  warnings: string[];
}

/** The upkeep log keeps English action codes; pages and the CLI show these words. */
export const UPKEEP_ACTION_DE: Record<string, string> = {
  created: 'angelegt',
  repaired: 'repariert',
  deleted: 'gelöscht',
  forgotten: 'vergessen',
  line_taken_over: 'Leitung übernommen',
};

export function webhookTarget(deps: WebexDeps): string {
  if (!deps.config.publicUrl) {
    throw new AppError(
      'public_url_missing',
      'PUBLIC_URL ist nicht gesetzt: Webex weiß nicht, wohin es Ereignisse schicken soll',
      {
        hint: 'PUBLIC_URL auf die https-Adresse setzen, unter der Webex CallBridge erreicht, z. B. https://crm.example.de.',
      },
    );
  }
  return `${deps.config.publicUrl.replace(/\/+$/, '')}/webhooks/webex`;
}

const freshSecret = () => randomBytes(24).toString('base64url');

/**
 * Makes Webex hold exactly the webhooks CallBridge needs for a connection: creates missing ones with a
 * fresh secret, repoints or re-keys ones whose URL or secret drifted, re-activates inactive ones, and
 * deletes stale copies of its own. Every change is written to the upkeep log.
 */
export async function syncWebhooks(
  deps: WebexDeps,
  tokens: WebexTokens,
  conn: WebexConnection,
): Promise<SyncReport> {
  const client = tokens.clientFor(conn.id);
  const target = webhookTarget(deps);
  const actions: string[] = [];
  const warnings: string[] = [];
  const act = async (action: keyof typeof UPKEEP_ACTION_DE, detail: string) => {
    actions.push(`${UPKEEP_ACTION_DE[action]}: ${detail}`);
    await logUpkeep(deps, conn.id, action, detail);
  };
  const remote = await client.listAll<RemoteWebhook>(
    '/webhooks',
    conn.kind === 'org' ? { ownedBy: 'org', max: 100 } : { max: 100 },
  );
  const stored = await deps.db
    .selectFrom('webex_webhooks')
    .selectAll()
    .where('connection_id', '=', conn.id)
    .execute();
  const storedById = new Map(stored.map((s) => [s.id, s]));
  const granted = new Set(conn.scopes.split(/\s+/));
  const keep = new Set<string>();
  const now = () => new Date().toISOString();

  for (const want of needed(conn)) {
    if (!granted.has(want.scope)) {
      warnings.push(
        `Webhook ${want.resource} nicht angelegt: Berechtigung ${want.scope} wurde bei Webex nicht erteilt`,
      );
      continue;
    }
    const ours = remote.filter(
      (r) =>
        r.resource === want.resource &&
        r.event === want.event &&
        (storedById.has(r.id) || (r.name.startsWith(NAME_PREFIX) && r.targetUrl === target)),
    );
    // Prefer one we have the secret of; the others are stale copies.
    ours.sort((a, b) => Number(storedById.has(b.id)) - Number(storedById.has(a.id)));
    const [chosen, ...stale] = ours;
    for (const s of stale) {
      await client.request('DELETE', `/webhooks/${encodeURIComponent(s.id)}`).catch(() => {});
      await deps.db.deleteFrom('webex_webhooks').where('id', '=', s.id).execute();
      await act('deleted', `veralteter Webhook ${s.resource} …${s.id.slice(-8)}`);
    }
    if (!chosen) {
      const secret = freshSecret();
      const created = await client.request<RemoteWebhook>('POST', '/webhooks', {
        body: {
          name: want.name,
          targetUrl: target,
          resource: want.resource,
          event: want.event,
          secret,
          ...(want.ownedBy === 'org' ? { ownedBy: 'org' } : {}),
        },
      });
      await deps.db
        .insertInto('webex_webhooks')
        .values({
          id: created.id,
          connection_id: conn.id,
          resource: want.resource,
          event: want.event,
          target_url: target,
          secret_enc: deps.box.seal(secret, `webhook:${created.id}`),
          status: created.status ?? 'active',
          created_at: now(),
          checked_at: now(),
        })
        .execute();
      keep.add(created.id);
      await act('created', `${want.resource} → ${target}`);
      continue;
    }
    keep.add(chosen.id);
    const row = storedById.get(chosen.id);
    // Sealed under a key no longer configured (Webex reconnected after a key change): unknown, so the
    // webhook gets a fresh secret below instead of the whole sync failing on it.
    const knownSecret =
      row && deps.box.hasKeyFor(row.secret_enc) ? deps.box.open(row.secret_enc, `webhook:${row.id}`) : null;
    const problems: string[] = [];
    if (chosen.targetUrl !== target) problems.push(`zeigte auf ${chosen.targetUrl}`);
    if (!knownSecret) problems.push('Secret unbekannt, neues vergeben');
    else if (chosen.secret !== undefined && chosen.secret !== knownSecret)
      problems.push('Secret wich ab, neues vergeben');
    if (chosen.status && chosen.status !== 'active')
      problems.push(`war ${webhookStatusDe(chosen.status)}, wieder aktiv`);
    if (problems.length === 0) {
      await deps.db
        .updateTable('webex_webhooks')
        .set({ status: 'active', checked_at: now() })
        .where('id', '=', chosen.id)
        .execute();
      continue;
    }
    // PUT sets name, targetUrl, secret and status together (API.md §4); a new secret whenever in doubt.
    const secret = problems.some((p) => p.startsWith('Secret')) ? freshSecret() : knownSecret!;
    await client.request('PUT', `/webhooks/${encodeURIComponent(chosen.id)}`, {
      body: { name: want.name, targetUrl: target, secret, status: 'active' },
    });
    const values = {
      connection_id: conn.id,
      resource: want.resource,
      event: want.event,
      target_url: target,
      secret_enc: deps.box.seal(secret, `webhook:${chosen.id}`),
      status: 'active',
      checked_at: now(),
    };
    if (row) await deps.db.updateTable('webex_webhooks').set(values).where('id', '=', chosen.id).execute();
    else
      await deps.db
        .insertInto('webex_webhooks')
        .values({ id: chosen.id, created_at: now(), ...values })
        .execute();
    await act('repaired', `${want.resource}: ${problems.join(', ')}`);
  }
  // Rows for webhooks that are gone at Webex or no longer needed.
  for (const s of stored) {
    if (!keep.has(s.id)) {
      await deps.db.deleteFrom('webex_webhooks').where('id', '=', s.id).execute();
      if (!remote.some((r) => r.id === s.id))
        await act('forgotten', `Webhook ${s.resource} …${s.id.slice(-8)} gibt es bei Webex nicht mehr`);
    }
  }
  return { connectionId: conn.id, actions, warnings };
}

/** Webex's webhook status words, as a user reads them. */
export function webhookStatusDe(status: string | null | undefined): string {
  if (status === 'active') return 'aktiv';
  if (status === 'inactive') return 'inaktiv';
  return status ? status : 'unbekannt';
}

/** Secrets deliveries may be signed with: those of the webhooks CallBridge registered. */
export async function registeredWebhookSecrets(deps: WebexDeps): Promise<WebhookSecret[]> {
  const rows = await deps.db.selectFrom('webex_webhooks').select(['id', 'resource', 'secret_enc']).execute();
  const out: WebhookSecret[] = [];
  for (const r of rows) {
    try {
      out.push({
        secret: deps.box.open(r.secret_enc, `webhook:${r.id}`),
        resource: r.resource,
        webhookId: r.id,
      });
    } catch (err) {
      deps.log.error(
        { err: (err as Error).message, webhook: r.id.slice(-8) },
        'webhook secret cannot be decrypted',
      );
    }
  }
  return out;
}
