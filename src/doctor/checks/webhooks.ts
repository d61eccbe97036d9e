import type { WebexDeps } from '../../webex/webexContext.ts';
import type { WebexTokens } from '../../webex/webexTokens.ts';
import type { Check } from '../check.ts';

interface RemoteHook {
  id: string;
  resource: string;
  targetUrl: string;
  status?: string;
  secret?: string;
}

export async function webhookChecks(
  deps: WebexDeps,
  connectionId: string,
  client: ReturnType<WebexTokens['clientFor']>,
  who: string,
  add: (c: Check) => void,
) {
  const stored = await deps.db
    .selectFrom('webex_webhooks')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .execute();
  let remote: RemoteHook[];
  try {
    remote = await client.listAll<RemoteHook>('/webhooks', { max: 100 });
  } catch (err) {
    add({
      id: `webhooks:${who}`,
      title: `Webhooks ${who}`,
      status: 'fail',
      de: `können nicht gelesen werden: ${(err as Error).message}`,
      en: 'cannot list webhooks',
    });
    return;
  }
  const target = deps.config.publicUrl ? `${deps.config.publicUrl.replace(/\/+$/, '')}/webhooks/webex` : null;
  for (const resource of ['telephony_calls', 'convergedRecordings']) {
    const row = stored.find((s) => s.resource === resource);
    const hook = row ? remote.find((r) => r.id === row.id) : undefined;
    const base = { id: `webhooks:${who}:${resource}`, title: `Webhook ${resource} (${who})` };
    if (!row || !hook) {
      add({
        ...base,
        status: 'fail',
        de: 'fehlt bei Webex – Ereignisse kommen nicht an',
        en: 'webhook missing',
        fix: '`callbridge webex webhooks sync` ausführen.',
      });
    } else if (hook.status && hook.status !== 'active') {
      add({
        ...base,
        status: 'fail',
        de: `inaktiv (Webex hat ihn nach fehlgeschlagenen Zustellungen abgeschaltet)`,
        en: 'webhook inactive',
        fix: '`callbridge webex webhooks sync` ausführen; prüfen, ob CallBridge unter PUBLIC_URL erreichbar ist.',
      });
    } else if (target && hook.targetUrl !== target) {
      add({
        ...base,
        status: 'fail',
        de: `zeigt auf ${hook.targetUrl} statt ${target}`,
        en: 'webhook points elsewhere',
        fix: '`callbridge webex webhooks sync` ausführen.',
      });
    } else if (
      hook.secret !== undefined &&
      hook.secret !== deps.box.open(row.secret_enc, `webhook:${row.id}`)
    ) {
      add({
        ...base,
        status: 'fail',
        de: 'Secret stimmt nicht überein – Zustellungen werden abgelehnt',
        en: 'webhook secret mismatch',
        fix: '`callbridge webex webhooks sync` ausführen.',
      });
    } else {
      add({ ...base, status: 'ok', de: 'aktiv, zeigt hierher, Secret stimmt', en: 'active' });
    }
  }
}
