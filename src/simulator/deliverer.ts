import { createHmac } from 'node:crypto';
import type { SimDelivery, SimState, SimWebhook } from './simState.ts';

export type SignatureMode = 'valid' | 'invalid' | 'none';

export interface DeliveryOptions {
  signature?: SignatureMode;
  /** Send this text instead of the JSON envelope (malformed deliveries). */
  rawBody?: string;
}

export interface DeliveryConfig {
  /** Webex marks a webhook inactive after this many failed deliveries in a row. */
  inactiveAfterFailures: number;
  timeoutMs: number;
}

/** The envelope Webex wraps every event in (shared/webex/API.md §4). */
export function envelopeFor(hook: SimWebhook, event: string, actorId: string, data: unknown) {
  return {
    id: hook.id,
    name: hook.name,
    targetUrl: hook.targetUrl,
    resource: hook.resource,
    event,
    ...(hook.filter ? { filter: hook.filter } : {}),
    orgId: hook.orgId,
    createdBy: hook.createdBy,
    appId: hook.appId,
    ownedBy: hook.ownedBy,
    status: hook.status,
    created: hook.created,
    actorId,
    data,
  };
}

/** One HTTPS POST per event, signed with the webhook's secret like Webex does. */
export async function deliver(
  state: SimState,
  cfg: DeliveryConfig,
  hook: SimWebhook,
  event: string,
  actorId: string,
  data: Record<string, unknown>,
  opts: DeliveryOptions = {},
): Promise<SimDelivery> {
  const body = opts.rawBody ?? JSON.stringify(envelopeFor(hook, event, actorId, data));
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Webex-Simulator',
  };
  const mode = opts.signature ?? 'valid';
  if (hook.secret && mode !== 'none') {
    const key = mode === 'valid' ? hook.secret : `${hook.secret}-forged`;
    headers['x-spark-signature'] = createHmac('sha1', key).update(body).digest('hex');
  }
  const started = performance.now();
  const record: SimDelivery = {
    at: new Date().toISOString(),
    webhookId: hook.id,
    targetUrl: hook.targetUrl,
    resource: hook.resource,
    event,
    eventType: typeof data['eventType'] === 'string' ? data['eventType'] : null,
    callId:
      typeof data['callId'] === 'string'
        ? data['callId']
        : typeof data['id'] === 'string'
          ? data['id']
          : null,
    status: null,
    error: null,
    signed: 'x-spark-signature' in headers,
    durationMs: 0,
  };
  try {
    const res = await fetch(hook.targetUrl, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(cfg.timeoutMs),
    });
    await res.arrayBuffer();
    record.status = res.status;
    if (res.ok) hook.failures = 0;
    else hook.failures++;
  } catch (err) {
    record.error = (err as Error).message;
    hook.failures++;
  }
  record.durationMs = Math.round((performance.now() - started) * 10) / 10;
  if (hook.failures >= cfg.inactiveAfterFailures) hook.status = 'inactive';
  state.recordDelivery(record);
  return record;
}

/** Which active webhooks receive an event of `resource` on `personId`'s line. */
export function subscribersFor(
  state: SimState,
  resource: string,
  event: string,
  personId: string,
  data: Record<string, unknown>,
): SimWebhook[] {
  return [...state.webhooks.values()].filter(
    (h) =>
      h.status === 'active' &&
      h.resource === resource &&
      (h.event === 'all' || h.event === event) &&
      (h.ownedBy === 'org' || h.createdBy === personId) &&
      filterMatches(h.filter, data),
  );
}

/** Webex filters are `key=value` pairs joined by `&`, matched against the event's data. */
function filterMatches(filter: string | undefined, data: Record<string, unknown>): boolean {
  if (!filter) return true;
  return filter.split('&').every((pair) => {
    const [k, v] = pair.split('=');
    if (!k) return true;
    return String(data[k] ?? '') === decodeURIComponent(v ?? '');
  });
}
