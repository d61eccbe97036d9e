import { describe, expect, it } from 'vitest';
import { numberNeedles } from './personTraces.ts';

describe('numberNeedles', () => {
  it('finds a number however a stored body wrote it: without country code and trunk prefix', () => {
    expect(numberNeedles('+495617781234')).toEqual(['5617781234', '+495617781234']);
    expect(numberNeedles('+4930123456')).toEqual(['30123456', '+4930123456']);
  });
  it('drops digit strings too short to be told apart from other ids', () => {
    expect(numberNeedles('+4912345')).toEqual(['+4912345']);
    expect(numberNeedles('12345')).toEqual([]);
  });
});
