import { describe, expect, it } from 'vitest';
import { nextMonthDay, nextWeekday, resolveDatePhrase } from './dateResolver.ts';

describe('date resolution against the call date', () => {
  it('finds the next weekday; the same weekday means a week later', () => {
    expect(nextWeekday('2026-11-18', 2)).toBe('2026-11-24'); // Wed → Tue
    expect(nextWeekday('2026-11-17', 2)).toBe('2026-11-24'); // Tue → next Tue
    expect(nextWeekday('2026-01-27', 1, 1)).toBe('2026-02-09'); // übernächsten Montag
  });

  it('rolls day-and-month phrases over the year end', () => {
    expect(nextMonthDay('2026-11-20', 4, 1)).toBe('2027-04-01');
    expect(nextMonthDay('2026-01-27', 3, 1)).toBe('2026-03-01');
    expect(nextMonthDay('2026-03-01', 3, 1)).toBe('2026-03-01');
  });

  it.each([
    ['ich ruf Sie nächsten Dienstag an', '2026-11-18', '2026-11-24'],
    ['dann telefonieren wir am 12. Mai', '2026-04-21', '2026-05-12'],
    ['ich könnte ab 1. März anfangen', '2026-01-27', '2026-03-01'],
    ['frühestens zum ersten April', '2026-11-20', '2027-04-01'],
    ['zum ersten des übernächsten Monats', '2026-09-08', '2026-11-01'],
    ['ich melde mich morgen früh', '2026-10-14', '2026-10-15'],
    ['in zwei Wochen wieder', '2026-12-24', '2027-01-07'],
    ['am 3.1. geht es los', '2026-12-10', '2027-01-03'],
    ['sofort', '2026-10-14', '2026-10-14'],
  ])('%s (call %s) → %s', (phrase, call, want) => {
    expect(resolveDatePhrase(phrase, call)?.date).toBe(want);
  });

  it('names no day for vague phrases and greetings', () => {
    for (const p of ['Anfang März', 'im Frühjahr', 'nächste Woche irgendwann', 'Guten Morgen, Frau Keller']) {
      expect(resolveDatePhrase(p, '2026-01-10')).toBeNull();
    }
  });
});
