/**
 * A transcript split into turns, with a judgement of who is the recruiter (the agency side) and who
 * the counterpart (candidate, client or caller). Works with role labels ("Recruiterin:",
 * "Kandidat:"), neutral labels ("Sprecher 1:", "Speaker B:"), names ("Frau Ernst:", "Tom:") and
 * with no labels at all (one stream of words, as speech recognition often delivers).
 */
export type Role = 'recruiter' | 'counterpart' | 'unknown';

export interface Turn {
  index: number;
  speaker: string | null;
  role: Role;
  text: string;
  /** Offset of `text` in the whole transcript (quotes are cut from there). */
  start: number;
}

export interface ParsedTranscript {
  text: string;
  turns: Turn[];
  /** False when the transcript has no speaker labels. */
  labelled: boolean;
  /** What the counterpart's label says they are ("Kandidatin" → candidate, "Kunde" → client). */
  counterpartHint: 'candidate' | 'client' | 'other' | null;
}

const TIMESTAMP = /^\s*[[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?\s*[-–]?\s*/;
const LABEL = /^\s*([^\s:][^:\n]{0,32}?)\s*(?:[[(]\s*\d{1,2}:\d{2}(?::\d{2})?\s*[\])])?\s*:(?:\s+|$)/;

/** "Recruiterin", "Sprecher 1", "Frau Ernst", "Dr. Voss", "SPEAKER_00", "A" — not "also ich sag mal". */
function labelOf(line: string): { label: string; length: number } | null {
  const ts = TIMESTAMP.exec(line);
  const from = ts ? ts[0].length : 0;
  const m = LABEL.exec(line.slice(from));
  if (!m) return null;
  const label = m[1]!.replace(/^[[(]|[\])]$/g, '').trim();
  const words = label.split(/\s+/);
  if (words.length > 4 || /[?!,;"„“]/.test(label)) return null;
  if (!/^(?:[\p{Lu}]|speaker|sprecher|spk)/iu.test(label)) return null;
  if (!/^\p{Lu}/u.test(label) && !/^(?:speaker|sprecher|spk)[\s_-]?\w+$/i.test(label)) return null;
  if (NOT_A_LABEL.test(label)) return null;
  return { label, length: from + m[0].length };
}
/** Role words a label can hold. */
const RECRUITER_LABEL =
  /recruit|personalberat|berater|vermittl|headhunt|personaldienstl|agentur|interviewer|consultant|empfang|zentrale|sekretariat|^wir\b/i;
const CANDIDATE_LABEL = /kandidat|bewerber|candidate|applicant|jobsuchend/i;
const CLIENT_LABEL =
  /\bkund(e|in)\b|auftraggeber|arbeitgeber|hiring|personalleit|personalchef|geschäftsführ|\bhr\b|\bclient\b|firmenkunde/i;
// "Anrufer" (caller) says who dialled, not who it is: job seekers and clients call in too.
const OTHER_LABEL = /lieferant|verkäufer|vertriebler|anbieter|werbe|fremd/i;
/** Words that can start a line with a colon but are no speaker ("Hinweis:", "Notiz:"). */
const NOT_A_LABEL =
  /^(hinweis|notiz|anmerkung|betreff|datum|uhrzeit|dauer|thema|zusammenfassung|note|transkript)$/i;

/** Webex's own transcript: a line "Anna Keller 00:01:02" (or "Anna Keller (Firma) 10:02:04") before what she says. */
const WEBEX_HEADER =
  /^\s*([\p{Lu}][\p{L}.'’-]*(?:\s+[\p{L}.'’-]+){0,4}(?:\s*\([^)\n]{1,40}\))?)\s+[[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*$/u;

export function parseTranscript(text: string): ParsedTranscript {
  const turns: Turn[] = [];
  let labelledLines = 0;
  let offset = 0;
  let header: string | null = null;
  for (const line of text.split('\n')) {
    const h = WEBEX_HEADER.exec(line);
    if (h && !labelOf(line)) {
      header = h[1]!.trim();
      offset += line.length + 1;
      continue;
    }
    if (header && line.trim()) {
      // The first line after a header starts that speaker's turn; later lines continue it.
      labelledLines++;
      turns.push({ index: turns.length, speaker: header, role: 'unknown', text: line, start: offset });
      header = null;
      offset += line.length + 1;
      continue;
    }
    const m = labelOf(line);
    if (m && line.slice(m.length).trim()) {
      labelledLines++;
      turns.push({
        index: turns.length,
        speaker: m.label,
        role: 'unknown',
        text: line.slice(m.length),
        start: offset + m.length,
      });
    } else if (line.trim()) {
      const prev = turns.at(-1);
      if (prev && prev.speaker !== null && prev.start + prev.text.length + 1 === offset)
        prev.text += `\n${line}`;
      else turns.push({ index: turns.length, speaker: null, role: 'unknown', text: line, start: offset });
    }
    offset += line.length + 1;
  }
  const speakers = [...new Set(turns.map((t) => t.speaker).filter((s): s is string => s !== null))];
  const labelled = labelledLines >= 2 && speakers.length >= 2 && labelledLines >= turns.length * 0.6;
  if (!labelled) {
    return {
      text,
      turns: [{ index: 0, speaker: null, role: 'unknown', text, start: 0 }],
      labelled: false,
      counterpartHint: null,
    };
  }
  const merged = turns.filter((t) => t.speaker !== null || t.text.trim());
  merged.forEach((t, i) => {
    t.index = i;
  });
  const recruiter = pickRecruiter(merged, speakers);
  for (const t of merged)
    t.role = t.speaker === null ? 'unknown' : t.speaker === recruiter ? 'recruiter' : 'counterpart';
  const others = speakers.filter((s) => s !== recruiter).join(' ');
  const counterpartHint = CANDIDATE_LABEL.test(others)
    ? 'candidate'
    : CLIENT_LABEL.test(others)
      ? 'client'
      : OTHER_LABEL.test(others)
        ? 'other'
        : null;
  return { text, turns: merged, labelled: true, counterpartHint };
}

const AGENCY_WORD = String.raw`[\p{L}&-]*(?:personal|recruit|talent|karriere|jobs?\b|consult|beratung|vermittlung|köpfe|profis|scouts?|hunter|careers?|search)`;
const AGENCY_INTRO = new RegExp(
  String.raw`\b(?:von|vom|bei)\s+(?:der\s+)?(?:[\p{L}&-]+\s+){0,2}${AGENCY_WORD}`,
  'iu',
);
const AGENCY_GREETING = new RegExp(
  String.raw`^\s*(?:[\p{L}&-]+\s+){0,2}${AGENCY_WORD}[\p{L}]*(?:\s+[\p{L}&-]+){0,3}\s*,`,
  'iu',
);

/**
 * The agency side: named so by its label, or else the speaker who introduces an agency, asks the
 * questions in "Sie"/"du" form and promises the next steps.
 */
function pickRecruiter(turns: Turn[], speakers: string[]): string | null {
  const byLabel = speakers.filter((s) => RECRUITER_LABEL.test(s) && !CANDIDATE_LABEL.test(s));
  if (byLabel.length === 1) return byLabel[0]!;
  const score = new Map<string, number>(speakers.map((s) => [s, 0]));
  const add = (s: string, n: number) => score.set(s, (score.get(s) ?? 0) + n);
  for (const s of speakers) {
    if (CANDIDATE_LABEL.test(s) || CLIENT_LABEL.test(s) || OTHER_LABEL.test(s)) add(s, -20);
  }
  for (const t of turns) {
    if (!t.speaker) continue;
    const l = t.text.toLowerCase();
    if (t.index < 3 && AGENCY_INTRO.test(t.text)) add(t.speaker, 4);
    // The agency answering the phone with its name: "Personalberatung Stein, guten Morgen."
    if (t.index < 2 && AGENCY_GREETING.test(t.text)) add(t.speaker, 4);
    add(t.speaker, Math.min(2, (t.text.match(/\?/g) ?? []).length));
    if (
      /\b(?:was verdienen sie|gehaltlich|ihre (?:gehalts)?vorstellung|kündigungsfrist\?|sie sind .{2,60}\?|wären sie|könnten sie|haben sie|suchen sie)/.test(
        l,
      )
    )
      add(t.speaker, 2);
    if (/\bich (?:schick|send|stell|meld|ruf|kläre|organisier)\w*\s+(?:ihnen|sie|dich|dir|mich)\b/.test(l))
      add(t.speaker, 2);
    if (/\b(?:mein(?:e|em)? kunde|der kunde|unser(?:em)? kunde)/.test(l)) add(t.speaker, 1);
    if (/\bich (?:verdiene|liege bei|bin seit|habe? (?:drei|zwei|sechs|vier|\d+) (?:monate|wochen))/.test(l))
      add(t.speaker, -2);
    if (/\b(?:meine kündigungsfrist|mein gehalt|ich such(?:e)? (?:eine|einen|was))/.test(l))
      add(t.speaker, -2);
  }
  return [...score.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

export interface Piece {
  text: string;
  /** Offset in the text the piece was cut from (plus the base passed in). */
  start: number;
}

const ABBREVIATIONS =
  /(?:^|[\s(])(?:dr|prof|hr|fr|nr|ca|bzw|z\.b|u\.a|inkl|ggf|evtl|usw|str|tel|mio|tsd|etc|st|vs|bspw|jan|feb|sept|okt|nov|dez|gebr|co|ing|inh|dipl|kfm|[a-zäöü])\.$/i;

/** Sentences with offsets; "72.000", "1. März", "Dr. Voss" and "Next.js" do not end a sentence. */
export function sentences(text: string, base = 0): Piece[] {
  const out: Piece[] = [];
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
    else if ((c === '!' || c === '?' || c === '…') && /^\s?$/.test(text[i + 1] ?? '')) flush(i + 1);
    else if (c === '.' && /^\s?$/.test(text[i + 1] ?? '')) {
      if (/\d/.test(text[i - 1] ?? '')) continue; // "1. März", "zum 1.2. wäre"
      if (ABBREVIATIONS.test(text.slice(Math.max(0, i - 6), i + 1))) continue;
      flush(i + 1);
    }
  }
  flush(text.length);
  return out;
}

/** Clauses of a sentence: cut at commas, semicolons, colons and dashes. */
export function clauses(text: string, base = 0): Piece[] {
  const out: Piece[] = [];
  const re = /[^,;:–—]+/g;
  for (const m of text.matchAll(re)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (t) out.push({ text: t, start: base + m.index + lead });
  }
  return out;
}

/** The piece that holds a position, or null. */
export function pieceAt(pieces: Piece[], pos: number): Piece | null {
  return pieces.find((p) => p.start <= pos && pos <= p.start + p.text.length) ?? null;
}
