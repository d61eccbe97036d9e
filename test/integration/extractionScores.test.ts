import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type EvalCase, loadCases, scoreCases } from '../../scripts/extraction/scoring.ts';
import { unlabel, writeUnlabelled } from '../../scripts/extraction/unlabel.ts';
import { extractWithRules } from '../../src/extraction/index.ts';

/**
 * Extraction quality in CI: the offline extractor over the labelled call sets in
 * test/fixtures/extraction (dev: a copy of ../shared/eval/extraction/dev; tune … tune5, holdout and
 * holdout2: 244 calls written blind to the code by other authors) and over their unlabelled variants
 * (speaker labels removed, lines joined, as Whisper delivers a transcript). Floors sit a little below the
 * figures reached (docs/extraction.md), so a change that loses quality fails here.
 */
const FIXTURES = join(import.meta.dirname, '../fixtures/extraction');
const extract = (t: string, callDate: string) =>
  extractWithRules(t, { callDate }).extraction as unknown as Record<string, unknown>;
const unlabelled = (cases: EvalCase[]) => cases.map((c) => ({ ...c, transcript: unlabel(c.transcript) }));

const FLOORS: Record<string, { labelled: number; unlabelled: number }> = {
  dev: { labelled: 0.98, unlabelled: 0.98 },
  tune: { labelled: 0.98, unlabelled: 0.98 },
  // tune2: 30 calls by a third author; first scored unseen at 0.935 / 0.943, then tuned on (1.000 / 1.000).
  tune2: { labelled: 0.98, unlabelled: 0.98 },
  // tune3: 40 calls by a fourth author; first scored unseen at 0.938 / 0.942, then tuned on (1.000 / 1.000).
  tune3: { labelled: 0.98, unlabelled: 0.98 },
  // tune4: 40 calls in a messier style by a fifth author; first unseen 0.842 / 0.845, tuned on (1.000 / 0.997).
  tune4: { labelled: 0.98, unlabelled: 0.98 },
  // tune5: 40 calls by a sixth author (pay attribution, jobs in passing); first unseen 0.860 / 0.842,
  // tuned on (0.981 / 0.981).
  tune5: { labelled: 0.98, unlabelled: 0.98 },
  // Never opened, only scored: 0.958 / 0.936 at c90d2c8 (0.958 / 0.922 before). The target is
  // 0.93 for both; the floors sit just below what is reached.
  holdout: { labelled: 0.95, unlabelled: 0.93 },
  // holdout2: 30 calls by another author, only scored: 0.864 / 0.836 two rounds ago, 0.883 / 0.839 at
  // 91ef3de, 0.907 / 0.881 at c90d2c8 — below the 0.93.
  holdout2: { labelled: 0.9, unlabelled: 0.87 },
};

describe('extraction quality (strict-field F1, as ../shared/eval/score-extraction.mjs)', () => {
  for (const [set, floor] of Object.entries(FLOORS)) {
    const cases = loadCases(join(FIXTURES, set));

    it(`${set}: ${cases.length} calls, labelled ≥ ${floor.labelled}`, () => {
      const r = scoreCases(cases, extract);
      expect(r.f1, r.misses.join('\n')).toBeGreaterThanOrEqual(floor.labelled);
    });

    it(`${set}: unlabelled variant ≥ ${floor.unlabelled}`, () => {
      const r = scoreCases(unlabelled(cases), extract);
      expect(r.f1, r.misses.join('\n')).toBeGreaterThanOrEqual(floor.unlabelled);
    });
  }

  it('holds at least 60 new calls besides dev, of every call type', () => {
    const fresh = ['tune', 'tune2', 'tune3', 'tune4', 'tune5', 'holdout'].flatMap((set) =>
      loadCases(join(FIXTURES, set)),
    );
    expect(fresh.length).toBeGreaterThanOrEqual(60);
    const types = new Set(fresh.map((c) => c.expected['callType']));
    expect([...types].sort()).toEqual(['candidate', 'client', 'other']);
  });

  // The in-process scoring must agree with the shared scorer itself (where ../shared is present).
  const scorer = join(import.meta.dirname, '../../../shared/eval/score-extraction.mjs');
  it.skipIf(!existsSync(scorer))(
    'scores dev as the shared scorer does, labelled and unlabelled',
    () => {
      const work = mkdtempSync(join(tmpdir(), 'cb-unlabelled-'));
      try {
        writeUnlabelled(join(FIXTURES, 'dev'), work);
        for (const dir of [join(FIXTURES, 'dev'), work]) {
          const run = spawnSync(
            process.execPath,
            [
              scorer,
              '--cases',
              dir,
              '--json',
              '--',
              process.execPath,
              // The extractor's own small CLI: the record `callbridge extract --provider rules` prints.
              'src/extraction/devCli.ts',
              '--call-date',
              '{date}',
              '{file}',
            ],
            { encoding: 'utf8', cwd: join(import.meta.dirname, '../..'), timeout: 120_000 },
          );
          const shared = JSON.parse(run.stdout) as { f1: number; all: number; failedRuns: number };
          const ours = scoreCases(loadCases(dir), extract);
          expect(shared.failedRuns).toBe(0);
          expect(ours.f1).toBeCloseTo(shared.f1, 6);
          expect(ours.all).toBeCloseTo(shared.all, 6);
        }
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
