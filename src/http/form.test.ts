import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../shared/errors.ts';
import { form, parseForm } from './form.ts';

describe('parseForm', () => {
  const login = z.object({ username: form.text(), next: form.text() });

  it('returns the named fields as text, absent ones undefined, unknown ones dropped', () => {
    expect(parseForm(login, { username: 'anna', extra: 'x' })).toEqual({ username: 'anna' });
    expect(parseForm(login, undefined)).toEqual({});
  });

  it('refuses a field sent twice or not as text with a German 400', () => {
    for (const body of [{ username: ['a', 'b'] }, { username: 7 }, 'username=anna']) {
      let err: unknown;
      try {
        parseForm(login, body);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(400);
      expect((err as AppError).message).toMatch(/^Ungültige Angabe im Formular/);
    }
  });

  it('form.values keeps every field of a free form, each as text', () => {
    expect(parseForm(form.values(), { name: 'A', city: '' })).toEqual({ name: 'A', city: '' });
    expect(() => parseForm(form.values(), { name: ['A', 'B'] })).toThrow(/muss ein einzelner Text sein/);
  });
});
