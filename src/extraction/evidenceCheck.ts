import { type CallExtraction, EVIDENCED_FIELDS } from './callExtraction.ts';

export interface ExtractionFlag {
  field: string;
  reason: string;
}

const squash = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** True when the quote (ignoring case, punctuation, spacing and "…" gaps) stands in the transcript. */
export function quoteFound(transcript: string, quote: string): boolean {
  const hay = ` ${squash(transcript)} `;
  const parts = quote
    .split(/…|\.\.\./)
    .map(squash)
    .filter((p) => p.length > 0);
  if (parts.length === 0) return false;
  let from = 0;
  for (const part of parts) {
    const at = hay.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}

/**
 * Every value must be backed by a passage of the transcript. A value without its quote, or with a
 * quote the transcript does not contain, is dropped (set to null) and flagged rather than written.
 */
export function checkEvidence(
  ex: CallExtraction,
  transcript: string,
): { extraction: CallExtraction; flags: ExtractionFlag[] } {
  const out: CallExtraction = { ...ex, evidence: { ...ex.evidence } };
  const flags: ExtractionFlag[] = [];
  for (const field of EVIDENCED_FIELDS) {
    if (out[field] === null) {
      delete out.evidence[field];
      continue;
    }
    const quote = out.evidence[field];
    if (!quote) flags.push({ field, reason: 'no evidence quote' });
    else if (quote.length > 200) flags.push({ field, reason: 'evidence longer than 200 characters' });
    else if (!quoteFound(transcript, quote))
      flags.push({ field, reason: 'evidence not found in the transcript' });
    else continue;
    (out as Record<string, unknown>)[field] = null;
    delete out.evidence[field];
  }
  return { extraction: out, flags };
}
