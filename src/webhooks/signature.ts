import { createHmac, timingSafeEqual } from 'node:crypto';

export const signBody = (body: Buffer | string, secret: string): string =>
  createHmac('sha1', secret).update(body).digest('hex');

/** True when `signature` is the hex HMAC-SHA1 of the raw body under any of the secrets. Constant time per secret. */
export function signatureMatches(body: Buffer, signature: string, secrets: readonly string[]): boolean {
  if (!/^[0-9a-fA-F]{40}$/.test(signature)) return false;
  const given = Buffer.from(signature.toLowerCase(), 'hex');
  let ok = false;
  for (const secret of secrets) {
    const expected = Buffer.from(signBody(body, secret), 'hex');
    // No early exit: the time taken does not tell which secret, if any, matched.
    if (timingSafeEqual(expected, given)) ok = true;
  }
  return ok;
}
