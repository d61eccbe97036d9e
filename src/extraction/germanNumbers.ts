/**
 * German numbers as people say them on the phone: words ("zweiundsechzigtausend", "viertausend
 * fünfhundert"), digits with German separators ("58.000", "4.500,50", "58 000") and shorthands
 * ("58k", "58 Tsd."). Pure functions, no locale APIs.
 */

const UNITS: Record<string, number> = {
  ein: 1,
  eins: 1,
  eine: 1,
  zwei: 2,
  zwo: 2,
  zwee: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
};
const TEENS: Record<string, number> = {
  zehn: 10,
  elf: 11,
  zwölf: 12,
  dreizehn: 13,
  vierzehn: 14,
  fünfzehn: 15,
  sechzehn: 16,
  siebzehn: 17,
  achtzehn: 18,
  neunzehn: 19,
};
const TENS: Record<string, number> = {
  zwanzig: 20,
  dreißig: 30,
  vierzig: 40,
  fünfzig: 50,
  sechzig: 60,
  siebzig: 70,
  achtzig: 80,
  neunzig: 90,
};
const FRACTIONS: Record<string, number> = { anderthalb: 1.5, eineinhalb: 1.5, einhalb: 0.5 };

/** Spelling variants a transcript may contain: "fuenf", "dreissig", "zwoundzwanzig". */
function canonical(word: string): string {
  return (
    word
      .toLowerCase()
      .normalize('NFC')
      .replace(/ae/g, 'ä')
      .replace(/oe/g, 'ö')
      .replace(/ue/g, 'ü')
      .replace(/ss/g, 'ß')
      // Bavarian tens and "und": "fuchzg", "vierzg", "dreißg", "zweiavierzg", "zwoa".
      .replace(/(?<=[a-zäöüß])zg(?=$|tausend|hundert)/g, 'zig')
      .replace(/(?<=[a-zäöüß])ßg(?=$|tausend|hundert)/g, 'ßig')
      .replace(/zwoa/g, 'zwei')
      // Spoken forms: "fuffzig", "zwanzich", "dreißich", "zwo".
      .replace(/fuffzig|fuffzich|fuchzig/g, 'fünfzig')
      .replace(
        /(ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)a(?=(?:zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig))/g,
        '$1und',
      )
      .replace(/(zwanz|ßig|zig)ich/g, '$1ig')
      .replace(/(?<=^|und)zwo(?=und|hundert|tausend|$)/g, 'zwei')
      .replace(/^eins(?=hundert|tausend)/, 'ein')
  );
}

function below100(s: string): number | null {
  if (s === '') return 0;
  if (Object.hasOwn(TEENS, s)) return TEENS[s]!;
  if (Object.hasOwn(TENS, s)) return TENS[s]!;
  if (Object.hasOwn(UNITS, s)) return UNITS[s]!;
  const m = /^(.+?)und(.+)$/.exec(s);
  if (m && Object.hasOwn(UNITS, m[1]!) && m[1] !== 'eine' && Object.hasOwn(TENS, m[2]!))
    return UNITS[m[1]!]! + TENS[m[2]!]!;
  return null;
}

function below1000(s: string): number | null {
  const i = s.indexOf('hundert');
  if (i < 0) return below100(s);
  const left = s.slice(0, i);
  const h = left === '' ? 1 : Object.hasOwn(UNITS, left) ? UNITS[left]! : null;
  const rest = below100(s.slice(i + 'hundert'.length).replace(/^und/, ''));
  return h === null || rest === null ? null : h * 100 + rest;
}

/**
 * One German number word → its value: "zweiundsechzigtausend" → 62000, "einhundertzwanzig" → 120,
 * "viertausendfünfhundert" → 4500, "anderthalb" → 1.5. Null when the word is not a number.
 */
export function parseGermanNumberWord(word: string): number | null {
  const s = canonical(word);
  if (!/^[a-zäöüß]+$/.test(s)) return null;
  if (Object.hasOwn(FRACTIONS, s)) return FRACTIONS[s]!;
  const half = /^(.+)einhalb$/.exec(s);
  if (half) {
    const whole = below100(half[1]!);
    return whole === null || whole === 0 ? null : whole + 0.5;
  }
  if (s === 'tausend') return 1000;
  if (s === 'hundert') return 100;
  const i = s.indexOf('tausend');
  if (i < 0) return below1000(s);
  const left = s.slice(0, i);
  const th = left === '' || left === 'ein' ? 1 : below1000(left);
  const rest = below1000(s.slice(i + 'tausend'.length).replace(/^und/, ''));
  return th === null || rest === null || th === 0 ? null : th * 1000 + rest;
}

/** "58.000" → 58000, "4.500,50" → 4500.5, "58 000" → 58000, "18,50" → 18.5, "58.5" → 58.5. */
export function parseDigits(text: string): number | null {
  const t = text.trim().replace(/\s+/g, ' ');
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(t)) return Number(t.replace(/\./g, '').replace(',', '.'));
  if (/^\d{1,3}(?: \d{3})+(?:,\d+)?$/.test(t)) return Number(t.replace(/ /g, '').replace(',', '.'));
  if (/^\d{1,3}(?:['’]\d{3})+(?:[.,]\d+)?$/.test(t)) return Number(t.replace(/['’]/g, '').replace(',', '.'));
  if (/^\d+(?:,\d+)?$/.test(t)) return Number(t.replace(',', '.'));
  if (/^\d+\.\d{1,2}$/.test(t)) return Number(t);
  return null;
}

