import { describe, expect, it } from 'vitest';
import { findNumbers, parseGermanNumberWord } from './germanNumbers.ts';

describe('parseGermanNumberWord', () => {
  it.each([
    ['zweiundsechzigtausend', 62000],
    ['viertausendfünfhundert', 4500],
    ['dreitausendzweihundert', 3200],
    ['fünfundsechzig', 65],
    ['siebzig', 70],
    ['dreizehn', 13],
    ['einhundertzwanzig', 120],
    ['neunundvierzigtausendfünfhundert', 49500],
    ['sechs', 6],
  ])('%s → %d', (w, n) => expect(parseGermanNumberWord(w)).toBe(n));

  it('rejects ordinary words', () => {
    for (const w of ['und', 'hundertmal', 'gehalt', 'siebenmeilenstiefel'])
      expect(parseGermanNumberWord(w)).toBeNull();
  });
});

describe('findNumbers', () => {
  it('finds digits with German separators and thousands markers, and number words', () => {
    const found = findNumbers(
      'Aktuell 58k, früher 52.500 und dann achtzig Tsd, also dreiundfünfzigtausend und 3 Wochen',
    );
    expect(found.map((f) => f.value)).toEqual([58000, 52500, 80, 53000, 3]);
    expect(found.map((f) => f.thousands)).toEqual([true, true, false, true, false]);
  });

  it('does not read articles as numbers', () => {
    expect(findNumbers('ein bisschen Kubernetes, eine Stelle').map((f) => f.value)).toEqual([]);
  });
});
