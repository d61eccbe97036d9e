import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerSecurityHeaders } from './securityHeaders.ts';

const headersFor = async (opts: { publicUrl?: string; webexApiUrl: string }) => {
  const app = Fastify();
  registerSecurityHeaders(app, opts);
  app.get('/', { config: { access: 'public' } }, async () => 'ok');
  const res = await app.inject({ url: '/' });
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
});
