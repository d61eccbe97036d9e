import { describe, expect, it } from 'vitest';
import {
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
    const s = callExtractionJsonSchema;
    expect(Object.keys(s.properties)).toEqual(EXTRACTION_FIELDS);
    expect([...s.required]).toEqual(EXTRACTION_FIELDS);
    expect(s.additionalProperties).toBe(false);
    expect(Object.keys(s.properties.evidence.properties)).toEqual([...EVIDENCED_FIELDS]);
    // Strict structured output: every nested object closed and complete.
    const objects: Record<string, unknown>[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (o['type'] === 'object') objects.push(o);
        Object.values(o).forEach(walk);
      }
    };
    walk(s);
    expect(objects.length).toBe(4);
    for (const o of objects) {
      expect(o['additionalProperties']).toBe(false);
      expect(o['required']).toEqual(Object.keys(o['properties'] as object));
    }
  });
});
