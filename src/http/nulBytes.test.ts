import { describe, expect, it } from 'vitest';
import { withoutNul } from './nulBytes.ts';

describe('withoutNul', () => {
  it('drops NUL characters from strings, keys, arrays and nested objects', () => {
    expect(
      withoutNul({ 'na\u0000me': 'Nord\u0000licht', phones: ['0221\u0000 1'], x: { y: '\u0000' } }),
    ).toEqual({
      name: 'Nordlicht',
      phones: ['0221 1'],
      x: { y: '' },
    });
  });

  it('keeps other values and raw bodies as they are', () => {
    const buf = Buffer.from('a\u0000b');
    expect(withoutNul(buf)).toBe(buf);
    expect(withoutNul(5)).toBe(5);
    expect(withoutNul(null)).toBe(null);
    const nullProto = Object.assign(Object.create(null), { q: 'a\u0000' });
    expect({ ...withoutNul(nullProto) }).toEqual({ q: 'a' });
    function Empty() {}
    Empty.prototype = Object.create(null);
    const parsed = Object.assign(new (Empty as unknown as new () => object)(), { q: 'Nord\u0000' });
    expect({ ...withoutNul(parsed) }).toEqual({ q: 'Nord' });
  });
});
