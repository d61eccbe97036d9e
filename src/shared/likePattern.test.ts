import { describe, expect, it } from 'vitest';
import { containsPattern } from './likePattern.ts';

describe('containsPattern', () => {
  it('escapes the wildcards and the escape character itself', () => {
    expect(containsPattern('müller')).toBe('%müller%');
    expect(containsPattern('100%')).toBe('%100!%%');
    expect(containsPattern('a_b')).toBe('%a!_b%');
    expect(containsPattern('hi!')).toBe('%hi!!%');
  });
});
