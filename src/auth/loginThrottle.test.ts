import { describe, expect, it } from 'vitest';
import { addressKey, clientNetwork } from './loginThrottle.ts';

describe('clientNetwork', () => {
  it('keeps an IPv4 address, also written IPv4-mapped', () => {
    expect(clientNetwork('203.0.113.5')).toBe('203.0.113.5');
    expect(clientNetwork('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(clientNetwork(undefined)).toBe('unbekannt');
  });

  it('counts an IPv6 address by its /64, however it is written', () => {
    for (const a of [
      '2001:db8:77:1::1',
      '2001:0DB8:0077:0001:0:0:0:99',
      '2001:db8:77:1:abcd::1',
      '2001:db8:77:1::7%eth0',
    ])
      expect(clientNetwork(a), a).toBe('2001:db8:77:1::/64');
    expect(clientNetwork('2001:db8:77:2::1')).toBe('2001:db8:77:2::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('2001:db8::5')).toBe('address:2001:db8:0:0::/64');
  });
});
