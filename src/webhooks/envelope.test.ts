import { describe, expect, it } from 'vitest';
import { parseDeliveryJson } from './envelope.ts';

describe('parseDeliveryJson', () => {
  it('drops NUL from strings (PostgreSQL text cannot hold it) and leaves everything else', () => {
    expect(parseDeliveryJson('{"a":"x\\u0000y","b":["\\u0000"],"c":1}')).toEqual({ a: 'xy', b: [''], c: 1 });
    expect(parseDeliveryJson('{"a":"ä\\n"}')).toEqual({ a: 'ä\n' });
    expect(() => parseDeliveryJson('{"a":')).toThrow();
  });
});
