import { z } from 'zod';

const text = (description: string) => z.string().nullable().describe(description);
const list = (description: string) => z.array(z.string()).describe(description);

/** Scalar fields that must be backed by an evidence quote. */
export const EVIDENCED_FIELDS = [
  'currentPosition',
  'currentEmployer',
  'currentSalaryEur',
  'salaryExpectationEur',
  'noticePeriod',
  'availableFrom',
  'willingToRelocate',
  'workModel',
  'followUpDate',
] as const;
export type EvidencedField = (typeof EVIDENCED_FIELDS)[number];

/**
 * The record every call transcript becomes (shared/spec/extraction.md). Parsing is lenient where a
 * model provider's raw answer differs harmlessly: dates may still be phrases ("nächsten Dienstag",
 * resolved by the normaliser) and evidence entries of unset fields may be null (dropped here).
 * `normalizeExtraction` + `checkEvidence` make the final record strict (dates YYYY-MM-DD).
 *
 * The descriptions are written for the model: they travel in the JSON schema sent to providers with
 * structured output (`callExtractionJsonSchema` below).
 */
export const callExtractionSchema = z.object({
  callType: z
    .enum(['candidate', 'client', 'other'])
    .describe('candidate = talk with a job seeker; client = a company that hires; other = anything else'),
  summary: z.string().describe('German, 1–4 sentences: what was discussed and agreed'),
  currentPosition: text('job title as said, e.g. "Senior Java-Entwickler"'),
  currentEmployer: text('company name as said'),
  currentSalaryEur: z
    .number()
    .nullable()
    .describe("today's pay as annual gross EUR (monthly ×12, ×13/×14 when said); null for net-only figures"),
  salaryExpectationEur: z
    .object({ min: z.number(), max: z.number() })
    .nullable()
    .describe('wanted annual gross EUR; one figure → min = max'),
  noticePeriod: z
    .object({
      amount: z.number(),
      unit: z.enum(['weeks', 'months']),
      toEndOf: z.enum(['month', 'quarter', 'year']).nullable(),
    })
    .nullable(),
  availableFrom: text('earliest start date YYYY-MM-DD, only when a day is said ("sofort" = call date)'),
  willingToRelocate: z.boolean().nullable(),
  workModel: z.enum(['remote', 'hybrid', 'onsite']).nullable(),
  preferredLocations: list('cities/regions the person names as acceptable'),
  skills: list("technologies and skills named as the person's own"),
  nextSteps: list('agreed actions, German, one short sentence each'),
  followUpDate: text('agreed date of the next contact, YYYY-MM-DD'),
  /** For every non-null scalar field: the verbatim transcript passage (≤ 200 chars) it comes from. */
  evidence: z
    .record(z.string(), z.string().nullable())
    .transform((e) =>
      Object.fromEntries(Object.entries(e).filter((kv): kv is [string, string] => kv[1] !== null)),
    ),
});

/**
 * The record as a provider with strict structured output must answer it: the same fields, but
 * `evidence` closed to one nullable quote per evidenced field (strict mode admits no open maps; the
 * `nextSteps[i]` entries are added by the rules extractor, never asked of a model), and no key
 * beyond them, as the JSON schema says.
 */
export const callExtractionAnswerSchema = z.strictObject({
  ...callExtractionSchema.shape,
  evidence: z.strictObject(
    Object.fromEntries(
      EVIDENCED_FIELDS.map((f) => [f, text(`verbatim transcript passage (≤ 200 chars) for ${f}, or null`)]),
    ) as Record<EvidencedField, ReturnType<typeof text>>,
  ),
});

export type CallExtraction = z.infer<typeof callExtractionSchema>;

/**
 * The evidence key of the passage a next step comes from ("nextSteps[0]" for the first step): the
 * step is the recruiter's to-do, the spoken words stay beside it. Not a field of the spec's record,
 * an extra entry of its `evidence` object.
 */
export const STEP_EVIDENCE = /^nextSteps\[(\d{1,2})\]$/;

/** Every field of the record, in the order of the spec. */
export const EXTRACTION_FIELDS = Object.keys(callExtractionSchema.shape) as (keyof CallExtraction)[];

export function emptyExtraction(callType: CallExtraction['callType'] = 'other'): CallExtraction {
  return {
    callType,
    summary: '',
    currentPosition: null,
    currentEmployer: null,
    currentSalaryEur: null,
    salaryExpectationEur: null,
    noticePeriod: null,
    availableFrom: null,
    willingToRelocate: null,
    workModel: null,
    preferredLocations: [],
    skills: [],
    nextSteps: [],
    followUpDate: null,
    evidence: {},
  };
}

/**
 * JSON Schema of the record for model providers with structured output (OpenAI `json_schema`,
 * strict mode), derived from `callExtractionAnswerSchema` so the record is defined once: every
 * property required, no additional properties, nullable as a type union or `anyOf` with null. A
 * provider's answer still goes through `normalizeExtraction` and `checkEvidence`, which drop null
 * evidence entries and anything unsupported. `$schema` is left out: strict mode accepts only a
 * subset of JSON Schema keywords.
 */
export const callExtractionJsonSchema: Record<string, unknown> = (() => {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(callExtractionAnswerSchema);
  return schema;
})();
