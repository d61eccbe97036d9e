import type { Config } from '../../config/config.ts';
import type { Recording } from '../../db/schema.ts';
import { extractWithRules } from '../../extraction/index.ts';
import { extractWithOpenAi } from '../../extraction/providers/openaiExtractor.ts';
import type { StepResult } from './stepResult.ts';

export type ExtractStepDeps = Pick<
  Config,
  'extractionProvider' | 'extractionBaseUrl' | 'extractionApiKey' | 'extractionModel'
>;

/** Reads the extraction record (spec/extraction.md) and its flags from the transcript. */
export async function extractStep(
  deps: ExtractStepDeps,
  rec: Recording,
  signal: AbortSignal,
): Promise<StepResult> {
  const callDate = rec.call_date ?? new Date().toISOString().slice(0, 10);
  const transcript = rec.transcript ?? '';
  const { extraction, flags } =
    deps.extractionProvider === 'rules'
      ? extractWithRules(transcript, { callDate })
      : await extractWithOpenAi(
          {
            baseUrl: deps.extractionBaseUrl,
            apiKey: deps.extractionApiKey,
            model: deps.extractionModel,
          },
          transcript,
          callDate,
          { signal },
        );
  return {
    set: { extraction_json: JSON.stringify(extraction), flags_json: JSON.stringify(flags) },
    next: 'apply',
    audit: { event: 'extracted', detail: `${flags.length} flags` },
  };
}
