import { AGREE_START, counterpartUnits, type Unit } from './conversation.ts';
import { sentences } from './transcript.ts';

/** Helpers the field extractors share: answers to a topic, confirmations, passages of a stream. */

/** A value with the transcript passage it comes from. */
export interface Found<T> {
  value: T;
  quote: string;
}

export const lower = (s: string) => s.toLowerCase();

/** The unit itself plus, without speaker labels, nothing else; with labels the answers to a topic. */
export function answersTo(units: Unit[], topic: Unit['topic'], cue: RegExp): Unit[] {
  return counterpartUnits(units).filter((u) => u.topic === topic || cue.test(lower(u.text)));
}

/** The start of an answer, verbatim, for a quote after "…" ("Ja, genau."). */
export function firstWords(answer: string): string {
  return (sentences(answer)[0]?.text ?? answer).slice(0, 80).trim();
}

/** A value the recruiter states in a question, confirmed by a plain "ja" ("Sie haben drei Monate, oder?" – "Ja."). */
export function confirmed(units: Unit[], u: Unit): Unit | null {
  const next = units[u.index + 1];
  if (u.role !== 'recruiter' || !next || next.role === 'recruiter') return null;
  const first = (next.text.split(/[.!?]/)[0] ?? '').toLowerCase();
  return AGREE_START.test(next.text) && !/\b(?:nein|nee|nicht|aber|eher)\b/.test(first) ? next : null;
}

/** A passage to judge, with its offset in the whole transcript. */
export interface Passage {
  text: string;
  start: number;
  unit: Unit | null;
  /** In a stream: where the topic word that made this window stands in it. */
  cueAt?: number;
}

/**
 * Where the person talks about a topic: their sentences when speakers are labelled; in an
 * unlabelled stream, windows of words around each topic word of the whole text.
 */
export function passages(units: Unit[], text: string, cue: RegExp, before = 50, after = 70): Passage[] {
  if (units.some((u) => u.role !== 'unknown')) {
    return counterpartUnits(units).flatMap((u) =>
      sentences(u.text).map((s) => ({ text: s.text, start: u.start + s.start, unit: u })),
    );
  }
  const out: Passage[] = [];
  const l = lower(text);
  for (const m of l.matchAll(new RegExp(cue.source, `${cue.flags.replace('g', '')}g`))) {
    let from = Math.max(0, m.index - before);
    while (from > 0 && from < m.index && !/\s/.test(text[from - 1]!)) from++;
    let to = Math.min(text.length, m.index + m[0].length + after);
    while (to < text.length && to > m.index && !/\s/.test(text[to]!)) to--;
    out.push({ text: text.slice(from, to), start: from, unit: null, cueAt: m.index - from });
  }
  return out;
}

// Regional yeses too: "Jenau" (Berlin), "Jau", "Jep", "Freilich", Saxon "Nu genau"; hesitation or a greeting before ("Ähm, ja", "Moin. Jo").
export const CONFIRM =
  /^\s*(?:(?:ähm?|öhm|hm+|naja|also|moin|hallo|servus|hi)\s*[,.!]?\s*)*(?:nu(?=[,\s]+(?:genau|ja|klar|freilich|richtig)\b)|ja|jo|jawohl|genau|jenau|jau|jep|jupp|joa|freilich|richtig|korrekt|stimmt|exakt|mhm|noch|yes)\b[,.!]?\s*/i;
// "Jein": half right, so the recruiter's words are not taken as they stand.
export const DENY =
  /^\s*(?:nein|nee|jein|nicht mehr|inzwischen|mittlerweile|nicht ganz|nicht ganz richtig)\b/i;
export const CAPITALISED = (w: string) => /^[\p{Lu}\d]/u.test(w);

export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export const nameRe = (name: string) =>
  new RegExp(`(?<![\\p{L}\\d])${escapeRe(name).replace(/[ -]/g, '[ -]?')}(?![\\p{L}\\d])`, 'iu');
