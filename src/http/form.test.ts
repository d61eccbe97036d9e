import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { form } from './form.ts';
import { orEmpty } from './validation.ts';

/** The pieces of a form's route schema (the refusal around them: validation.test.ts). */
describe('form pieces', () => {
  const login = orEmpty(z.object({ username: form.text(), next: form.text() }));

  it('returns the named fields as text, absent ones undefined, unknown ones dropped', () => {
    expect(login.parse({ username: 'anna', extra: 'x' })).toEqual({ username: 'anna' });
    expect(login.parse(undefined)).toEqual({});
    expect(login.parse(null)).toEqual({});
  });

  it('refuses a field sent twice or not as text, in German', () => {
    for (const body of [{ username: ['a', 'b'] }, { username: 7 }]) {
      const r = login.safeParse(body);
      expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
        'username: muss ein einzelner Text sein',
      ]);
    }
    expect(login.safeParse('username=anna').success).toBe(false);
  });

  it('form.values keeps every field of a free form, each as text', () => {
    expect(form.values().parse({ name: 'A', city: '' })).toEqual({ name: 'A', city: '' });
    expect(form.values().safeParse({ name: ['A', 'B'] }).error?.issues[0]?.message).toBe(
      'muss ein einzelner Text sein',
    );
  });
});
