import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../support/stack.ts';

/** Odd values typed into a lead or candidate: refused with a German 400, stored as typed, never a 500. */
describe('record input', () => {
  let stack: Stack;
  let milad: string;

  beforeAll(async () => {
    stack = await startStack();
    milad = await stack.login('milad', 'milad-password');
  });
  afterAll(() => stack?.close());

  const post = (path: string, body: unknown) =>
    fetch(`${stack.url}${path}`, {
      method: 'POST',
      headers: { cookie: milad, 'content-type': 'application/json', origin: stack.url },
      body: JSON.stringify(body),
    });

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])(
    'refuses the status %s (a name every JavaScript object has), also on the form',
    async (status) => {
      const res = await post('/api/candidates', { firstName: 'Eva', lastName: 'Ost', status });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { details: { field: string; reason: string }[] };
      expect(body.details).toEqual([
        { field: 'status', reason: expect.stringMatching(/^Status muss einer von neu,/) },
      ]);

      const form = await fetch(`${stack.url}/kandidaten/neu`, {
        method: 'POST',
        headers: { cookie: milad, 'content-type': 'application/x-www-form-urlencoded', origin: stack.url },
        body: new URLSearchParams({ firstName: 'Eva', lastName: 'Ost', status }).toString(),
        redirect: 'manual',
      });
      expect(form.status).toBe(400);
      const page = await form.text();
      expect(page).toContain('Status muss einer von');
      expect(page).not.toContain('[native code]');
    },
  );

  it('keeps a good status', async () => {
    const res = await post('/api/candidates', { firstName: 'Eva', lastName: 'Ost', status: 'vorgestellt' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ status: 'vorgestellt' });
  });

  it('stores a name with a NUL character without it (PostgreSQL cannot store one) instead of a 500', async () => {
    const res = await post('/api/leads', { company: 'Nord\u0000licht AG', notes: 'a\u0000b' });
    expect(res.status).toBe(201);
    const lead = (await res.json()) as { id: string; company: string; notes: string };
    expect(lead).toMatchObject({ company: 'Nordlicht AG', notes: 'ab' });
    const search = await fetch(`${stack.url}/api/leads?q=${encodeURIComponent('Nord\u0000')}`, {
      headers: { cookie: milad },
    });
    expect(search.status).toBe(200);
  });
});
