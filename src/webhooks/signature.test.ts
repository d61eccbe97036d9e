import { describe, expect, it } from 'vitest';
import { signatureMatches, signBody } from './signature.ts';

describe('signatureMatches', () => {
  const body = Buffer.from('{"resource":"telephony_calls"}');
  const secret = 'a-webhook-secret-of-some-length';

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
