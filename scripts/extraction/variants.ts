/**
 * Robustness variants of a case set, made in memory to find weaknesses without fitting wording: the
 * same calls as other transcribers would deliver them.
 *
 *   unlabelled  speaker labels removed, lines joined (as Whisper; the CI variant, unlabel.ts)
 *   nopunct     labels kept, the words lower case and without punctuation
 *   bare        unlabelled, lower case, no punctuation at all
 *   joins       unlabelled, no punctuation where the lines were joined
 *   words       whole numbers in digits written as words ("4.800" → "viertausendachthundert")
 *   webex       Webex's own transcript: a line "Vorname Name 00:01:02" before each turn, no roles
 *   neutral     labels kept but without roles or names ("Sprecher 1:", "Sprecher 2:")
 */
import { unlabel } from './unlabel.ts';

export const VARIANTS = ['unlabelled', 'nopunct', 'bare', 'joins', 'words', 'webex', 'neutral'] as const;
export type Variant = (typeof VARIANTS)[number];

const LABEL = /^(\s*(?:[[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*)?[^\s:][^:\n]{0,40}?:\s+)(.*)$/;

/** Lower case, punctuation gone; a dot or comma inside a figure ("4.800", "15,80") stays. */
export function stripPunctuation(text: string): string {
  return text
    .toLowerCase()
    .replace(/(?<!\d)[.,]|[.,](?!\d)|[!?;:„“"«»…()–—]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

const ONES = ['', 'ein', 'zwei', 'drei', 'vier', 'fünf', 'sechs', 'sieben', 'acht', 'neun'];
const TEENS = [
  'zehn',
  'elf',
  'zwölf',
  'dreizehn',
  'vierzehn',
  'fünfzehn',
  'sechzehn',
  'siebzehn',
  'achtzehn',
  'neunzehn',
];
const TENS = ['', '', 'zwanzig', 'dreißig', 'vierzig', 'fünfzig', 'sechzig', 'siebzig', 'achtzig', 'neunzig'];

function below100(n: number): string {
  if (n < 10) return ONES[n]!;
  if (n < 20) return TEENS[n - 10]!;
  const o = n % 10;
  return `${o ? `${ONES[o]}und` : ''}${TENS[Math.floor(n / 10)]}`;
}
function below1000(n: number): string {
  const h = Math.floor(n / 100);
  return `${h ? `${ONES[h]}hundert` : ''}${below100(n % 100)}`;
}

/** A whole number 0 … 999 999 as one German word ("viertausendachthundert"). */
export function numberWord(n: number): string {
  if (n === 0) return 'null';
  if (n === 1) return 'eins';
  const th = Math.floor(n / 1000);
  const rest = n % 1000;
  const word = `${th ? `${th === 1 ? 'ein' : below1000(th)}tausend` : ''}${below1000(rest)}`;
  return word.endsWith('ein') ? `${word}s` : word;
}

const MONTH = /^\.\s*(?:jan|jän|feb|mär|apr|mai|jun|jul|aug|sep|okt|nov|dez)/i;

/** Whole figures as words; ordinals ("1. März", "zum 15."), dates, times, decimals and percentages stay digits. */
export function digitsToWords(text: string): string {
  return text.replace(
    /(?<![\d.,:'’])(\d{1,3}(?:\.\d{3})+|\d{1,6})(?![\d\p{L}'’]|[.,:]\d|\s*%)/gu,
    (m, _g, at: number) => {
      const after = text.slice(at + m.length, at + m.length + 12);
      // A dot after the figure ends the sentence only before a capital that starts no month, or at the end.
      if (after.startsWith('.') && (MONTH.test(after) || !/^\.(?:\s*$|\s+\p{Lu})/u.test(after))) return m;
      const n = Number(m.replace(/\./g, ''));
      return n <= 999999 ? numberWord(n) : m;
    },
  );
}

const NAMES = ['Jana Brandt', 'Tobias Keller', 'Lea Wolf', 'Murat Demir'];

/** Webex's transcript: each turn under a line with the speaker's name and the time, no role words. */
export function webexStyle(text: string): string {
  const names = new Map<string, string>();
  const out: string[] = [];
  let second = 0;
  for (const line of text.split('\n')) {
    const m = LABEL.exec(line);
    if (!m || m[1]!.trim().split(/\s+/).length > 4) {
      out.push(line);
      continue;
    }
    const label = m[1]!
      .replace(/:\s*$/, '')
      .replace(/^\s*[[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*/, '')
      .trim();
    if (!names.has(label)) names.set(label, NAMES[names.size % NAMES.length]!);
    second += 7;
    const t = `00:${String(Math.floor(second / 60)).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}`;
    out.push(`${names.get(label)} ${t}`, m[2]!);
  }
  return out.join('\n');
}

/** Neutral speaker labels in the order the speakers first talk. */
export function neutralLabels(text: string): string {
  const names = new Map<string, string>();
  const out: string[] = [];
  let pending: string | null = null;
  for (const line of webexStyle(text).split('\n')) {
    const header = /^(.+?)\s\d{2}:\d{2}:\d{2}$/.exec(line);
    if (header) {
      if (!names.has(header[1]!)) names.set(header[1]!, `Sprecher ${names.size + 1}`);
      pending = names.get(header[1]!)!;
      continue;
    }
    out.push(pending ? `${pending}: ${line}` : line);
    pending = null;
  }
  return out.join('\n');
}

export function variantOf(transcript: string, variant: Variant): string {
  switch (variant) {
    case 'unlabelled':
      return unlabel(transcript);
    case 'nopunct':
      return transcript
        .split('\n')
        .map((line) => {
          // Webex's line of speaker and time ("Anna Keller 00:01:02") stays as it is.
          if (/^[^:]{1,60}\s\d{1,2}:\d{2}(?::\d{2})?\s*$/.test(line)) return line;
          const m = LABEL.exec(line);
          return m && m[1]!.trim().split(/\s+/).length <= 5
            ? `${m[1]}${stripPunctuation(m[2]!)}`
            : stripPunctuation(line);
        })
        .join('\n');
    case 'bare':
      return stripPunctuation(unlabel(transcript));
    case 'joins':
      return unlabel(
        transcript
          .split('\n')
          .map((l) => l.replace(/[.!?,;:]+\s*$/, ''))
          .join('\n'),
      );
    case 'words':
      return digitsToWords(transcript);
    case 'webex':
      return webexStyle(transcript);
    case 'neutral':
      return neutralLabels(transcript);
  }
}
