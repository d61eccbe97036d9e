import { z } from 'zod';

/**
 * The record every call transcript becomes (shared/spec/extraction.md). Parsing is lenient where a
 * model provider's raw answer differs harmlessly: dates may still be phrases ("nächsten Dienstag",
 * resolved by the normaliser) and evidence entries of unset fields may be null (dropped here).
 * `normalizeExtraction` + `checkEvidence` make the final record strict (dates YYYY-MM-DD).
 */
export const callExtractionSchema = z.object({
  callType: z.enum(['candidate', 'client', 'other']),
  summary: z.string(),
  currentPosition: z.string().nullable(),
  currentEmployer: z.string().nullable(),
  currentSalaryEur: z.number().nullable(),
  salaryExpectationEur: z.object({ min: z.number(), max: z.number() }).nullable(),
  noticePeriod: z
    .object({
      amount: z.number(),
      unit: z.enum(['weeks', 'months']),
      toEndOf: z.enum(['month', 'quarter', 'year']).nullable(),
    })
    .nullable(),
  availableFrom: z.string().nullable(),
  willingToRelocate: z.boolean().nullable(),
  workModel: z.enum(['remote', 'hybrid', 'onsite']).nullable(),
  preferredLocations: z.array(z.string()),
  skills: z.array(z.string()),
  nextSteps: z.array(z.string()),
  followUpDate: z.string().nullable(),
  /** For every non-null scalar field: the verbatim transcript passage (≤ 200 chars) it comes from. */
  evidence: z
    .record(z.string(), z.string().nullable())
    .transform((e) =>
      Object.fromEntries(Object.entries(e).filter((kv): kv is [string, string] => kv[1] !== null)),
    ),
});

export type CallExtraction = z.infer<typeof callExtractionSchema>;

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

const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });
const text = (description: string) => ({ type: ['string', 'null'], description });
const list = (description: string) => ({ type: 'array', items: { type: 'string' }, description });

/**
 * JSON Schema of the record for model providers with structured output (OpenAI `json_schema`,
 * strict mode): every property required, no additional properties, `evidence` with one nullable
 * quote per evidenced field. A provider's answer still goes through `normalizeExtraction` and
 * `checkEvidence`, which drop null evidence entries and anything unsupported.
 */
export const callExtractionJsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: [
    'callType',
    'summary',
    'currentPosition',
    'currentEmployer',
    'currentSalaryEur',
    'salaryExpectationEur',
    'noticePeriod',
    'availableFrom',
    'willingToRelocate',
    'workModel',
    'preferredLocations',
    'skills',
    'nextSteps',
    'followUpDate',
    'evidence',
  ],
  properties: {
    callType: {
      type: 'string',
      enum: ['candidate', 'client', 'other'],
      description: 'candidate = talk with a job seeker; client = a company that hires; other = anything else',
    },
    summary: { type: 'string', description: 'German, 1–4 sentences: what was discussed and agreed' },
    currentPosition: text('job title as said, e.g. "Senior Java-Entwickler"'),
    currentEmployer: text('company name as said'),
    currentSalaryEur: {
      type: ['number', 'null'],
      description:
        "today's pay as annual gross EUR (monthly ×12, ×13/×14 when said); null for net-only figures",
    },
    salaryExpectationEur: nullable({
      type: 'object',
      additionalProperties: false,
      required: ['min', 'max'],
      properties: { min: { type: 'number' }, max: { type: 'number' } },
      description: 'wanted annual gross EUR; one figure → min = max',
    }),
    noticePeriod: nullable({
      type: 'object',
      additionalProperties: false,
      required: ['amount', 'unit', 'toEndOf'],
      properties: {
        amount: { type: 'number' },
        unit: { type: 'string', enum: ['weeks', 'months'] },
        toEndOf: { type: ['string', 'null'], enum: ['month', 'quarter', 'year', null] },
      },
    }),
    availableFrom: text('earliest start date YYYY-MM-DD, only when a day is said ("sofort" = call date)'),
    willingToRelocate: { type: ['boolean', 'null'] },
    workModel: { type: ['string', 'null'], enum: ['remote', 'hybrid', 'onsite', null] },
    preferredLocations: list('cities/regions the person names as acceptable'),
    skills: list("technologies and skills named as the person's own"),
    nextSteps: list('agreed actions, German, one short sentence each'),
    followUpDate: text('agreed date of the next contact, YYYY-MM-DD'),
    evidence: {
      type: 'object',
      additionalProperties: false,
      required: [...EVIDENCED_FIELDS],
      properties: Object.fromEntries(
        EVIDENCED_FIELDS.map((f) => [f, text(`verbatim transcript passage (≤ 200 chars) for ${f}, or null`)]),
      ),
    },
  },
} as const;
