import { describe, expect, it } from 'vitest';
import { berlinDayBounds } from './berlinDay.ts';

describe('berlinDayBounds', () => {
  it('uses +01:00 in winter and +02:00 in summer, 23 and 25 hours on the change days', () => {
    expect(berlinDayBounds('2026-01-15')).toEqual({
      start: '2026-01-14T23:00:00.000Z',
      end: '2026-01-15T23:00:00.000Z',
    });
    expect(berlinDayBounds('2026-07-01')).toEqual({
      start: '2026-06-30T22:00:00.000Z',
      end: '2026-07-01T22:00:00.000Z',
    });
    expect(berlinDayBounds('2026-03-29')).toEqual({
      start: '2026-03-28T23:00:00.000Z',
      end: '2026-03-29T22:00:00.000Z',
    });
    expect(berlinDayBounds('2026-10-25')).toEqual({
      start: '2026-10-24T22:00:00.000Z',
      end: '2026-10-25T23:00:00.000Z',
    });
    expect(berlinDayBounds('2026-12-31').end).toBe('2026-12-31T23:00:00.000Z');
  });
});
