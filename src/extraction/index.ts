/** Call notes: transcript → the record of shared/spec/extraction.md. */
import type { CallExtraction } from './callExtraction.ts';
import { checkEvidence, type ExtractionFlag } from './evidenceCheck.ts';
import { extractByRules } from './rulesExtractor.ts';

export {
  type CallExtraction,
  callExtractionJsonSchema,
  callExtractionSchema,
  EVIDENCED_FIELDS,
  emptyExtraction,
} from './callExtraction.ts';
export { checkEvidence, type ExtractionFlag, quoteFound } from './evidenceCheck.ts';
export { extractByRules } from './rulesExtractor.ts';

/** The offline extractor with the checks every provider's output goes through. */
export function extractWithRules(
  transcript: string,
  callDate: string,
): { extraction: CallExtraction; flags: ExtractionFlag[] } {
  return checkEvidence(extractByRules(transcript, callDate), transcript);
}
