import { describe, expect, it } from 'vitest';
import { findNumbers, parseAmount, parseCount, parseDigits, parseGermanNumberWord } from './germanNumbers.ts';

describe('parseGermanNumberWord', () => {
  it.each([
    ['zweiundsechzigtausend', 62000],
    ['fünfundsechzig', 65],
    ['einhundertzwanzig', 120],
    ['hundertzwanzig', 120],
    ['viertausendfünfhundert', 4500],
    ['dreitausendzweihundert', 3200],
    ['neunundvierzigtausendfünfhundert', 49500],
    ['eintausend', 1000],
    ['tausend', 1000],
    ['siebzig', 70],
    ['dreizehn', 13],
    ['zwölf', 12],
    ['dreissig', 30],
    ['fuenfundzwanzig', 25],
    ['zwoundzwanzig', 22],
    ['anderthalb', 1.5],
    ['zweieinhalb', 2.5],
  ])('%s → %d', (w, n) => expect(parseGermanNumberWord(w)).toBe(n));

  it('rejects ordinary words', () => {
    for (const w of [
      'und',
      'hundertmal',
      'gehalt',
      'siebenmeilenstiefel',
      'einer',
      'Kündigungsfrist',
      'zehner',
    ])
      expect(parseGermanNumberWord(w)).toBeNull();
  });
});

describe('parseDigits and parseCount', () => {
  it.each([
    ['58.000', 58000],
    ['4.500,50', 4500.5],
    ['58 000', 58000],
    ['18,50', 18.5],
    ['1.250.000', 1250000],
    ['65', 65],
  ])('%s → %d', (s, n) => expect(parseDigits(s)).toBe(n));

  it('reads counts said as words, digits or articles', () => {
    expect(parseCount('drei')).toBe(3);
    expect(parseCount('einen')).toBe(1);
    expect(parseCount('12')).toBe(12);
    expect(parseCount('viele')).toBeNull();
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

  it('joins "zweiundsechzig tausend" and "viertausend fünfhundert", keeps decimals', () => {
    expect(findNumbers('so zweiundsechzig tausend brutto').map((f) => f.value)).toEqual([62000]);
    expect(findNumbers('viertausend fünfhundert im Monat').map((f) => f.value)).toEqual([4500]);
    const [d] = findNumbers('ich krieg 4.500,50 € im Monat');
    expect(d).toMatchObject({ value: 4500.5, decimal: true, text: '4.500,50' });
    expect(findNumbers('58 Tsd. und 70 tausend').map((f) => f.value)).toEqual([58000, 70000]);
  });

  it('does not read articles, codes or grades as numbers', () => {
    expect(findNumbers('ein bisschen Kubernetes, eine Stelle').map((f) => f.value)).toEqual([]);
    expect(findNumbers('Scrum, PRINCE2, Gruppe S8a, E13, 3D-Druck').map((f) => f.value)).toEqual([]);
  });

  it('reports positions in the text', () => {
    const text = 'Gehalt: 72.000 im Jahr';
    const [n] = findNumbers(text);
    expect(text.slice(n!.start, n!.end)).toBe('72.000');
  });

  it('reads the first amount of a phrase', () => {
    expect(parseAmount('ca. 58k brutto')).toBe(58000);
    expect(parseAmount('achtundfünfzigtausend Euro')).toBe(58000);
    expect(parseAmount('keine Angabe')).toBeNull();
  });
});

describe('words every JavaScript object has', () => {
  it('are no numbers ("constructor", "toString" said in a call about software)', () => {
    for (const w of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])
      expect(parseGermanNumberWord(w), w).toBeNull();
    expect(findNumbers('der constructor und toString')).toEqual([]);
  });
});
