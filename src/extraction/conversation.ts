import { type ParsedTranscript, type Piece, type Role, sentences } from './transcript.ts';

/**
 * The conversation as question/answer units. With speaker labels a unit is a turn, and an answer
 * knows the recruiter's question before it. Without labels the stream is cut where a recruiter's
 * topic word starts ("gehalt", "kündigungsfrist", "umzug" …), so the words after it answer it.
 */
export type Topic =
  | 'salaryWish'
  | 'salaryNow'
  | 'offer'
  | 'notice'
  | 'start'
  | 'relocate'
  | 'workModel'
  | 'location'
  | 'position';

export interface Unit {
  index: number;
  text: string;
  start: number;
  role: Role;
  /** Recruiter unit: what it asks about. Answer unit: the topic of the question it answers. */
  topic: Topic | null;
  /** For an answer: the recruiter unit right before it. */
  prompt: Unit | null;
}

/** Topic words, most specific first (a "Gehaltswunsch" is a wish, not today's pay). */
export const TOPIC_CUES: [Topic, RegExp][] = [
  [
    'salaryWish',
    /vorstellung(?!sgespräch|stermin)|(?<!glück)wunsch|(?:ihr|dein) ziel\b|was wäre das ziel|wünschen sie|erwartung|stellen sie sich .{0,30}vor|schwebt (?:ihnen|dir) .{0,20}vor|stellst du dir .{0,30}vor|was müsste|was sollte|wie viel (?:möchten|wollen|müsste|sollte)|möchten sie verdienen|hätten sie (?:gern|gerne)|was hätten sie|wie viel wollen|was wollen sie verdienen|wohin soll|zielgehalt|wo (?:wollen|möchten) sie hin|wo willst du hin|wo soll es hingehen|für einen wechsel|nächsten schritt|gehaltlich,? was wäre|erwarten sie|erwartest du|\bbeim neuen\b|bei der neuen (?:stelle|firma)|beim nächsten (?:job|arbeitgeber)|wenn (?:sie|du) wechsel|bei einem wechsel|\bin zukunft\b|\b(?:zu)?künftig\b|soll(?:'s|’s| es)\s+(?:\S+\s+){0,3}?werden\b|(?:was|wie ?viel)\s+(?:\S+\s+){0,2}?(?:wollen|willst|willsch|möchten|möchtest|hätten|hättest|hättsch|würden|würdest|wünschen|wünschst)\s+(?:sie|du)\b(?:\s+(?:\S+\s+){0,2}?(?:verdienen|haben|bekommen|kriegen|vorstellen))?|(?:hätten|hättest)\s+(?:sie|du)\s+(?:denn\s+)?(?:gern|gerne)/,
  ],
  [
    'salaryNow',
    /verdien|gehaltlich|gehaltsmäßig|\bgehalt\b|finanziell|\bfixum\b|(?:gehalts|lohn)(?:zettel|abrechnung)|\b(?:jahres|monats|brutto|grund|fest)gehalt\b|wo (?:liegen|stehen) sie|wo liegst du|einkommen|vergütung|bezahlt|\blohn\b|stundenlohn|(?:was|wie ?viel)\s+(?:\S+\s+)?(?:bekomm|krieg)\w*\s+(?:sie|du)\b|was (?:kommt|bleibt|springt)\s+(?:\S+\s+){0,3}?(?:rein|raus|rum|übrig)\b/,
  ],
  // "Und Kündigung?", "und kündigung ich bin ja noch in der probezeit": the short question too.
  [
    'notice',
    /kündigungsfrist|kündigungszeit|\bfrist\b|\bund (?:die |ihre |deine )?kündigung\b|\bkündigung\?|\b(?:mit|wegen) (?:der|ihrer|deiner) kündigung\b/,
  ],
  [
    'start',
    /ab wann|wann (?:könnten|können|würden|wären|kannst|könntest|wollen|möchten|willst|möchtest) (?:sie|du)|(?:könnten|können|kannst|könntest) (?:sie|du) (?:dann |also )?(?:ab|zum)\b|frühestens|früheste[nrs]? (?:termin|start|eintritt)|eintrittstermin|starttermin|verfügbar|(?:könnten|können|würden) sie .{0,40}(?:anfangen|starten|beginnen|einsteigen)/,
  ],
  [
    'relocate',
    /umzug|umzieh|umzuzieh|ziehen sie .{0,30}\bum\b|relocation|wegzuziehen|wegziehen|ortswechsel|nach \S+ (?:zu )?ziehen|örtlich flexibel|räumlich flexibel|ortsgebunden/,
  ],
  [
    'workModel',
    /remote|homeoffice|home-office|home office|hybrid|mobil(?:e[mns]?)? arbeiten|tage (?:im |ins )?büro|büro-?tage|präsenztage|wie (?:wollen|möchten|willst|möchtest) (?:sie|du) (?:\S+\s+){0,2}arbeiten|arbeitsmodell|im büro\?|präsenz|vor ort\?|(?:arbeiten|arbeit) vor ort\b[^.?!]{0,30}\?/,
  ],
  [
    'location',
    /wo (?:möchten|wollen|würden) sie|welche (?:region|stadt|städte|orte)|wohin|arbeitsort|umkreis|\bpendeln\b/,
  ],
  [
    'position',
    /was machen sie|wo arbeiten sie|(?:wo|bei wem|für wen) (?:sind|arbeiten) sie .{0,25}(?:beschäftigt|angestellt|tätig)|bei wem arbeiten sie|für wen arbeiten sie|beruflich|derzeit tätig|aktuell tätig|ihre (?:aktuelle )?(?:position|rolle)|(?:ihr|dein) (?:aktueller |jetziger )?(?:job|arbeitgeber)\b|was arbeiten sie/,
  ],
];

/** A figure the recruiter puts on the table ("Mein Kunde könnte 70 bieten"). */
export const OFFER_CUE =
  /\b(?:kunde|kundin|firma|unternehmen|arbeitgeber|stelle|position|budget|gehaltsband|spanne|bieten|biete|bietet|zahlen|zahlt|zahlen würde|eingeplant|vorgesehen|drin|ausgeschrieben|anbieten)\b/;

export function topicOf(text: string): Topic | null {
  const l = text.toLowerCase();
  // The question at the end of a turn decides ("Verstanden. Kündigungsfrist?").
  const parts = sentences(l);
  const questions = parts.filter((p) => p.text.endsWith('?'));
  for (const part of [...questions.reverse(), ...parts.reverse()]) {
    for (const [topic, re] of TOPIC_CUES) if (re.test(part.text)) return topic;
  }
  return null;
}

export function buildUnits(p: ParsedTranscript): Unit[] {
  if (p.labelled) {
    const units: Unit[] = p.turns.map((t) => ({
      index: t.index,
      text: t.text,
      start: t.start,
      role: t.role,
      topic: null,
      prompt: null,
    }));
    for (const u of units) {
      if (u.role === 'recruiter') u.topic = topicOf(u.text);
      else {
        const prev = units[u.index - 1];
        if (prev && prev.role === 'recruiter') {
          u.prompt = prev;
          u.topic = prev.topic;
        }
      }
    }
    return units;
  }
  // One stream of words: cut at every topic word.
  const l = p.text.toLowerCase();
  const found: { at: number; end: number; topic: Topic; rank: number }[] = [];
  TOPIC_CUES.forEach(([topic, re], rank) => {
    for (const m of l.matchAll(new RegExp(re.source, 'g')))
      found.push({ at: m.index, end: m.index + m[0].length, topic, rank });
  });
  // A topic word inside another one's phrase belongs to it ("was möchten Sie verdienen" is a wish,
  // not today's pay); where phrases overlap the more specific topic (earlier in TOPIC_CUES) wins.
  found.sort((a, b) => a.at - b.at || a.rank - b.rank);
  const cuts: { at: number; topic: Topic }[] = [];
  let coveredUntil = -1;
  let coveredRank = Number.POSITIVE_INFINITY;
  for (const f of found) {
    if (f.at < coveredUntil && f.rank >= coveredRank) continue;
    // "was erwarten sie gehaltlich": a pay word in the same question as a wish asks for the wish.
    const prev = cuts.at(-1);
    if (
      prev?.topic === 'salaryWish' &&
      f.topic === 'salaryNow' &&
      f.at - prev.at < 40 &&
      !/[.?!]/.test(l.slice(prev.at, f.at))
    )
      continue;
    if (f.at < coveredUntil && f.rank < coveredRank) cuts.pop();
    cuts.push({ at: f.at, topic: f.topic });
    coveredUntil = f.end;
    coveredRank = f.rank;
  }
  const units: Unit[] = [];
  let from = 0;
  let topic: Topic | null = null;
  for (const c of cuts) {
    if (c.topic === topic) continue;
    if (c.at > from) units.push(unitOf(p.text, from, c.at, topic, units.length));
    from = c.at;
    topic = c.topic;
  }
  units.push(unitOf(p.text, from, p.text.length, topic, units.length));
  return units;
}

function unitOf(text: string, from: number, to: number, topic: Topic | null, index: number): Unit {
  return { index, text: text.slice(from, to), start: from, role: 'unknown', topic, prompt: null };
}

/** Units the counterpart (candidate, client) speaks, or all units when no one is labelled. */
export function counterpartUnits(units: Unit[]): Unit[] {
  return units.filter((u) => u.role !== 'recruiter');
}

/** "Ja", "Genau", "Passt", "Einverstanden" … at the start of an answer. */
export const AGREE_START =
  /^\s*(?:(?:ja|jo|jap|jawohl|genau|richtig|korrekt|stimmt|exakt|passt|einverstanden|klar|gerne?|okay|ok|perfekt|super|prima|sehr gut|klingt gut|das passt|absolut|sicher|auf jeden fall|natürlich|definitiv|mhm|yes|sehr gerne?|na klar|machen wir|geht klar|in ordnung|gut|das klingt (?:sehr )?gut|klingt (?:sehr )?gut|hört sich gut an|das hört sich gut an|umso besser|passt mir|das passt mir|wunderbar|toll|cool|top)\b)/i;
export const DISAGREE =
  /\b(?:nein|nee|ne\b|nicht|zu wenig|zu niedrig|eher nicht|lieber nicht|aber|leider)\b/i;

/** The sentence of a text around a position, with its offset (for quotes and local cues). */
export function sentenceAt(text: string, pos: number, base = 0): Piece {
  const all = sentences(text, base);
  return all.find((s) => s.start <= pos && pos <= s.start + s.text.length) ?? { text, start: base };
}

/**
 * A verbatim passage of the transcript around [start, end): the sentence, or for an unpunctuated
 * stream a few words either side; never more than 200 characters.
 */
export function quoteAround(text: string, start: number, end: number, max = 200): string {
  // A full stop ends a sentence, but not inside "72.000" or "1.2.".
  const stopAt = (i: number) => {
    const c = text[i]!;
    if (c === '\n' || c === '!' || c === '?') return true;
    return (
      c === '.' &&
      !/\d/.test(text[i + 1] ?? '') &&
      /^\s?$/.test(text[i + 1] ?? '') &&
      !/\d/.test(text[i - 1] ?? '')
    );
  };
  let s = start;
  let e = end;
  while (s > 0 && start - s < 90 && !stopAt(s - 1)) s--;
  while (e < text.length && e - end < 90 && !stopAt(e)) e++;
  if (e < text.length && /[.!?]/.test(text[e]!)) e++;
  // A speaker label at the start of the line is no part of what was said.
  if (s === 0 || text[s - 1] === '\n') {
    const label = /^[^\n:]{1,40}:\s+/.exec(text.slice(s, start));
    if (label) s += label[0].length;
  }
  // Without a sentence end nearby: a few words around the passage.
  if (start - s >= 90) {
    s = Math.max(0, start - 40);
    while (s > 0 && s < start && !/\s/.test(text[s - 1]!)) s++;
  }
  if (e - end >= 90) {
    e = Math.min(text.length, end + 40);
    while (e < text.length && e > end && !/\s/.test(text[e]!)) e--;
  }
  let q = text.slice(s, e).trim();
  // "68." alone says little: put the question of the line before in front ("Was verdienen Sie? … 68.").
  if (q.length < 12 && s > 0 && text[s - 1] !== undefined) {
    const lineStart = text.lastIndexOf('\n', s - 1);
    const prevEnd = lineStart;
    const prevStart = prevEnd > 0 ? text.lastIndexOf('\n', prevEnd - 1) + 1 : -1;
    if (prevStart >= 0 && prevEnd > prevStart) {
      const prevLine = text.slice(prevStart, prevEnd).replace(/^[^\n:]{1,40}:\s+/, '');
      const last = prevLine
        .split(/(?<=[.!?])\s+/)
        .filter((x) => x.trim())
        .at(-1)
        ?.trim();
      if (last && last.length + q.length + 3 <= max) return `${last} … ${q}`;
    }
  }
  if (q.length > max) {
    const from = Math.max(0, start - 30);
    q = text.slice(from, Math.min(text.length, Math.max(end, from) + 30)).trim();
    if (q.length > max)
      q = q
        .slice(0, max)
        .replace(/\s+\S*$/, '')
        .trim();
  }
  return q;
}
