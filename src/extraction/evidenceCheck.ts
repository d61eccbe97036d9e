import {
  type CallExtraction,
  EVIDENCED_FIELDS,
  type EvidencedField,
  STEP_EVIDENCE,
} from './callExtraction.ts';
import { squash } from './squash.ts';
import { unsaidItem, unsupportedValue } from './valueSupport.ts';

export { squash } from './squash.ts';

/** Why a value was dropped or changed by the shared post-processing (German, as users read it). */
export interface ExtractionFlag {
  field: string;
  reason: string;
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

/**
 * Every non-null scalar value must be backed by its quote, and the quote must prove the value: a
 * value without a quote, with a quote over 200 characters, with a quote the transcript does not
 * contain, or whose quote does not yield it (figures, dates, periods read again; cue words for the
 * work model and relocation; the words of a title or company) is dropped (set to null) and flagged.
 * Every list item (place, skill) must be said in the transcript. Evidence of null fields and of
 * unknown keys is removed.
 */
export function checkEvidence(
  ex: CallExtraction,
  transcript: string,
  callDate: string,
): { extraction: CallExtraction; flags: ExtractionFlag[] } {
  const out: CallExtraction = { ...ex, evidence: {} };
  const flags: ExtractionFlag[] = [];
  for (const field of EVIDENCED_FIELDS) {
    if (out[field] === null) continue;
    const quote = ex.evidence[field]?.trim();
    let reason: string | null = null;
    if (!quote) reason = 'kein Beleg (Zitat fehlt)';
    else if (quote.length > 200) reason = 'Beleg länger als 200 Zeichen';
    else if (!quoteFound(transcript, quote)) reason = 'Beleg steht nicht im Transkript';
    else reason = unsupportedValue(field, out[field], quote, { transcript, callDate });
    if (reason) {
      flags.push({ field, reason });
      (out as Record<EvidencedField, unknown>)[field] = null;
    } else out.evidence[field] = quote!;
  }
  // The passage beside each next step is kept when it stands in the transcript.
  for (const [key, quote] of Object.entries(ex.evidence)) {
    const i = STEP_EVIDENCE.exec(key)?.[1];
    if (
      i !== undefined &&
      Number(i) < ex.nextSteps.length &&
      quote.length <= 200 &&
      quoteFound(transcript, quote)
    )
      out.evidence[key] = quote;
  }
  for (const field of ['preferredLocations', 'skills'] as const) {
    out[field] = ex[field].filter((item) => {
      const reason = unsaidItem(item, transcript);
      if (reason) flags.push({ field, reason });
      return !reason;
    });
  }
  return { extraction: out, flags };
}
