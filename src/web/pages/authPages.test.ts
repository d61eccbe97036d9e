import { describe, expect, it } from 'vitest';
import { safeNext } from './authPages.ts';

describe('safeNext', () => {
  it('keeps paths of this site, with their query and fragment', () => {
    expect(safeNext('/kandidaten/abc?tab=notizen#neu')).toBe('/kandidaten/abc?tab=notizen#neu');
    expect(safeNext('/anrufe')).toBe('/anrufe');
  });

  it('sends everything that could lead to another host to the call list', () => {
    for (const next of [
      '//evil.example',
      '/\\evil.example',
      '/\\/evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/.//evil.example',
      '/..//evil.example',
      '/a/..//evil.example',
      '/./\\evil.example',
      'https://evil.example/',
      'evil.example',
      '',
      undefined,
      ['/anrufe'],
    ])
      expect(safeNext(next)).toBe('/anrufe');
  });
});
