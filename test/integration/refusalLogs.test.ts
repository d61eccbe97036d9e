import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerInto } from '../support/logs.ts';
import { type Stack, startStack } from '../support/stack.ts';

/**
 * Refused requests are logged (warn) with their address, but what a person typed into a search or a
 * number lookup is personal data: the log line names the path only, never the query.
 */
describe('refused requests in the log', () => {
  let stack: Stack;
  let milad: string;
  const logs: string[] = [];

  beforeAll(async () => {
    stack = await startStack({ logLevel: 'info' }, { log: loggerInto(logs, 'info') });
    milad = await stack.login('milad', 'milad-password');
  });
  afterAll(() => stack?.close());

  it('names the path but not the search words or numbers of a refused request', async () => {
    const refused = [
      ['/api/candidates?q=Quellmalz&limit=abc', { cookie: milad }],
      ['/api/privacy/export?phone=0561%20998877', { cookie: milad }],
      ['/api/leads?q=Quellmalz', {}],
      ['/kandidaten?q=Quellmalz&seite=-3', { cookie: milad, accept: 'text/html' }],
    ] as const;
    for (const [path, headers] of refused) {
      const res = await fetch(`${stack.url}${path}`, { headers, redirect: 'manual' });
      expect(res.status, path).toBeGreaterThanOrEqual(300);
      await res.arrayBuffer();
    }
    const cross = await fetch(`${stack.url}/kandidaten/neu?q=Quellmalz`, {
      method: 'POST',
      headers: {
        cookie: milad,
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'x=1',
    });
    expect(cross.status).toBe(403);
    const text = logs.join('');
    expect(text).toContain('/api/candidates');
    expect(text).toContain('/api/privacy/export');
    expect(text).toContain('cross-site request refused');
    expect(text).not.toContain('Quellmalz');
    expect(text).not.toContain('998877');
  });
});
