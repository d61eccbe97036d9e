import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../support/stack.ts';

/**
 * `/login?next=…` sends the user on after signing in (and at once when already signed in): only ever to
 * a page of this site. A protocol-relative target (`//host`) would take a phished user, password just
 * typed, to another site that looks like CallBridge.
 */
describe('where the login sends the user on', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());

  const foreign = [
    '/.//evil.example/anmelden',
    '/..//evil.example',
    '/a/..//evil.example',
    '/./\\evil.example',
  ];

  const leavesSite = (location: string | null) =>
    location === null || new URL(location, stack.url).origin !== new URL(stack.url).origin;

  it('after signing in on the form, never to another host', async () => {
    for (const next of foreign) {
      const res = await fetch(`${stack.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.url },
        body: new URLSearchParams({ username: 'milad', password: 'milad-password', next }).toString(),
        redirect: 'manual',
      });
      expect(res.status, next).toBe(303);
      expect(leavesSite(res.headers.get('location')), `${next} → ${res.headers.get('location')}`).toBe(false);
    }
  });

  it('when already signed in, never to another host; a path of this site is kept', async () => {
    const cookie = await stack.login('milad', 'milad-password');
    for (const next of foreign) {
      const res = await fetch(`${stack.url}/login?next=${encodeURIComponent(next)}`, {
        headers: { cookie, accept: 'text/html' },
        redirect: 'manual',
      });
      expect(res.status, next).toBe(302);
      expect(leavesSite(res.headers.get('location')), `${next} → ${res.headers.get('location')}`).toBe(false);
    }
    const own = await fetch(`${stack.url}/login?next=${encodeURIComponent('/leads?q=a')}`, {
      headers: { cookie, accept: 'text/html' },
      redirect: 'manual',
    });
    expect(own.headers.get('location')).toBe('/leads?q=a');
  });
});
