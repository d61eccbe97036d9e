/**
 * Call notes: a German call transcript → the record of shared/spec/extraction.md.
 *
 * Every provider's answer goes through the same post-processing: `normalizeExtraction` (shape,
 * enums, money, dates against the call date, lists) and then `checkEvidence` (every value must be
 * backed by its quote in the transcript). `extractWithRules` is the offline provider with both.
 */
import type { CallExtraction } from './callExtraction.ts';
import { checkEvidence, type ExtractionFlag } from './evidenceCheck.ts';
import { normalizeExtraction } from './normalizer.ts';
import { extractByRules } from './rulesExtractor.ts';

export {
  type CallExtraction,
  callExtractionJsonSchema,
  callExtractionSchema,
  EVIDENCED_FIELDS,
  type EvidencedField,
  emptyExtraction,
} from './callExtraction.ts';
export { resolveDatePhrase } from './dateResolver.ts';
export { checkEvidence, type ExtractionFlag, quoteFound } from './evidenceCheck.ts';
export { type NormalizeOptions, normalizeExtraction } from './normalizer.ts';
export { extractByRules } from './rulesExtractor.ts';

export interface ExtractionResult {
  extraction: CallExtraction;
  /** Values the post-processing dropped, with the reason. */
  flags: ExtractionFlag[];
}

/**
 * The shared post-processing for any provider's raw answer: normalise, then check the evidence.
 * `raw` may be loosely shaped JSON (strings for numbers, German enum words, date phrases).
 */
export function postProcess(
  raw: unknown,
  options: { callDate: string; transcript: string },
): ExtractionResult {
  const normalized = normalizeExtraction(raw, options);
  const checked = checkEvidence(normalized.extraction, options.transcript, options.callDate);
  return { extraction: checked.extraction, flags: [...normalized.flags, ...checked.flags] };
}

/**
 * The offline extractor with the shared post-processing. `options` is `{ callDate: 'YYYY-MM-DD' }`
 * (a bare date string is accepted too, as older callers pass it).
 */
export function extractWithRules(
  transcript: string,
  options: { callDate: string } | string,
): ExtractionResult {
  const callDate = typeof options === 'string' ? options : options.callDate;
  return postProcess(extractByRules(transcript, callDate), { callDate, transcript });
}
