import { z } from 'zod';

/** The record every call transcript becomes (shared/spec/extraction.md). */
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
  evidence: z.record(z.string(), z.string()),
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

/** JSON Schema of the record, for model providers with structured output. */
export const callExtractionJsonSchema = z.toJSONSchema(callExtractionSchema);
