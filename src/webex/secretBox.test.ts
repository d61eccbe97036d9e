import { describe, expect, it } from 'vitest';
import { generateKey, SecretBox } from './secretBox.ts';

describe('SecretBox', () => {
  const key = generateKey();

  it('round-trips a secret and never stores it in plain text', () => {
    const box = new SecretBox(key);
    const sealed = box.seal('refresh-token-123', 'connection:a:refresh');
    expect(sealed).not.toContain('refresh-token-123');
    expect(sealed.startsWith(`v1.${box.currentKeyId}.`)).toBe(true);
    expect(box.open(sealed, 'connection:a:refresh')).toBe('refresh-token-123');
    expect(box.seal('x', 'p')).not.toBe(box.seal('x', 'p'));
  });

  it('refuses a value moved to another purpose, or tampered with', () => {
    const box = new SecretBox(key);
    const sealed = box.seal('secret', 'connection:a:refresh');
    expect(() => box.open(sealed, 'connection:b:refresh')).toThrow(/andere Stelle/);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('other').toString('base64url');
    expect(() => box.open(parts.join('.'), 'connection:a:refresh')).toThrow(/beschädigt/);
  });

  it('opens values of a previous key after rotation, and names an unknown key', () => {
    const old = new SecretBox(key);
    const sealed = old.seal('secret', 'p');
    const next = generateKey();
    expect(new SecretBox(next, [key]).open(sealed, 'p')).toBe('secret');
    expect(() => new SecretBox(next).open(sealed, 'p')).toThrow(/unbekannten Schlüssel/);
  });

  it('tells which values its keys made, and names a missing key as missing, not as unknown', () => {
    const sealed = new SecretBox(key).seal('secret', 'p');
    expect(new SecretBox(key).hasKeyFor(sealed)).toBe(true);
    expect(new SecretBox(generateKey(), [key]).hasKeyFor(sealed)).toBe(true);
    expect(new SecretBox(generateKey()).hasKeyFor(sealed)).toBe(false);
    expect(new SecretBox(undefined).hasKeyFor(sealed)).toBe(false);
    expect(() => new SecretBox(undefined).open(sealed, 'p')).toThrow(
      expect.objectContaining({
        code: 'encryption_key_missing',
        message: expect.stringMatching(/^ENCRYPTION_KEY fehlt/),
      }),
    );
  });

  it('refuses to seal without a key', () => {
    expect(() => new SecretBox(undefined).seal('x', 'p')).toThrow(
      expect.objectContaining({
        code: 'encryption_key_missing',
        hint: expect.stringContaining('ENCRYPTION_KEY'),
      }),
    );
  });
});
