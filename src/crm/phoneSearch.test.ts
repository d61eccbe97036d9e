import { describe, expect, it } from 'vitest';
import { phoneSearchDigits } from './phoneSearch.ts';

const finds = (term: string, stored: string) =>
  phoneSearchDigits(term).some((d) => stored.replace(/^\+/, '').includes(d));

describe('phone search forms', () => {
  it('finds an international number from any form a person types', () => {
    for (const typed of [
      '0221 998877',
      '0221-998877',
      '(0221) 99 88 77',
      '+49 221 998877',
      '+49 (0)221 998877',
      '0049 221 998877',
      '0049-221-998877',
      '221998877',
      '0221 99',
      '998877',
    ])
      expect(finds(typed, '+49221998877'), typed).toBe(true);
  });

  it('does not match unrelated numbers or too little', () => {
    expect(finds('0221 998876', '+49221998877')).toBe(false);
    expect(finds('+43 221 998877', '+49221998877')).toBe(false);
    expect(phoneSearchDigits('02')).toEqual([]);
    expect(phoneSearchDigits('ACME')).toEqual([]);
  });
});
