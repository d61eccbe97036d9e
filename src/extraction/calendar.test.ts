import { describe, expect, it } from 'vitest';
import {
  firstOfMonthAhead,
  isValidYmd,
  nextMonthDay,
  nextWeekday,
  parseOrdinalWord,
  weekdayInWeek,
} from './calendar.ts';

describe('calendar arithmetic', () => {
  it('finds the next weekday; on the same weekday it is a week later', () => {
    expect(nextWeekday('2026-11-18', 2)).toBe('2026-11-24'); // Wed → Tue
    expect(nextWeekday('2026-11-17', 2)).toBe('2026-11-24'); // Tue → next Tue
    expect(nextWeekday('2026-01-27', 1, 1)).toBe('2026-02-09'); // übernächsten Montag
    expect(nextWeekday('2026-12-30', 5)).toBe('2027-01-01'); // over the year end
  });

  it('finds a weekday of next week by calendar week', () => {
    expect(weekdayInWeek('2026-07-09', 3, 1)).toBe('2026-07-15'); // Thu → Wed of next week
    expect(weekdayInWeek('2026-07-06', 3, 1)).toBe('2026-07-15'); // Mon → Wed of next week, not the 8th
    expect(weekdayInWeek('2026-12-31', 1, 1)).toBe('2027-01-04');
  });

  it('rolls day-and-month over the year end, waits for 29 February', () => {
    expect(nextMonthDay('2026-11-20', 4, 1)).toBe('2027-04-01');
    expect(nextMonthDay('2026-01-27', 3, 1)).toBe('2026-03-01');
    expect(nextMonthDay('2026-03-01', 3, 1)).toBe('2026-03-01'); // on the call date itself
    expect(nextMonthDay('2026-03-01', 2, 29)).toBe('2028-02-29');
    expect(firstOfMonthAhead('2026-11-15', 2)).toBe('2027-01-01');
  });

  it('validates dates without time zone surprises', () => {
    expect(isValidYmd('2026-02-28')).toBe(true);
    expect(isValidYmd('2026-02-29')).toBe(false);
    expect(isValidYmd('2026-13-01')).toBe(false);
  });

  it('reads ordinal words', () => {
    expect(parseOrdinalWord('ersten')).toBe(1);
    expect(parseOrdinalWord('dritten')).toBe(3);
    expect(parseOrdinalWord('siebten')).toBe(7);
    expect(parseOrdinalWord('zwölften')).toBe(12);
    expect(parseOrdinalWord('vierundzwanzigsten')).toBe(24);
    expect(parseOrdinalWord('einunddreißigsten')).toBe(31);
    expect(parseOrdinalWord('letzten')).toBeNull();
    expect(parseOrdinalWord('besten')).toBeNull();
  });
});

describe('parseOrdinalWord and JavaScript object names', () => {
  it('reads no day from "constructor" or "toString"', () => {
    for (const w of ['constructor', 'toString', 'constructorten']) expect(parseOrdinalWord(w), w).toBeNull();
  });
});
