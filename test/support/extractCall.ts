import { expect } from 'vitest';
import { extractWithRules } from '../../src/extraction/index.ts';
import { squash } from '../../src/extraction/squash.ts';

/**
 * The rules extractor on a transcript written for a unit test (lines joined, or one stream), with the
 * checks every such call must pass: each quote is short and stands in the transcript, nothing flagged.
 */
export function extractChecked(lines: string[] | string, callDate: string) {
  const transcript = Array.isArray(lines) ? lines.join('\n') : lines;
  const { extraction, flags } = extractWithRules(transcript, { callDate });
  for (const [field, quote] of Object.entries(extraction.evidence)) {
    expect(quote.length, field).toBeLessThanOrEqual(200);
    for (const part of quote.split(' … ')) expect(squash(transcript), field).toContain(squash(part));
  }
  expect(flags).toEqual([]);
  return extraction;
}

/** A candidate call: the opening line says the person applied, then the test's own lines. */
export const candidateCall = (lines: string[], callDate = '2026-06-10') =>
  extractWithRules(
    ['Beraterin: Sie hatten sich auf die Stelle beworben, danke für Ihren Lebenslauf.', ...lines].join('\n'),
    { callDate },
  ).extraction;
