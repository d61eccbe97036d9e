import { describe, expect, it } from 'vitest';
import { parseQuery, q } from './query.ts';

describe('parseQuery', () => {
  const shape = {
    von: q.day(),
    seite: q.page(),
    limit: q.count(500),
    nur: q.flag(),
    suche: q.text(),
    ab: q.dayOrTime(),
  };

  it('accepts good values and leaves absent ones undefined', () => {
    expect(
      parseQuery(shape, { von: '2026-02-28', seite: '3', limit: '10', nur: '1', suche: 'x', other: 'y' }),
    ).toEqual({
      von: '2026-02-28',
      seite: 3,
      limit: 10,
      nur: true,
      suche: 'x',
    });
    expect(parseQuery(shape, { ab: '2026-02-28T08:00:00Z' })).toEqual({ ab: '2026-02-28T08:00:00Z' });
    expect(parseQuery(shape, {})).toEqual({});
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
  ])('refuses %j with a German 400', (query, message) => {
    expect(() => parseQuery(shape, query)).toThrow(message);
    try {
      parseQuery(shape, query);
    } catch (err) {
      expect(err).toMatchObject({ status: 400, code: 'invalid_query' });
    }
  });
});
