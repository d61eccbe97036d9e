/**
 * Precision and recall per field of the offline extractor on case sets (the shared scorer's format).
 *
 *   node scripts/extraction/score.ts [--unlabelled] [--misses] DIR...
 *   node scripts/extraction/score.ts --markdown DIR...   (tables for docs/extraction.md; per field of the last DIR)
 *   node scripts/extraction/score.ts --variant nopunct|bare|joins|words|webex|neutral[+…] [--misses] DIR...
 *     (robustness variants of variants.ts, for tuning sets; not in CI)
 *
 * Runs the rules extractor in-process over each DIR (and, with --unlabelled, over the unlabelled
 * variant too) and prints per field the scorer's figure, precision and recall, then the headline
 * strict-field F1 as ../shared/eval/score-extraction.mjs computes it.
 */
import { basename } from 'node:path';
import { extractWithRules } from '../../src/extraction/index.ts';
import { type EvalCase, loadCases, SCORED, type ScoreReport, scoreCases } from './scoring.ts';
import { unlabel } from './unlabel.ts';
import { VARIANTS, type Variant, variantOf } from './variants.ts';

const extract = (t: string, callDate: string) =>
  extractWithRules(t, { callDate }).extraction as unknown as Record<string, unknown>;

export function formatReport(name: string, r: ScoreReport): string {
  const rows = SCORED.map((k) => {
    const f = r.perField[k];
    return `  ${k.padEnd(22)} ${f.score.toFixed(3)}   P ${f.precision.toFixed(3)} (${f.set})   R ${f.recall.toFixed(3)} (${f.wanted})`;
  });
  return [
    `${name}: ${r.cases} Fälle`,
    ...rows,
    `  strict fields: precision ${r.precision.toFixed(3)}, recall ${r.recall.toFixed(3)}; all fields ${r.all.toFixed(3)}`,
    `  extraction: strict-field F1 ${r.f1.toFixed(3)} (${r.cases} cases)`,
  ].join('\n');
}

/** Markdown tables for docs/extraction.md: one row per set and variant, then per field of the last set. */
export function markdownTables(sets: [string, EvalCase[]][]): string {
  const pct = (x: number) => x.toFixed(3);
  const rows: string[] = [
    '| set | calls | strict-field F1 | precision | recall | all fields | unlabelled F1 | unlabelled all fields |',
    '|---|---|---|---|---|---|---|---|',
  ];
  let last: [ScoreReport, ScoreReport] | null = null;
  for (const [name, cases] of sets) {
    const l = scoreCases(cases, extract);
    const u = scoreCases(
      cases.map((c) => ({ ...c, transcript: unlabel(c.transcript) })),
      extract,
    );
    rows.push(
      `| ${name} | ${l.cases} | **${pct(l.f1)}** | ${pct(l.precision)} | ${pct(l.recall)} | ${pct(l.all)} | **${pct(u.f1)}** | ${pct(u.all)} |`,
    );
    last = [l, u];
  }
  const fields = [
    '',
    '| field | score | precision | recall | unlabelled score | precision | recall |',
    '|---|---|---|---|---|---|---|',
    ...SCORED.map((k) => {
      const [l, u] = last!.map((r) => r.perField[k]);
      return `| ${k} | ${pct(l!.score)} | ${pct(l!.precision)} (${l!.set}) | ${pct(l!.recall)} (${l!.wanted}) | ${pct(u!.score)} | ${pct(u!.precision)} (${u!.set}) | ${pct(u!.recall)} (${u!.wanted}) |`;
    }),
  ];
  return [...rows, ...fields].join('\n');
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  if (args.includes('--markdown')) {
    const dirs = args.filter((a) => !a.startsWith('--'));
    process.stdout.write(`${markdownTables(dirs.map((d) => [basename(d), loadCases(d)]))}\n`);
    process.exit(0);
  }
  const dirs = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--variant');
  const withUnlabelled = args.includes('--unlabelled');
  const showMisses = args.includes('--misses');
  const vi = args.indexOf('--variant');
  // "words+unlabelled": variants applied in turn.
  const variant = vi >= 0 ? (args[vi + 1] ?? '') : null;
  const steps = (variant ?? '').split('+').filter(Boolean) as Variant[];
  if (variant !== null && (steps.length === 0 || steps.some((v) => !VARIANTS.includes(v)))) {
    process.stderr.write(`Unbekannte Variante: ${variant} (${VARIANTS.join(', ')})\n`);
    process.exit(2);
  }
  if (dirs.length === 0) {
    process.stderr.write('Aufruf: node scripts/extraction/score.ts [--unlabelled] [--misses] ORDNER...\n');
    process.exitCode = 2;
  }
  for (const dir of dirs) {
    const cases = loadCases(dir);
    const variants: [string, EvalCase[]][] = variant
      ? [
          [
            `${basename(dir)} (${variant})`,
            cases.map((c) => ({ ...c, transcript: steps.reduce((t, v) => variantOf(t, v), c.transcript) })),
          ],
        ]
      : [[basename(dir), cases]];
    if (withUnlabelled)
      variants.push([
        `${basename(dir)} (ohne Sprecher)`,
        cases.map((c) => ({ ...c, transcript: unlabel(c.transcript) })),
      ]);
    for (const [name, set] of variants) {
      const r = scoreCases(set, extract);
      if (showMisses) for (const m of r.misses) process.stdout.write(`miss  ${m}\n`);
      process.stdout.write(`${formatReport(name, r)}\n\n`);
    }
  }
}
