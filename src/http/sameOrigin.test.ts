import { describe, expect, it } from 'vitest';
import { crossSiteReason } from './sameOrigin.ts';

const ME = 'https://crm.example.de';
const post = (h: { origin?: string; referer?: string; contentType?: string }, method = 'POST') => ({
  method,
  origin: h.origin,
  referer: h.referer,
  contentType: h.contentType,
});

describe('crossSiteReason', () => {
  it('lets safe methods and same-origin unsafe requests pass', () => {
    expect(crossSiteReason(post({ origin: 'https://evil.example' }, 'GET'), ME)).toBeNull();
    expect(crossSiteReason(post({ origin: ME }), ME)).toBeNull();
    expect(crossSiteReason(post({ referer: `${ME}/leads/neu?x=1` }), ME)).toBeNull();
  });

  it('refuses another origin, another port or scheme, and Origin: null', () => {
    expect(crossSiteReason(post({ origin: 'https://evil.example' }), ME)).toMatch(/evil/);
    expect(crossSiteReason(post({ origin: 'http://crm.example.de' }), ME)).not.toBeNull();
    expect(crossSiteReason(post({ origin: 'https://crm.example.de:8443' }), ME)).not.toBeNull();
    expect(crossSiteReason(post({ origin: 'null', referer: `${ME}/` }), ME)).toBe('Origin: null');
    expect(crossSiteReason(post({ referer: 'https://evil.example/x' }), ME)).not.toBeNull();
    expect(crossSiteReason(post({ origin: 'not a url' }), ME)).not.toBeNull();
  });

  it('refuses a form-like POST without Origin and Referer; JSON and DELETE need a preflight and pass', () => {
    for (const contentType of [
      undefined,
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/plain;charset=UTF-8',
    ])
      expect(crossSiteReason(post({ contentType }), ME)).toBe('weder Origin noch Referer');
    expect(crossSiteReason(post({ contentType: 'application/json' }), ME)).toBeNull();
    expect(crossSiteReason(post({}, 'DELETE'), ME)).toBeNull();
    expect(crossSiteReason(post({ origin: 'https://evil.example' }, 'DELETE'), ME)).not.toBeNull();
  });
});
