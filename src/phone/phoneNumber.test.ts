import { describe, expect, it } from 'vitest';
import { maskNumber, normalizePhone } from './phoneNumber.ts';

const de = { defaultRegion: 'DE', minDigits: 4 };

describe('normalizePhone', () => {
  it.each([
    ['0171 1234567', '+491711234567'],
    ['+49 (171) 123 45 67', '+491711234567'],
    ['0049 171 1234567', '+491711234567'],
    ['030/123456', '+4930123456'],
    ['+4930123456', '+4930123456'],
    ['tel:+49-30-123456', '+4930123456'],
    ['sip:+4930123456@webex.example', '+4930123456'],
  ])('%s → %s', (raw, e164) => {
    expect(normalizePhone(raw, de)).toEqual({ kind: 'number', e164 });
  });

  it('ignores extensions and feature codes shorter than the minimum', () => {
    expect(normalizePhone('101', de)).toEqual({ kind: 'ignored', reason: 'too_short' });
    expect(normalizePhone('*73', de)).toEqual({ kind: 'ignored', reason: 'too_short' });
  });

  it('treats a four-digit extension as a number when the minimum is four', () => {
    expect(normalizePhone('1012', de).kind).toBe('number');
    expect(normalizePhone('1012', { ...de, minDigits: 5 })).toEqual({ kind: 'ignored', reason: 'too_short' });
  });

  it('refuses numbers longer than E.164 allows (15 digits after the trunk prefix)', () => {
    expect(normalizePhone('+49 171 1234567890123', de)).toEqual({ kind: 'ignored', reason: 'too_long' });
    expect(normalizePhone('0049 171 1234567890123', de)).toEqual({ kind: 'ignored', reason: 'too_long' });
    expect(normalizePhone('1'.repeat(16), de)).toEqual({ kind: 'ignored', reason: 'too_long' });
    expect(normalizePhone(`+49${'1'.repeat(10_000)}`, de)).toEqual({ kind: 'ignored', reason: 'too_long' });
    // 15 digits is still a number, kept in full.
    expect(normalizePhone('+999 123456789012', de)).toEqual({ kind: 'number', e164: '+999123456789012' });
    expect(normalizePhone('0171 1234567 ext 123456', de).kind).toBe('number');
  });

  it('ignores addresses and empty input', () => {
    expect(normalizePhone('user@firma.de', de)).toEqual({ kind: 'ignored', reason: 'not_a_number' });
    expect(normalizePhone('', de)).toEqual({ kind: 'ignored', reason: 'empty' });
    expect(normalizePhone(undefined, de)).toEqual({ kind: 'ignored', reason: 'empty' });
  });

  it('uses the configured default region', () => {
    expect(normalizePhone('01 23 45 67 89', { defaultRegion: 'FR', minDigits: 4 })).toEqual({
      kind: 'number',
      e164: '+33123456789',
    });
  });
});

describe('maskNumber', () => {
  it('hides the middle of a number', () => {
    expect(maskNumber('+491711234567')).toBe('+4917***67');
    expect(maskNumber('1234')).toBe('***');
  });
});
