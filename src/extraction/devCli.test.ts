import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Sink } from './devCli.ts';

function capture() {
  let text = '';
  return {
    stream: {
      write: (s: string) => {
        text += s;
        return true;
      },
    } satisfies Sink,
    get text() {
      return text;
    },
  };
}

describe('devCli', () => {
  it('prints the record of a transcript file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-extract-'));
    const file = join(dir, 't.txt');
    writeFileSync(file, 'Recruiter: Kündigungsfrist?\nKandidat: Sechs Wochen zum Monatsende.\n');
    const out = capture();
    const err = capture();
    expect(main(['--call-date', '2026-05-12', file], out.stream, err.stream)).toBe(0);
    const record = JSON.parse(out.text);
    expect(record.noticePeriod).toEqual({ amount: 6, unit: 'weeks', toEndOf: 'month' });
    expect(record.evidence.noticePeriod).toBe('Sechs Wochen zum Monatsende.');
  });

  it.each([
    [[], /--call-date/],
    [['--call-date', '12.05.2026', 'x.txt'], /YYYY-MM-DD/],
    [['--call-date=2026-05-12'], /exactly one transcript file/],
    [['--call-date', '2026-05-12', '/nonexistent/t.txt'], /cannot read/],
    [['--provider', 'x'], /unknown option/],
  ])('exits 2 on %j', (argv, message) => {
    const out = capture();
    const err = capture();
    expect(main(argv, out.stream, err.stream)).toBe(2);
    expect(err.text).toMatch(message);
    expect(out.text).toBe('');
  });
});
