import { type CallExtraction, EVIDENCED_FIELDS, type EvidencedField } from './callExtraction.ts';

/** Why a value was dropped or changed by the shared post-processing. */
export interface ExtractionFlag {
  field: string;
  reason: string;
}

/**
 * Text reduced to what a quote must agree on: lower case, no accents or punctuation, single
 * spaces, "ß" as "ss", and digit groups joined ("62.000" = "62000").
 */
export function squash(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/(\d)[.,'’ ](?=\d{3}(?!\d))/g, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * True when the quote stands in the transcript, ignoring case, accents, punctuation and spacing;
 * "…" or "..." inside the quote may skip words (the parts must appear in order).
 */
export function quoteFound(transcript: string, quote: string): boolean {
  const hay = ` ${squash(transcript)} `;
  const parts = quote
    .split(/…|\.\.\.+|\[\s*\.\.\.\s*\]/)
    .map(squash)
    .filter((p) => p.length > 0);
  if (parts.length === 0 || parts.join('').length < 3) return false;
  let from = 0;
  for (const part of parts) {
    // Whole words: "ja" must not be found inside "jahr".
    let at = hay.indexOf(` ${part} `, from);
    if (at >= 0) at += 1;
    // A long part may start or end inside a word (a quote cut to length).
    else if (part.length >= 12) at = hay.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}

const NUMBER_WORD =
  /\d|null|keine?|ohne|frei|sofort|\bein(?:e[nmr]?)?\b|eins|zwei|drei|vier|fünf|funf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwolf|zwanzig|dreißig|dreissig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|hundert|tausend|halb|quartal/i;

/** Fields whose quote must name a figure (or "keine"/"freigestellt" for the notice period). */
const NEEDS_FIGURE: EvidencedField[] = ['currentSalaryEur', 'salaryExpectationEur', 'noticePeriod'];

/**
 * Every non-null scalar value must be backed by its quote in the transcript. A value without a
 * quote, with a quote longer than 200 characters, with a quote the transcript does not contain, or
 * (for pay and notice) with a quote that names no figure is dropped (set to null) and flagged.
 * Evidence of null fields and of unknown keys is removed.
 */
export function checkEvidence(
  ex: CallExtraction,
  transcript: string,
): { extraction: CallExtraction; flags: ExtractionFlag[] } {
  const out: CallExtraction = { ...ex, evidence: {} };
  const flags: ExtractionFlag[] = [];
  for (const field of EVIDENCED_FIELDS) {
    if (out[field] === null) continue;
    const quote = ex.evidence[field]?.trim();
    let reason: string | null = null;
    if (!quote) reason = 'no evidence quote';
    else if (quote.length > 200) reason = 'evidence longer than 200 characters';
    else if (!quoteFound(transcript, quote)) reason = 'evidence not found in the transcript';
    else if (NEEDS_FIGURE.includes(field) && !NUMBER_WORD.test(quote)) reason = 'evidence names no figure';
    if (reason) {
      flags.push({ field, reason });
      (out as Record<EvidencedField, unknown>)[field] = null;
    } else out.evidence[field] = quote!;
  }
  return { extraction: out, flags };
}
