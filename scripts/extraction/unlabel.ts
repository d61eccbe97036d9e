/**
 * The unlabelled variant of a case set, as speech recognition (Whisper) delivers a transcript: speaker
 * labels and timestamps removed, all lines joined into one stream.
 *
 *   node scripts/extraction/unlabel.ts IN_DIR OUT_DIR
 *
 * writes every case of IN_DIR with its transcript unlabelled to OUT_DIR (same file names), ready for
 * ../shared/eval/score-extraction.mjs --cases OUT_DIR.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TIMESTAMP = /^\s*[[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?\s*[-–]?\s*/;
/** "Recruiterin:", "Sprecher 1:", "Frau Dr. Ernst (00:01:12):", "SPEAKER_00:" — up to four words. */
const LABEL = /^\s*[^\s:][^:\n]{0,40}?\s*(?:[[(]\s*\d{1,2}:\d{2}(?::\d{2})?\s*[\])])?\s*:\s+/;
/** A line that is only a speaker and time, as in Webex's transcript ("Anna Keller 00:01:02"). */
const SPEAKER_LINE =
  /^\s*[\p{Lu}][\p{L}.\-'’ ]{0,40}(?:\s*\([^)\n]{1,40}\))?\s+[[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*$/u;

function isLabel(prefix: string): boolean {
  const label = prefix
    .replace(/[:\s]+$/, '')
    .replace(/[[(].*$/, '')
    .trim();
  return label.split(/\s+/).length <= 4 && !/[?!,;"„“]/.test(label);
}

export function unlabel(transcript: string): string {
  return transcript
    .split('\n')
    .filter((line) => !SPEAKER_LINE.test(line))
    .map((line) => {
      let l = line.replace(TIMESTAMP, '');
      const m = LABEL.exec(l);
      if (m && isLabel(m[0])) l = l.slice(m[0].length);
      return l.trim();
    })
    .filter(Boolean)
    .join(' ');
}

export function writeUnlabelled(inDir: string, outDir: string): number {
  mkdirSync(outDir, { recursive: true });
  let n = 0;
  for (const f of readdirSync(inDir).filter((x) => x.endsWith('.json'))) {
    const c = JSON.parse(readFileSync(join(inDir, f), 'utf8')) as { transcript: string };
    writeFileSync(
      join(outDir, f),
      `${JSON.stringify({ ...c, transcript: unlabel(c.transcript) }, null, 2)}\n`,
    );
    n++;
  }
  return n;
}

if (import.meta.main) {
  const [inDir, outDir] = process.argv.slice(2);
  if (!inDir || !outDir) {
    process.stderr.write('Aufruf: node scripts/extraction/unlabel.ts EINGABE_ORDNER AUSGABE_ORDNER\n');
    process.exitCode = 2;
  } else process.stdout.write(`${writeUnlabelled(inDir, outDir)} Fälle nach ${outDir} geschrieben\n`);
}
