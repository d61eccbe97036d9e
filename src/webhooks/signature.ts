import { createHmac, timingSafeEqual } from 'node:crypto';

export const signBody = (body: Buffer | string, secret: string): string =>
  createHmac('sha1', secret).update(body).digest('hex');

/**
 * A secret deliveries may be signed with. A webhook CallBridge registered has its own secret, which
 * authenticates only deliveries of that webhook (its resource and, when the envelope names it, its id);
 * the configured WEBEX_WEBHOOK_SECRET of hand-made webhooks has no resource and is good for any.
 */
export interface WebhookSecret {
  secret: string;
  resource: string | null;
  webhookId: string | null;
}

/** The entries whose secret produced `signature` for the raw body; constant time per entry. */
export function matchingSecrets(
  body: Buffer,
  signature: string,
  secrets: readonly WebhookSecret[],
): WebhookSecret[] {
  if (!/^[0-9a-fA-F]{40}$/.test(signature)) return [];
  const given = Buffer.from(signature.toLowerCase(), 'hex');
  const out: WebhookSecret[] = [];
  for (const s of secrets) {
    // No early exit: the time taken does not tell which secret, if any, matched.
    if (timingSafeEqual(Buffer.from(signBody(body, s.secret), 'hex'), given)) out.push(s);
  }
  return out;
}

/** Whether a matching secret may authenticate a delivery of this resource and webhook id. */
export function secretCovers(
  s: WebhookSecret,
  resource: string,
  webhookId: string | null | undefined,
): boolean {
  if (s.resource === null) return true;
  return s.resource === resource && (!webhookId || s.webhookId === null || s.webhookId === webhookId);
}
