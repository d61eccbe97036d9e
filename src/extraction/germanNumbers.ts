const UNITS: Record<string, number> = {
  ein: 1,
  eins: 1,
  eine: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  sech: 6,
  sieben: 7,
  sieb: 7,
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
  dreissig: 30,
  vierzig: 40,
  fünfzig: 50,
  sechzig: 60,
  siebzig: 70,
  achtzig: 80,
  neunzig: 90,
};

function below100(s: string): number | null {
  if (s === '') return 0;
  if (s in TEENS) return TEENS[s]!;
  if (s in TENS) return TENS[s]!;
  if (s in UNITS) return UNITS[s]!;
  const m = /^(.+?)und(.+)$/.exec(s);
  if (m && m[1]! in UNITS && m[2]! in TENS) return UNITS[m[1]!]! + TENS[m[2]!]!;
  return null;
}

function below1000(s: string): number | null {
  const i = s.indexOf('hundert');
  if (i < 0) return below100(s);
  const left = s.slice(0, i);
  const h = left === '' ? 1 : (UNITS[left] ?? null);
  const rest = below100(s.slice(i + 'hundert'.length).replace(/^und/, ''));
  return h === null || rest === null ? null : h * 100 + rest;
}

/** "zweiundsechzigtausend" → 62000, "viertausendfünfhundert" → 4500, "siebzig" → 70; null if not a number word. */
export function parseGermanNumberWord(word: string): number | null {
  const s = word.toLowerCase().replace(/ß/g, 'ß');
  if (!/^[a-zäöüß]+$/.test(s)) return null;
  const i = s.indexOf('tausend');
  if (i < 0) return below1000(s);
  const left = s.slice(0, i);
  const th = left === '' ? 1 : below1000(left);
  const rest = below1000(s.slice(i + 'tausend'.length).replace(/^und/, ''));
  return th === null || rest === null ? null : th * 1000 + rest;
}

export interface NumberToken {
  value: number;
  start: number;
  end: number;
  text: string;
  /** Written with a thousands marker: "58k", "58 Tsd", "58 tausend", "58.000". */
  thousands: boolean;
}

const DIGITS = /(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?(?:\s?(k|tsd\.?|tausend)\b)?/giy;
const WORD = /[a-zäöüß]+/iy;

/** Every number in a text, written as digits or as German words, with its position. */
export function findNumbers(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  let i = 0;
  while (i < text.length) {
    const prev = i > 0 ? text[i - 1]! : ' ';
    if (/\d/.test(text[i]!) && !/[\d.,]/.test(prev)) {
      DIGITS.lastIndex = i;
      const m = DIGITS.exec(text);
      if (m) {
        const base = Number(m[1]!.replace(/\./g, '')) + (m[2] ? Number(`0.${m[2]}`) : 0);
        const k = Boolean(m[3]);
        out.push({
          value: k ? base * 1000 : base,
          start: i,
          end: i + m[0].length,
          text: m[0],
          thousands: k || m[1]!.includes('.'),
        });
        i += m[0].length;
        continue;
      }
    }
    if (/[a-zäöüß]/i.test(text[i]!) && !/[a-zäöüß]/i.test(prev)) {
      WORD.lastIndex = i;
      const m = WORD.exec(text);
      if (m) {
        const w = m[0].toLowerCase();
        // A lone "ein/eine/eins" is an article far more often than a number.
        const value = ['ein', 'eine', 'eins', 'einen', 'einem', 'einer'].includes(w)
          ? null
          : parseGermanNumberWord(w);
        if (value !== null)
          out.push({ value, start: i, end: i + m[0].length, text: m[0], thousands: w.includes('tausend') });
        i += m[0].length;
        continue;
      }
    }
    i++;
  }
  return out;
}
