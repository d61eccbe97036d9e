import { describe, expect, it } from 'vitest';
import { matchingSecrets, signBody } from './signature.ts';

describe('matchingSecrets', () => {
  const body = Buffer.from('{"resource":"telephony_calls"}');
  const secret = 'a-webhook-secret-of-some-length';
  /** Whether any of these secrets signed the body (each as a hand-made webhook's, good for any resource). */
  const signatureMatches = (b: Buffer, signature: string, secrets: string[]) =>
    matchingSecrets(
      b,
      signature,
      secrets.map((s) => ({ secret: s, resource: null, webhookId: null })),
    ).length > 0;

  it('accepts the HMAC-SHA1 of the raw body, in either hex case', () => {
    const sig = signBody(body, secret);
    expect(signatureMatches(body, sig, [secret])).toBe(true);
    expect(signatureMatches(body, sig.toUpperCase(), ['other-secret', secret])).toBe(true);
  });

  it('rejects another body, another secret and malformed signatures', () => {
    const sig = signBody(body, secret);
    expect(signatureMatches(Buffer.from(`${body} `), sig, [secret])).toBe(false);
    expect(signatureMatches(body, sig, ['wrong-secret'])).toBe(false);
    expect(signatureMatches(body, sig.slice(2), [secret])).toBe(false);
    expect(signatureMatches(body, 'z'.repeat(40), [secret])).toBe(false);
    expect(signatureMatches(body, sig, [])).toBe(false);
  });
});
