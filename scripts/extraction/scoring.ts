/**
 * The shared scorer's logic (../shared/eval/score-extraction.mjs) in-process, plus precision and
 * recall per field, so CI and `scripts/extraction/score.ts` can score the fixture sets without a
 * process per case. The headline (`f1`) is computed exactly as the scorer's last line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const STRICT = [
  'callType',
  'currentSalaryEur',
  'salaryExpectationEur',
  'noticePeriod',
  'availableFrom',
  'willingToRelocate',
  'workModel',
  'followUpDate',
] as const;
export const WORDS = ['currentPosition', 'currentEmployer'] as const;
export const LISTS = ['preferredLocations', 'skills'] as const;
export const SCORED = [...STRICT, ...WORDS, ...LISTS] as const;
export type ScoredField = (typeof SCORED)[number];

export interface EvalCase {
  id: string;
  callDate: string;
  transcript: string;
  expected: Record<string, unknown>;
  file: string;
}

export function loadCases(dir: string): EvalCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ ...(JSON.parse(readFileSync(join(dir, f), 'utf8')) as Omit<EvalCase, 'file'>), file: f }));
}

const norm = (s: unknown) =>
  String(s)
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}+#.]+/gu, ' ')
    .trim();
const words = (s: unknown) => new Set(norm(s).split(' ').filter(Boolean));

function sameStrict(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'object' && typeof b === 'object') {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
    return [...keys].every((k) => sameStrict(ra[k] ?? null, rb[k] ?? null));
  }
  return a === b;
}

function sameWords(a: unknown, b: unknown): boolean {
  if (a == null || b == null) return (a ?? null) === (b ?? null);
  const A = words(a);
  const B = words(b);
  const inter = [...A].filter((w) => B.has(w)).length;
  return inter / Math.max(1, Math.min(A.size, B.size)) >= 0.5;
}

function listCounts(gotRaw: unknown, wantRaw: unknown) {
  const got = Array.isArray(gotRaw) ? gotRaw.map(norm) : [];
  const want = Array.isArray(wantRaw) ? wantRaw.map(norm) : [];
  const hit = (x: string, ys: string[]) => ys.some((y) => y === x || y.includes(x) || x.includes(y));
  const gotHits = got.filter((g) => hit(g, want)).length;
  const wantHits = want.filter((w) => hit(w, got)).length;
  let f1 = 1;
  if (got.length || want.length) {
    const p = got.length ? gotHits / got.length : 0;
    const r = want.length ? wantHits / want.length : 0;
    f1 = p + r ? (2 * p * r) / (p + r) : 0;
  }
  return { f1, got: got.length, gotHits, want: want.length, wantHits };
}

export interface FieldScore {
  /** The scorer's per-field figure: share of cases right (lists: mean list F1). */
  score: number;
  /** Values (list items) set that are right / all set. */
  precision: number;
  /** Values (list items) the call settles that were found / all the call settles. */
  recall: number;
  set: number;
  wanted: number;
}

export interface ScoreReport {
  cases: number;
  /** Strict-field F1, the scorer's headline. */
  f1: number;
  precision: number;
  recall: number;
  /** Mean over all scored fields (the scorer's "all fields"). */
  all: number;
  perField: Record<ScoredField, FieldScore>;
  misses: string[];
}

export type Extract = (transcript: string, callDate: string) => Record<string, unknown>;

export function scoreCases(cases: EvalCase[], extract: Extract): ScoreReport {
  const acc = Object.fromEntries(
    SCORED.map((f) => [f, { score: 0, tp: 0, set: 0, wantHit: 0, wanted: 0 }]),
  ) as Record<ScoredField, { score: number; tp: number; set: number; wantHit: number; wanted: number }>;
  const misses: string[] = [];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const c of cases) {
    const got = extract(c.transcript, c.callDate);
    const want = c.expected;
    for (const k of [...STRICT, ...WORDS]) {
      const g = got[k] ?? null;
      const w = want[k] ?? null;
      const same = (STRICT as readonly string[]).includes(k) ? sameStrict(g, w) : sameWords(g, w);
      const a = acc[k];
      if (same) a.score++;
      else misses.push(`${c.id}: ${k}: got ${JSON.stringify(g)} want ${JSON.stringify(w)}`);
      if (g !== null) a.set++;
      if (w !== null) a.wanted++;
      if (g !== null && same) a.tp++;
      if (w !== null && same) a.wantHit++;
      if ((STRICT as readonly string[]).includes(k)) {
        if (g !== null && same) tp++;
        if (g !== null && !same) fp++;
        if (w !== null && !same) fn++;
      }
    }
    for (const k of LISTS) {
      const l = listCounts(got[k], want[k]);
      const a = acc[k];
      a.score += l.f1;
      a.set += l.got;
      a.tp += l.gotHits;
      a.wanted += l.want;
      a.wantHit += l.wantHits;
      if (l.f1 < 1)
        misses.push(
          `${c.id}: ${k}: got ${JSON.stringify(got[k] ?? [])} want ${JSON.stringify(want[k] ?? [])}`,
        );
    }
  }
  const n = cases.length;
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const perField = Object.fromEntries(
    SCORED.map((k) => {
      const a = acc[k];
      return [
        k,
        {
          score: a.score / n,
          precision: a.set ? a.tp / a.set : 1,
          recall: a.wanted ? a.wantHit / a.wanted : 1,
          set: a.set,
          wanted: a.wanted,
        },
      ];
    }),
  ) as Record<ScoredField, FieldScore>;
  return {
    cases: n,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    precision,
    recall,
    all: SCORED.reduce((s, k) => s + acc[k].score, 0) / (n * SCORED.length),
    perField,
    misses,
  };
}
