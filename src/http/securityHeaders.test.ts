import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerSecurityHeaders } from './securityHeaders.ts';

const headersFor = async (opts: { publicUrl?: string; webexApiUrl: string }, url = '/') => {
  const app = Fastify();
  registerSecurityHeaders(app, opts);
  app.get(url, { config: { access: 'public' } }, async () => 'ok');
  const res = await app.inject({ url });
  await app.close();
  return res.headers;
};

describe('security headers', () => {
  it('lets the OAuth redirect chain of the real Webex through form-action, and sends HSTS only for https', async () => {
    const real = await headersFor({
      publicUrl: 'https://crm.example.de',
      webexApiUrl: 'https://webexapis.com/v1',
    });
    expect(real['content-security-policy']).toContain(
      "form-action 'self' https://webexapis.com https://*.webex.com",
    );
    expect(real['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(real['strict-transport-security']).toBe('max-age=31536000');
    const sim = await headersFor({
      publicUrl: 'http://127.0.0.1:3000',
      webexApiUrl: 'http://127.0.0.1:3100/v1',
    });
    expect(sim['content-security-policy']).toContain("form-action 'self' http://127.0.0.1:3100;");
    expect(sim['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(sim['strict-transport-security']).toBeUndefined();
  });

  it('gives JSON and webhook answers the short set: no framing, no sniffing, no cross-site reads', async () => {
    const page = await headersFor({
      publicUrl: 'https://crm.example.de',
      webexApiUrl: 'https://webexapis.com/v1',
    });
    for (const url of ['/api/calls', '/webhooks/webex', '/v1/leads']) {
      const api = await headersFor(
        { publicUrl: 'https://crm.example.de', webexApiUrl: 'https://webexapis.com/v1' },
        url,
      );
      expect(api['content-security-policy'], url).toBe("default-src 'none';frame-ancestors 'none'");
      expect(api['x-content-type-options'], url).toBe('nosniff');
      expect(api['referrer-policy'], url).toBe('same-origin');
      expect(api['cross-origin-resource-policy'], url).toBe('same-origin');
      expect(api['strict-transport-security'], url).toBe('max-age=31536000');
      expect(api['x-download-options'], url).toBeUndefined();
      expect(api['x-frame-options'], url).toBeUndefined();
    }
    // Pages keep the whole set, the old browsers' headers included.
    expect(page['x-frame-options']).toBe('DENY');
    expect(page['x-download-options']).toBe('noopen');
    expect(page['content-security-policy']).toContain("script-src 'self'");
  });
});
