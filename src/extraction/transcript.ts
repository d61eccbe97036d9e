/** A transcript split into turns, with a guess of who is the recruiter. */
export interface Turn {
  index: number;
  speaker: string | null;
  role: 'recruiter' | 'other';
  text: string;
  /** Offset of `text` in the whole transcript, for evidence quotes. */
  start: number;
}

export interface ParsedTranscript {
  text: string;
  turns: Turn[];
  /** False when the transcript has no speaker labels (one stream of words). */
  labelled: boolean;
  /** Role the labels reveal for the other party, if any ("Kandidatin", "Kunde"). */
  counterpartHint: 'candidate' | 'client' | null;
}

const LABEL = /^([A-ZÄÖÜ][\wÄÖÜäöüß.\- ]{0,40}?|Sprecher \d+|Speaker \d+)\s*:\s+/;

export function parseTranscript(text: string): ParsedTranscript {
  const lines = text.split(/\r?\n/);
  const turns: Turn[] = [];
  let offset = 0;
  let labelled = 0;
  for (const line of lines) {
    const m = LABEL.exec(line);
    if (m && line.trim()) {
      labelled++;
      turns.push({
        index: turns.length,
        speaker: m[1]!.trim(),
        role: 'other',
        text: line.slice(m[0].length),
        start: offset + m[0].length,
      });
    } else if (line.trim()) {
      const prev = turns.at(-1);
      if (prev && prev.speaker !== null) prev.text += `\n${line}`;
      else turns.push({ index: turns.length, speaker: null, role: 'other', text: line, start: offset });
    }
    offset += line.length + 1;
  }
  const isLabelled = labelled >= 2 && labelled >= turns.length / 2;
  if (!isLabelled) {
    return {
      text,
      turns: [{ index: 0, speaker: null, role: 'other', text, start: 0 }],
      labelled: false,
      counterpartHint: null,
    };
  }
  const speakers = [...new Set(turns.map((t) => t.speaker))];
  const recruiter =
    speakers.find((s) => s && /recruit|personalberat|berater|vermittl/i.test(s)) ?? guessRecruiter(turns);
  for (const t of turns) t.role = t.speaker === recruiter ? 'recruiter' : 'other';
  const others = speakers.filter((s) => s !== recruiter).join(' ');
  const counterpartHint = /kandidat|bewerber/i.test(others)
    ? 'candidate'
    : /kund|auftraggeber/i.test(others)
      ? 'client'
      : null;
  return { text, turns, labelled: true, counterpartHint };
}

/** The recruiter introduces the agency ("… von Lang Personal") and asks the questions. */
function guessRecruiter(turns: Turn[]): string | null {
  const score = new Map<string, number>();
  for (const t of turns) {
    if (!t.speaker) continue;
    let s = score.get(t.speaker) ?? 0;
    if (t.index === 0) s += 1;
    s += (t.text.match(/\?/g) ?? []).length;
    if (
      /\b(sie sind|verdienen sie|ihre vorstellung|kündigungsfrist\?|ich (?:stell|schick|ruf)e? sie)\b/i.test(
        t.text,
      )
    )
      s += 2;
    score.set(t.speaker, s);
  }
  return [...score.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** Sentences of a text with their offsets; "72.000", "1. März" and "Next.js" do not end a sentence. */
export function sentences(text: string, base = 0): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let begin = 0;
  const flush = (end: number) => {
    const raw = text.slice(begin, end);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (t) out.push({ text: t, start: base + begin + lead });
    begin = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') flush(i + 1);
    else if (
      (c === '.' || c === '!' || c === '?') &&
      !/\d/.test(text[i - 1] ?? '') &&
      /\s|$/.test(text[i + 1] ?? '')
    )
      flush(i + 1);
  }
  flush(text.length);
  return out;
}