export interface NumberToken {
  value: number;
  start: number;
  end: number;
  text: string;
  /** Said with a thousands marker: "58k", "58 Tsd", "58 tausend", "58.000", "achtundfünfzigtausend". */
  thousands: boolean;
  /** Said with decimals ("18,50", "achtzehn fünfzig" is decided by the caller). */
  decimal: boolean;
  /** Written as words rather than digits. */
  words: boolean;
}

const ARTICLES = new Set(['ein', 'eine', 'eins', 'einen', 'einem', 'einer', 'eines']);
const DIGITS =
  /\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d{1,3}(?:['’]\d{3})+(?!\d)|\d{1,3}(?: \d{3})+(?!\d)|\d+(?:,\d{1,2})?/y;
const THOUSANDS_MARK = /^\s?(k|tsd\.?|tausend)(?![\p{L}\d])/iu;
const WORD = /[\p{L}]+/uy;

/**
 * Every number in a text, in digits or German words, with its position. "58k", "58 Tsd.",
 * "zweiundsechzig tausend" and "viertausend fünfhundert" are one number each. Lone articles
 * ("ein", "eine") are not numbers; "seit 2018" stays 2018 (the caller decides what it means).
 */
export function findNumbers(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const prev = i > 0 ? text[i - 1]! : ' ';
    if (/\d/.test(c) && !/[\d.,]/.test(prev)) {
      DIGITS.lastIndex = i;
      const m = DIGITS.exec(text);
      // Codes, not numbers: "S8a", "PRINCE2", "E13", "3D".
      const glued =
        m &&
        (/\p{L}/u.test(prev) ||
          /^\p{L}/u.test(text.slice(i + m[0].length).replace(/^(?:k|tsd)(?![\p{L}])/iu, '')));
      if (m && glued) {
        i += m[0].length;
        while (i < text.length && /[\p{L}\d]/u.test(text[i]!)) i++;
        continue;
      }
      if (m) {
        let raw = m[0];
        // "2 000" is a number, but "zwei, 3 000" and "Tage 40 000" are rare; "10 15" is two numbers.
        if (/ /.test(raw) && !/^\d{1,3}(?: \d{3})+$/.test(raw)) raw = raw.split(' ')[0]!;
        let end = i + raw.length;
        let value = parseDigits(raw) ?? Number.NaN;
        let thousands = /[.'’\s]\d{3}/.test(raw) || value >= 1000;
        const mark = THOUSANDS_MARK.exec(text.slice(end));
        if (mark) {
          value *= 1000;
          end += mark[0].length;
          thousands = true;
        }
        if (!Number.isNaN(value))
          out.push({
            value,
            start: i,
            end,
            text: text.slice(i, end),
            thousands,
            decimal: /,\d/.test(raw) || (!/\./.test(raw.slice(-4)) && /\.\d{1,2}$/.test(raw)),
            words: false,
          });
        i = end;
        continue;
      }
    }
    if (/\p{L}/u.test(c) && !/\p{L}/u.test(prev)) {
      WORD.lastIndex = i;
      const m = WORD.exec(text);
      if (m) {
        const w = m[0].toLowerCase();
        const value = ARTICLES.has(w) ? null : parseGermanNumberWord(w);
        if (value !== null) {
          let end = i + m[0].length;
          let v = value;
          let thousands = canonical(w).includes('tausend');
          // "zweiundsechzig tausend", "viertausend fünfhundert"
          const after = /^(\s+)([\p{L}]+)/u.exec(text.slice(end));
          if (after) {
            const next = canonical(after[2]!);
            if (!thousands && next === 'tausend' && v < 1000) {
              v *= 1000;
              thousands = true;
              end += after[0].length;
            } else if (thousands && v % 1000 === 0 && next.includes('hundert')) {
              const rest = parseGermanNumberWord(next);
              if (rest !== null && rest < 1000) {
                v += rest;
                end += after[0].length;
              }
            }
          }
          out.push({
            value: v,
            start: i,
            end,
            text: text.slice(i, end),
            thousands,
            decimal: !Number.isInteger(v),
            words: true,
          });
          i = end;
          continue;
        }
        i += m[0].length;
        continue;
      }
    }
    i++;
  }
  return out;
}

/** A number said as a word or digits, alone: "drei", "3", "einen" (→ 1). For counts of weeks, months, hours. */
export function parseCount(word: string): number | null {
  const w = word.toLowerCase();
  if (/^\d+(?:,\d+)?$/.test(w)) return Number(w.replace(',', '.'));
  if (ARTICLES.has(w)) return 1;
  return parseGermanNumberWord(w);
}

/**
 * A money phrase as a provider or a person might write it, to EUR: "58k" → 58000, "58.000 €" → 58000,
 * "achtundfünfzigtausend" → 58000, "4.500,50" → 4500.5. Only the first figure is read; null if none.
 * No scaling by context ("65" stays 65): callers decide whether a small figure means thousands.
 */
export function parseAmount(text: string): number | null {
  const n = findNumbers(text)[0];
  return n ? n.value : null;
}
