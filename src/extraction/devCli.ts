/**
 * Development CLI for the offline extractor, used by the shared scorer:
 *
 *   node src/extraction/devCli.ts --call-date 2026-11-20 transcript.txt
 *
 * Prints the post-processed record as JSON on stdout and the dropped values on stderr.
 * Exit code 2 on bad arguments or an unreadable file.
 */
import { readFileSync } from 'node:fs';
import { isValidYmd } from './calendar.ts';
import { extractWithRules } from './index.ts';

const USAGE = 'usage: node src/extraction/devCli.ts --call-date YYYY-MM-DD FILE';

/** Where output goes (process.stdout / process.stderr, or a buffer in tests). */
export interface Sink {
  write(chunk: string): unknown;
}

export function main(argv: string[], out: Sink = process.stdout, err: Sink = process.stderr): number {
  let callDate: string | null = null;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--call-date') callDate = argv[++i] ?? '';
    else if (a.startsWith('--call-date=')) callDate = a.slice('--call-date='.length);
    else if (a === '-h' || a === '--help') {
      out.write(`${USAGE}\n`);
      return 0;
    } else if (a.startsWith('--')) {
      err.write(`unknown option ${a}\n${USAGE}\n`);
      return 2;
    } else files.push(a);
  }
  if (callDate === null || !isValidYmd(callDate)) {
    err.write(`--call-date must be a date YYYY-MM-DD${callDate ? `, got "${callDate}"` : ''}\n${USAGE}\n`);
    return 2;
  }
  if (files.length !== 1) {
    err.write(`expected exactly one transcript file, got ${files.length}\n${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(files[0]!, 'utf8');
  } catch (e) {
    err.write(`cannot read ${files[0]}: ${(e as Error).message}\n`);
    return 2;
  }
  const { extraction, flags } = extractWithRules(text, { callDate });
  for (const f of flags) err.write(`dropped ${f.field}: ${f.reason}\n`);
  out.write(`${JSON.stringify(extraction, null, 2)}\n`);
  return 0;
}

if (import.meta.main) process.exitCode = main(process.argv.slice(2));
