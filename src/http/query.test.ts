import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { q } from './query.ts';

/** The pieces of a route's query schema (the refusal around them: validation.test.ts). */
describe('query pieces', () => {
  const schema = z.object({
    von: q.day(),
    seite: q.page(),
    limit: q.count(500),
    nur: q.flag(),
    suche: q.text(),
    ab: q.dayOrTime(),
  });
  const problems = (query: unknown) => {
    const r = schema.safeParse(query);
    return r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  };

  it('accepts good values and leaves absent ones undefined', () => {
    expect(
      schema.parse({ von: '2026-02-28', seite: '3', limit: '10', nur: '1', suche: 'x', other: 'y' }),
    ).toEqual({
      von: '2026-02-28',
      seite: 3,
      limit: 10,
      nur: true,
      suche: 'x',
    });
    expect(schema.parse({ ab: '2026-02-28T08:00:00Z' })).toEqual({ ab: '2026-02-28T08:00:00Z' });
    expect(schema.parse({})).toEqual({});
  });

  it.each([
    [{ von: '2026-13-45' }, /von: kein gültiges Datum/],
    [{ von: '2026-02-30' }, /von: kein gültiges Datum/],
    [{ ab: '2026-02-28T25:00:00Z' }, /ab: kein gültiges Datum/],
    [{ seite: '0' }, /seite: muss eine ganze Zahl ab 1/],
    [{ seite: 'abc' }, /seite: muss eine ganze Zahl ab 1/],
    [{ limit: '501' }, /limit: darf höchstens 500/],
    [{ limit: '-1' }, /limit: muss eine ganze Zahl ab 0/],
    [{ nur: 'vielleicht' }, /nur: muss 1 oder 0/],
    [{ suche: ['a', 'b'] }, /suche: darf nur einmal/],
  ])('refuses %j, naming the parameter in German', (query, message) => {
    expect(problems(query)).toMatch(message);
  });
});
