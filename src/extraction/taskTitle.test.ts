import { describe, expect, it } from 'vitest';
import { followUpStep, similarTasks, todoTitle } from './taskTitle.ts';

describe('todoTitle', () => {
  const ctx = { recordName: 'Anna Keller', due: '2026-12-08' };
  it('turns a first-person quote into a to-do, keeping the quote as detail', () => {
    expect(todoTitle('Ich rufe Sie nächsten Dienstag an', ctx)).toEqual({
      title: 'Rückruf bei Anna Keller am Di 08.12.',
      detail: 'Ich rufe Sie nächsten Dienstag an',
    });
    expect(todoTitle('Ich stelle Sie bei zwei Kunden vor.', ctx)).toEqual({
      title: 'Nachfassen bei Anna Keller am Di 08.12.',
      detail: 'Ich stelle Sie bei zwei Kunden vor.',
    });
  });
  it('keeps a step already phrased as the recruiter’s to-do', () => {
    expect(todoTitle('Profil an die Firma Brandt & Söhne schicken', ctx)).toEqual({
      title: 'Profil an die Firma Brandt & Söhne schicken',
      detail: null,
    });
    expect(todoTitle('Rückruf Di 08.12.', ctx).title).toBe('Rückruf bei Anna Keller am Di 08.12.');
    expect(todoTitle(null, ctx).title).toBe('Nachfassen bei Anna Keller am Di 08.12.');
  });
  it('picks the call-back among the steps', () => {
    expect(followUpStep(['Profil schicken', 'Ich melde mich Freitag'])).toBe('Ich melde mich Freitag');
    expect(followUpStep([])).toBeNull();
    // The extraction's short form is a call-back too, and creating the record is no follow-up.
    expect(followUpStep(['Kandidat bei anlegen', 'Rückruf Di 08.12.'])).toBe('Rückruf Di 08.12.');
    expect(followUpStep(['Kandidat anlegen', 'Profil an Brandt schicken'])).toBe('Profil an Brandt schicken');
    expect(followUpStep(['Kandidat anlegen'])).toBeNull();
  });
  it('sees repeated wordings of one follow-up as the same', () => {
    expect(similarTasks('Rückruf bei Anna Keller am Di 08.12.', 'Rückruf bei Anna Keller am Fr 11.12.')).toBe(
      true,
    );
    expect(similarTasks('Rückruf bei Anna Keller am Di 08.12.', 'Profil an Brandt schicken')).toBe(false);
  });
});
