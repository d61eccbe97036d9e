import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  callExtractionAnswerSchema,
  callExtractionJsonSchema,
  callExtractionSchema,
  EVIDENCED_FIELDS,
  EXTRACTION_FIELDS,
  emptyExtraction,
} from './callExtraction.ts';

describe('call extraction record', () => {
  it('has every field of the spec, empty ones null or []', () => {
    const empty = emptyExtraction();
    expect(callExtractionSchema.parse(empty)).toEqual(empty);
    expect(Object.keys(empty)).toEqual(EXTRACTION_FIELDS);
    expect(EXTRACTION_FIELDS).toHaveLength(15);
  });

  it('refuses values outside the spec, accepts a provider answer with null evidence and date phrases', () => {
    const bad = { ...emptyExtraction('candidate'), workModel: 'teilweise', callType: 'lead' };
    const r = callExtractionSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0]).sort()).toEqual(['callType', 'workModel']);
    const raw = {
      ...emptyExtraction('candidate'),
      followUpDate: 'nächsten Dienstag',
      evidence: { followUpDate: 'ruf Sie nächsten Dienstag an', currentSalaryEur: null },
    };
    expect(callExtractionSchema.parse(raw).evidence).toEqual({
      followUpDate: 'ruf Sie nächsten Dienstag an',
    });
  });

  it('has a strict JSON Schema with the same fields, every one required', () => {
    const s = callExtractionJsonSchema as JsonObject & { properties: Record<string, JsonObject> };
    expect(Object.keys(s.properties)).toEqual(EXTRACTION_FIELDS);
    expect(s['required']).toEqual(EXTRACTION_FIELDS);
    expect(s['additionalProperties']).toBe(false);
    expect(Object.keys(s.properties['evidence']!['properties'] as object)).toEqual([...EVIDENCED_FIELDS]);
    expect(s.properties['callType']!['description']).toMatch(/^candidate = talk with a job seeker/);
    // Strict structured output: every object closed and complete, only the keywords strict mode knows,
    // a nullable value as a type union or anyOf with null.
    const objects: JsonObject[] = [];
    const walk = (o: JsonObject) => {
      expect(Object.keys(o).filter((k) => !STRICT_KEYWORDS.has(k))).toEqual([]);
      if (o['type'] === 'object') objects.push(o);
      if (Array.isArray(o['type'])) expect(o['type']).toEqual([expect.any(String), 'null']);
      if (o['anyOf']) expect(o['anyOf']).toContainEqual({ type: 'null' });
      const children = [
        ...Object.values((o['properties'] ?? {}) as Record<string, JsonObject>),
        ...((o['anyOf'] ?? []) as JsonObject[]),
        ...(o['items'] ? [o['items'] as JsonObject] : []),
      ];
      children.forEach(walk);
    };
    walk(s);
    expect(objects.length).toBe(4);
    for (const o of objects) {
      expect(o['additionalProperties']).toBe(false);
      expect(o['required']).toEqual(Object.keys(o['properties'] as object));
    }
  });

  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validate = ajv.compile(callExtractionJsonSchema);
  const noEvidence = Object.fromEntries(EVIDENCED_FIELDS.map((f) => [f, null]));
  const full = {
    ...emptyExtraction('candidate'),
    summary: 'Kandidat sucht eine neue Stelle.',
    currentPosition: 'Java-Entwickler',
    currentSalaryEur: 65000,
    salaryExpectationEur: { min: 70000, max: 75000 },
    noticePeriod: { amount: 3, unit: 'months', toEndOf: 'quarter' },
    workModel: 'hybrid',
    skills: ['Java', 'Kotlin'],
    followUpDate: 'nächsten Dienstag',
    evidence: { ...noEvidence, currentPosition: 'ich bin Java-Entwickler' },
  };
  const records: [string, unknown, boolean][] = [
    ['an empty answer, every quote null', { ...emptyExtraction(), evidence: noEvidence }, true],
    ['a full answer', full, true],
    ['a notice period without "toEndOf"', { ...full, noticePeriod: { amount: 3, unit: 'months' } }, false],
    ['an unknown work model', { ...full, workModel: 'teilweise' }, false],
    ['a salary as text', { ...full, currentSalaryEur: '65.000' }, false],
    ['a missing field', { ...full, skills: undefined }, false],
    ['a field beyond the record', { ...full, mood: 'gut' }, false],
    ['evidence without a quote for each field', { ...full, evidence: { currentPosition: 'x' } }, false],
    ['evidence for a field that is none', { ...full, evidence: { ...noEvidence, hobby: 'Segeln' } }, false],
    ['a list of numbers', { ...full, nextSteps: [1, 2] }, false],
  ];

  it.each(records)('JSON Schema and zod agree on %s', (_what, record, valid) => {
    const json = JSON.parse(JSON.stringify(record));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(valid);
    expect(callExtractionAnswerSchema.safeParse(json).success).toBe(valid);
    // What the model may answer, the lenient record parses too.
    if (valid) expect(callExtractionSchema.safeParse(json).success).toBe(true);
  });
});

type JsonObject = Record<string, unknown>;

/** The JSON Schema keywords OpenAI's strict structured outputs support that the record uses. */
const STRICT_KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'anyOf',
  'description',
]);
