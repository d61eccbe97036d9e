// The README's test command (`./dev test`, i.e. `npm test`): lint, typecheck, unit tests, integration
// tests on SQLite and on PostgreSQL, browser tests. Stops at the first failing stage and ends with one
// summary line "N passed, N failed" that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const reports = '.vitest-reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

interface Stage {
  name: string;
  cmd: string[];
  env?: Record<string, string>;
  report?: string;
}
const vitest = (project: string, report: string, env: Record<string, string> = {}): Stage => ({
  name: `${project}${env['CB_TEST_DB'] ? ` (${env['CB_TEST_DB']})` : ''}`,
  cmd: [
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(reports, report)}`,
  ],
  env,
  report,
});

const only = process.argv.slice(2);
const stages: Stage[] = [
  { name: 'lint', cmd: ['biome', 'check', '.'] },
  { name: 'typecheck', cmd: ['tsc', '--noEmit', '-p', 'tsconfig.json'] },
  vitest('unit', 'unit.json'),
  vitest('integration', 'integration-sqlite.json', { CB_TEST_DB: 'sqlite' }),
  vitest('integration', 'integration-postgres.json', { CB_TEST_DB: 'postgres' }),
  vitest('browser', 'browser.json'),
].filter((s) => only.length === 0 || only.some((o) => s.name.startsWith(o)));

let passed = 0;
let failed = 0;
let skipped = 0;
const started = Date.now();
for (const stage of stages) {
  const t0 = Date.now();
  process.stdout.write(`\n=== ${stage.name} ===\n`);
  const [bin, ...args] = stage.cmd;
  const r = spawnSync(bin!, args, { stdio: 'inherit', env: { ...process.env, ...stage.env } });
  if (stage.report && existsSync(join(reports, stage.report))) {
    const j = JSON.parse(readFileSync(join(reports, stage.report), 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
    };
    passed += j.numPassedTests;
    failed += j.numFailedTests;
    skipped += j.numPendingTests + j.numTodoTests;
  }
  process.stdout.write(
    `=== ${stage.name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - t0) / 1000).toFixed(1)} s) ===\n`,
  );
  if (r.status !== 0) {
    if (!stage.report) failed++;
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    process.exit(r.status ?? 1);
  }
}
process.stdout.write(
  `\nall stages ok in ${((Date.now() - started) / 1000).toFixed(0)} s\n${passed} passed, ${failed} failed, ${skipped} skipped\n`,
);
