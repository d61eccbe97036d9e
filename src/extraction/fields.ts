import type { CallExtraction } from './callExtraction.ts';
import { AGREE_START, counterpartUnits, quoteAround, type Unit } from './conversation.ts';
import { type DateKind, type DateMention, findDates } from './dateResolver.ts';
import { parseCount } from './germanNumbers.ts';
import { clauses, pieceAt, sentences } from './transcript.ts';
import { CITIES, REGIONS, SKILLS } from './vocabulary.ts';

/** A value with the transcript passage it comes from. */
export interface Found<T> {
  value: T;
  quote: string;
}

const lower = (s: string) => s.toLowerCase();

/** The unit itself plus, without speaker labels, nothing else; with labels the answers to a topic. */
function answersTo(units: Unit[], topic: Unit['topic'], cue: RegExp): Unit[] {
  return counterpartUnits(units).filter((u) => u.topic === topic || cue.test(lower(u.text)));
}

/** The start of an answer, verbatim, for a quote after "…" ("Ja, genau."). */
function firstWords(answer: string): string {
  return (sentences(answer)[0]?.text ?? answer).slice(0, 80).trim();
}

/** A value the recruiter states in a question, confirmed by a plain "ja" ("Sie haben drei Monate, oder?" – "Ja."). */
function confirmed(units: Unit[], u: Unit): Unit | null {
  const next = units[u.index + 1];
  if (u.role !== 'recruiter' || !next || next.role === 'recruiter') return null;
  const first = (next.text.split(/[.!?]/)[0] ?? '').toLowerCase();
  return AGREE_START.test(next.text) && !/\b(?:nein|nee|nicht|aber|eher)\b/.test(first) ? next : null;
}

/** A passage to judge, with its offset in the whole transcript. */
interface Passage {
  text: string;
  start: number;
  unit: Unit | null;
}

/**
 * Where the person talks about a topic: their sentences when speakers are labelled; in an
 * unlabelled stream, windows of words around each topic word of the whole text.
 */
function passages(units: Unit[], text: string, cue: RegExp, before = 50, after = 70): Passage[] {
  if (units.some((u) => u.role !== 'unknown')) {
    return counterpartUnits(units).flatMap((u) =>
      sentences(u.text).map((s) => ({ text: s.text, start: u.start + s.start, unit: u })),
    );
  }
  const out: Passage[] = [];
  const l = lower(text);
  for (const m of l.matchAll(new RegExp(cue.source, 'g'))) {
    let from = Math.max(0, m.index - before);
    while (from > 0 && from < m.index && !/\s/.test(text[from - 1]!)) from++;
    let to = Math.min(text.length, m.index + m[0].length + after);
    while (to < text.length && to > m.index && !/\s/.test(text[to]!)) to--;
    out.push({ text: text.slice(from, to), start: from, unit: null });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Notice period

type Notice = NonNullable<CallExtraction['noticePeriod']>;

const DURATION =
  /(?<![\p{L}\d])(\d{1,2}|[\p{L}]+)\s+(wochen?|monate?n?|quartale?|vierteljahre?)(?![\p{L}])|(?<![\p{L}])(?:ein(?:em)?\s+)?halbe[ns]?\s+jahr(?![\p{L}])/giu;
const NOT_NOTICE_BEFORE = /(?:\bseit|\bvor|\bnach|\bfür|\bin|\balle|\bnoch|\bbis auf|\bca\.?|\bje)\s*$/i;
const ZERO_NOTICE =
  /\b(?:keine(?:rlei)?\s+kündigungsfrist|ohne\s+(?:kündigungs)?frist|(?:bin|wurde|werde|sind)\s+(?:\w+\s+){0,2}freigestellt|kündigungsfrist\??\s*(?:habe ich |hab ich )?keine)\b|^\s*(?:keine|gar keine|null)\b(?!\s+ahnung)/i;

function endOf(text: string): Notice['toEndOf'] {
  const l = lower(text);
  if (/quartal|vierteljahres(?:ende)?/.test(l)) return 'quarter';
  if (
    /(?<!halb)jahresende|ende (?:des|eines) (?:kalender)?jahres|zum jahr(?:esende|eswechsel)?\b|jahresschluss|zum jahreswechsel/.test(
      l,
    )
  )
    return 'year';
  if (
    /monatsende|ende (?:des|eines) monats|zum monat\b|monatsletzten|monatsschluss|zum fünfzehnten oder/.test(
      l,
    )
  )
    return 'month';
  return null;
}

export function noticeIn(text: string): { notice: Notice; at: number; end: number }[] {
  const out: { notice: Notice; at: number; end: number }[] = [];
  for (const m of text.matchAll(DURATION)) {
    const before = text.slice(Math.max(0, m.index - 14), m.index);
    if (NOT_NOTICE_BEFORE.test(before)) continue;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 60);
    if (/^\s*(?:probezeit|homeoffice|urlaub|elternzeit|krank)/i.test(after)) continue;
    let amount: number | null;
    let unit: Notice['unit'];
    if (!m[1]) {
      amount = 6;
      unit = 'months';
    } else {
      amount = parseCount(m[1]);
      const u = lower(m[2]!);
      if (u.startsWith('quartal') || u.startsWith('vierteljahr')) {
        amount = amount === null ? null : amount * 3;
        unit = 'months';
      } else unit = u.startsWith('woche') ? 'weeks' : 'months';
    }
    if (amount === null || amount <= 0 || amount > (unit === 'weeks' ? 26 : 12)) continue;
    // The end-of-period words belong to this duration: up to the sentence end or the next duration.
    const rest = after.split(/[.!?]|\b\d{1,2}\s+(?:wochen|monate)/i)[0] ?? '';
    out.push({ notice: { amount, unit, toEndOf: endOf(rest) }, at: m.index, end: m.index + m[0].length });
  }
  return out;
}

export function extractNotice(units: Unit[], text: string): Found<Notice> | null {
  let found: Found<Notice> | null = null;
  const cue = /kündigungsfrist|kündigungszeit|\bfrist\b|\bkündigen\b/;
  const stream = units.every((u) => u.role === 'unknown');
  // In a stream the duration may stand just before the cue ("drei Monate Kündigungsfrist").
  const pieces: { text: string; start: number }[] = stream
    ? units
        .filter((u) => u.topic === 'notice')
        .map((u) => {
          const from = Math.max(0, u.start - 40);
          return { text: text.slice(from, u.start + u.text.length), start: from };
        })
    : answersTo(units, 'notice', cue);
  for (const u of pieces) {
    const l = u.text;
    const periods = noticeIn(l);
    const zero = ZERO_NOTICE.exec(l);
    const last = periods.at(-1);
    if (last && (!zero || zero.index < last.at)) {
      found = { value: last.notice, quote: quoteAround(text, u.start + last.at, u.start + last.end) };
    } else if (zero) {
      found = {
        value: { amount: 0, unit: 'weeks', toEndOf: null },
        quote: quoteAround(text, u.start + zero.index, u.start + zero.index + zero[0].length),
      };
    }
  }
  if (found) return found;
  // "Sie haben drei Monate Kündigungsfrist, oder?" – "Ja."
  for (const u of units) {
    if (u.role !== 'recruiter' || u.topic !== 'notice') continue;
    const yes = confirmed(units, u);
    const last = noticeIn(u.text).at(-1);
    if (yes && last)
      found = {
        value: last.notice,
        quote: `${quoteAround(text, u.start + last.at, u.start + last.end)} … ${firstWords(yes.text)}`,
      };
  }
  if (found) return found;
  // "ich bin schon freigestellt", said anywhere.
  for (const u of counterpartUnits(units)) {
    const m = /\b(?:bin|wurde|werde)\s+(?:\w+\s+){0,2}freigestellt\b/i.exec(u.text);
    if (m)
      found = {
        value: { amount: 0, unit: 'weeks', toEndOf: null },
        quote: quoteAround(text, u.start + m.index, u.start + m.index + m[0].length),
      };
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Start date

const START_CUE =
  /\b(?:anfangen|anzufangen|fange|starten|zu starten|starte|start|beginnen|zu beginnen|beginne|einsteigen|einzusteigen|loslegen|verfügbar|zur verfügung|wechseln|eintreten|eintritt|frei|frühestens)\b/;
const START_KINDS: DateKind[] = [
  'explicit',
  'dayOfMonth',
  'monthStart',
  'relativeWeeks',
  'relativeDay',
  'weekday',
  'now',
];
const NOT_START_NEAR =
  /\b(?:letzte[rn]? (?:arbeits)?tag|vorstellungsgespräch|termin|urlaub|melde|ruf\w*|anruf|telefonier|sprechen|hören|schick\w*|kündig\w*|gekündigt|zu(?:machen)?\b|schließt|läuft)\b/;
const VAGUE_BEFORE =
  /\b(?:anfang|mitte|ende|spätestens|irgendwann|nach|vor|bis|circa|ca\.?|etwa|ungefähr|um)\s*(?:de[rsnm]\s+)?$/i;

function startMentions(text: string, callDate: string): DateMention[] {
  return findDates(text, callDate).filter((d) => {
    if (!START_KINDS.includes(d.kind)) return false;
    if (d.kind === 'now' && !/^(?:ab sofort|sofort|umgehend|ab heute)$/i.test(d.text)) return false;
    // "nicht sofort, erst nach der Kündigungsfrist"
    if (
      d.kind === 'now' &&
      /\b(?:nicht|kein|keine)\s+(?:\w+\s+)?$/i.test(text.slice(Math.max(0, d.start - 16), d.start))
    )
      return false;
    return !VAGUE_BEFORE.test(text.slice(Math.max(0, d.start - 14), d.start));
  });
}

export function extractAvailableFrom(units: Unit[], text: string, callDate: string): Found<string> | null {
  let found: Found<string> | null = null;
  const labelled = units.some((u) => u.role !== 'unknown');
  const pieces: Passage[] = labelled
    ? counterpartUnits(units).flatMap((u) =>
        sentences(u.text).map((s) => ({ text: s.text, start: u.start + s.start, unit: u })),
      )
    : [{ text, start: 0, unit: null }];
  for (const s of pieces) {
    for (const d of startMentions(s.text, callDate)) {
      const l = lower(s.text);
      const near = l.slice(Math.max(0, d.start - 60), d.end + 45);
      const clause = labelled
        ? lower(pieceAt(clauses(s.text), d.start)?.text ?? s.text)
        : l.slice(Math.max(0, d.start - 30), d.end + 30);
      const asked = s.unit?.topic === 'start';
      // "Drei Monate zum Quartalsende, also frühestens zum 1. Januar": the start follows from the words.
      const consequence =
        /\balso\s+(?:frühestens\s+|erst\s+|dann\s+)?(?:zum|ab|am)\s+(?:dem\s+)?$/i.test(
          l.slice(Math.max(0, d.start - 30), d.start),
        ) &&
        /kündigungsfrist|\bmonate?\b|\bwochen?\b|gekündigt/.test(l.slice(Math.max(0, d.start - 90), d.start));
      const cue = START_CUE.test(near) || consequence;
      if (!cue && !asked) continue;
      if (NOT_START_NEAR.test(clause) && !START_CUE.test(clause)) continue;
      // A weekday or "morgen" starts a job only when the same clause says so.
      if ((d.kind === 'weekday' || d.kind === 'relativeDay') && !START_CUE.test(clause)) continue;
      if (d.kind === 'now' && !(START_CUE.test(clause) || asked || /\bab sofort\b/.test(clause))) continue;
      found = { value: d.date, quote: quoteAround(text, s.start + d.start, s.start + d.end) };
    }
  }
  if (found) return found;
  // "Sie könnten also zum 1. April anfangen?" – "Ja, genau."
  for (const u of units) {
    if (u.role !== 'recruiter' || !START_CUE.test(lower(u.text))) continue;
    const yes = confirmed(units, u);
    const d = startMentions(u.text, callDate).at(-1);
    if (yes && d)
      found = {
        value: d.date,
        quote: `${quoteAround(text, u.start + d.start, u.start + d.end)} … ${firstWords(yes.text)}`,
      };
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Relocation

const RELOCATE_CUE =
  /umzug|umzieh|umzuzieh|\bziehe\b[^.?!]{0,40}\bum\b|ziehen\b[^.?!]{0,30}\bum\b|wegzieh|wegzuzieh|relocation|ortswechsel|\bziehe\b[^.?!]{0,20}\bnach\b/;
const RELOCATE_CUE_I = new RegExp(RELOCATE_CUE.source, 'i');
const POSITIVE_IDIOM =
  /kein problem|kein thema|nichts dagegen|nicht ausgeschlossen|warum nicht|nicht abgeneigt|kein hindernis/;
const UNSURE =
  /weiß (?:ich )?(?:noch )?nicht|mal sehen|mal schauen|kommt (?:drauf|darauf) an|muss ich (?:noch )?(?:überlegen|klären|besprechen|schauen)|vielleicht|unsicher|schwierig|eher ungern|eventuell|möglicherweise/;
const NEGATIVE =
  /\b(?:nicht|nie|nein|nee|kein|keinen|keinesfalls|ausgeschlossen|ungern|auf keinen fall)\b|bleib\w* (?:lieber )?(?:hier|in|da|wo)/;
const POSITIVE =
  /\b(?:bereit|würde|würd|könnte|kann|ja|gerne?|flexibel|vorstellen|denkbar|offen|okay|ok|möglich|auf jeden fall|klar|sicher|machbar|vorstellbar|ziehe)\b/;

function polarity(text: string): boolean | null {
  let l = lower(text);
  const idiom = POSITIVE_IDIOM.test(l);
  l = l.replace(new RegExp(POSITIVE_IDIOM.source, 'g'), ' ');
  if (UNSURE.test(l) && !idiom) return null;
  const neg = NEGATIVE.test(l);
  const pos = idiom || POSITIVE.test(l);
  if (neg === pos) return null;
  return pos;
}

/** "ich wohne in Leipzig und will da auch bleiben": no move. */
const STAY =
  /\b(?:will|möchte|würde gern|werde)\s+(?:auch\s+)?(?:gerne?\s+)?(?:hier|da|dort|in [\p{L}-]+)\s+(?:auch\s+)?(?:wohnen\s+)?bleiben\b|\bwill (?:hier|da|dort) nicht weg\b/iu;

/** Words about being tied to a place or not, without the word "Umzug". */
const TIED =
  /\b(?:ich bin|bin ich)\s+(?:\w+\s+){0,2}?(ortsgebunden|ortsungebunden|ungebunden|räumlich flexibel|örtlich flexibel)\b/i;

export function extractRelocation(units: Unit[], text: string): Found<boolean> | null {
  let found: Found<boolean> | null = null;
  for (const s of passages(units, text, TIED, 20, 40)) {
    const m = TIED.exec(s.text);
    if (!m || /\bnicht\b/i.test(m[0])) continue;
    found = {
      value: m[1]!.toLowerCase() !== 'ortsgebunden',
      quote: quoteAround(text, s.start + m.index, s.start + m.index + m[0].length),
    };
  }
  for (const s of passages(units, text, STAY, 40, 40)) {
    const m = STAY.exec(s.text);
    if (m && !RELOCATE_CUE.test(lower(s.text)))
      found = { value: false, quote: quoteAround(text, s.start + m.index, s.start + m.index + m[0].length) };
  }
  for (const s of passages(units, text, RELOCATE_CUE, 10, 70)) {
    if (!RELOCATE_CUE.test(lower(s.text))) continue;
    const cueAt = Math.max(0, s.text.search(RELOCATE_CUE_I));
    // In a stream: the sentence of the relocation word, or the answer after it when that sentence asks.
    const after = s.text.slice(cueAt);
    const parts = after.split(/(?<=[.!?])\s+/);
    // Without punctuation the answer ends where the recruiter goes on ("… alles klar", "verstehe").
    const windowText = (parts[0]?.trim().endsWith('?') ? (parts[1] ?? '') : (parts[0] ?? after))
      .slice(0, 60)
      .replace(/\s(?:alles klar|verstehe|okay|ok|gut dann|prima|super|perfekt|danke|schön)\b.*$/i, '');
    const p = polarity(s.unit ? relocationClause(s.text) : windowText);
    if (p === null) continue;
    found = {
      value: p,
      quote: s.unit
        ? quoteAround(text, s.start, s.start + s.text.length)
        : quoteAround(text, s.start + cueAt, Math.min(s.start + s.text.length, s.start + cueAt + 40)),
    };
  }
  if (found) return found;
  // A short answer to "Wären Sie bereit umzuziehen?"
  for (const u of counterpartUnits(units)) {
    if (u.topic !== 'relocate' || u.role === 'unknown') continue;
    const first = sentences(u.text)[0];
    if (!first) continue;
    const l = lower(first.text);
    let value: boolean | null = null;
    if (
      /^\s*(?:nein|nee|ne|eher nicht|lieber nicht|auf keinen fall|nicht wirklich|ungern|kommt nicht in frage)\b/.test(
        l,
      )
    )
      value = false;
    else if (
      /^\s*(?:ja|jo|klar|gerne?|auf jeden fall|absolut|sicher|durchaus|natürlich|kein problem|warum nicht)\b/.test(
        l,
      )
    )
      value = UNSURE.test(l) ? null : true;
    // "Für den richtigen Job ja.", "Eher schwierig, wir haben gebaut."
    else if (l.length < 80) value = polarity(l);
    if (value === null) continue;
    // "Ja." alone says little: quote the question with it.
    const question = u.prompt
      ? sentences(u.prompt.text).findLast((q) => RELOCATE_CUE.test(lower(q.text)))
      : undefined;
    const answer = first.text.trim();
    found = {
      value,
      quote:
        question && first.text.length < 25
          ? `${quoteAround(text, u.prompt!.start + question.start, u.prompt!.start + question.start + question.text.length)} … ${answer}`
          : answer,
    };
  }
  return found;
}

/** The clause of a sentence that holds the relocation word, with the next one ("Umziehen? Nein."). */
function relocationClause(sentence: string): string {
  const parts = clauses(sentence);
  const i = parts.findIndex((p) => RELOCATE_CUE.test(lower(p.text)));
  if (i < 0) return sentence;
  return parts
    .slice(i, i + 1)
    .map((p) => p.text)
    .join(', ');
}

// ---------------------------------------------------------------------------------------------
// Work model

const WORK_CUE =
  /remote|home-?office|home office|hybrid|büro|vor ort|präsenz|von zu hause|von daheim|mobil(?:es)? arbeiten|pendeln|baustelle/;

function workModelOf(sentence: string): CallExtraction['workModel'] {
  const l = lower(sentence);
  if (!WORK_CUE.test(l)) return null;
  const full =
    /(?:komplett|voll(?:ständig)?|nur|ausschließlich|100 ?%|100 prozent|hundert prozent|full|zu hundert prozent|ganz)\s*(?:[\p{L}]+\s+){0,2}(?:remote|home-?office|von zu hause)|(?:remote|home-?office)\s+(?:komplett|voll|zu hundert prozent|zu 100)/u;
  const notOffice =
    /(?:nicht|nie|kein\w*)\s+(?:mehr\s+)?(?:ins|im|in ein|ans)\s+büro|ins büro (?:will|möchte|muss) ich nicht|nicht mehr pendeln|kein bock (?:mehr )?aufs? pendeln/;
  const partial =
    /hybrid|(?:home-?office|remote|mobil\w*)\b[^.?!]{0,30}?\b(?:\d|ein|zwei|drei|vier)\w*(?:\s*(?:,|oder|bis)\s*(?:\d|zwei|drei|vier)\w*)?\s+tage?\b|(?:\d|ein|zwei|drei|vier)\w*(?:\s*(?:,|oder|bis)\s*(?:\d|zwei|drei|vier)\w*)?\s+tage?\s+(?:die woche\s+|pro woche\s+|in der woche\s+)?(?:im\s+|ins\s+)?(?:home-?office|remote|büro|von zu hause|mobil)|teils|teilweise|gemischt|mischung|ab und zu|gelegentlich|tageweise/;
  // What the person prefers, not what their job requires ("ich muss vor Ort sein") or is denied.
  const onsite =
    /(?:lieber|am liebsten|gerne?|bevorzugt|bevorzuge)\s+(?:im|ins)\s+büro|(?:arbeite|bin)\s+(?:\w+\s+)?(?:im büro|vor ort)\s+(?:lieber|am liebsten)|präsenz|(?:brauche|will|möchte)\s+(?:kein|keine)\s+(?:home-?office|remote)|home-?office (?:brauche|will|möchte|mag) ich nicht|(?:will|möchte) (?:vor ort|auf der baustelle|im büro)|(?:lieber|am liebsten|gerne?|bevorzugt) (?:vor ort|in der firma|im betrieb|auf der baustelle|in der werkstatt|beim kunden|im lager|in der produktion|draußen)/;
  const onsiteDoubt = /\b(?:nicht|nie|muss|müsste|müssen)\b/;
  // "Homeoffice wäre schön" leaves open how much; "ich will remote arbeiten" does not.
  const wantRemote =
    /remote|von zu hause (?:aus )?arbeiten/.test(l) &&
    /\b(?:will|möchte|bitte|am liebsten|ideal|suche|bevorzuge|lieber|gerne?|wünsche)\b/.test(l) &&
    !/kein muss|nicht (?:so |zwingend )?(?:wichtig|nötig)|egal/.test(l);
  if (full.test(l) || notOffice.test(l)) return 'remote';
  if (partial.test(l)) return 'hybrid';
  if (
    onsite.test(l) &&
    !onsiteDoubt.test(
      l.replace(
        /(?:brauche|will|möchte)\s+(?:kein|keine)\s+|home-?office (?:brauche|will|möchte|mag) ich nicht|(?:nicht|kein\w*)\s+(?:im\s+|ins\s+)?(?:home-?office|remote)/g,
        '',
      ),
    )
  )
    return 'onsite';
  if (wantRemote && !/\b(?:nicht|kein)\b/.test(l)) return 'remote';
  return null;
}

export function extractWorkModel(
  units: Unit[],
  text: string,
): Found<NonNullable<CallExtraction['workModel']>> | null {
  let found: Found<NonNullable<CallExtraction['workModel']>> | null = null;
  for (const s of passages(units, text, WORK_CUE, 50, 60)) {
    if (s.text.trim().endsWith('?')) continue;
    const model = workModelOf(s.text);
    if (!model) continue;
    // In a stream of words: the words around the work-model word, not the whole window.
    const cue = s.unit ? null : new RegExp(WORK_CUE.source, 'i').exec(s.text.slice(40));
    found = {
      value: model,
      quote: cue
        ? quoteAround(text, s.start + 40 + cue.index, s.start + 40 + cue.index + cue[0].length)
        : quoteAround(text, s.start, s.start + s.text.length),
    };
  }
  if (found) return found;
  // "Remote?" – "Ja, gerne."
  for (const u of counterpartUnits(units)) {
    if (!u.prompt || u.role !== 'counterpart') continue;
    const q = lower(u.prompt.text);
    const models = [
      /remote|komplett (?:im )?home-?office/.test(q) ? 'remote' : null,
      /hybrid/.test(q) ? 'hybrid' : null,
      /vor ort|im büro/.test(q) ? 'onsite' : null,
    ].filter((m): m is 'remote' | 'hybrid' | 'onsite' => m !== null);
    const first = sentences(u.text)[0];
    if (
      models.length === 1 &&
      first &&
      /^\s*(?:ja|gerne?|unbedingt|auf jeden fall|genau)\b/i.test(first.text) &&
      !/\b(?:nicht|aber)\b/i.test(first.text)
    )
      found = {
        value: models[0]!,
        quote: `${quoteAround(text, u.prompt.start, u.prompt.start + u.prompt.text.length)} … ${first.text}`,
      };
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Current position and employer

const CONFIRM = /^\s*(?:ja|jo|jawohl|genau|richtig|korrekt|stimmt|exakt|mhm|noch|yes)\b[,.!]?\s*/i;
const DENY = /^\s*(?:nein|nee|nicht mehr|inzwischen|mittlerweile|nicht ganz|nicht ganz richtig)\b/i;
const STOP_WORDS = new Set(
  'lieber gern gerne remote hybrid vor ich sie du er es wir ihr da hier gerade grad seit noch auch eigentlich schon also ja nein ein eine einer einem einen sehr so im in bei dort jetzt gut total mir mal nicht zufrieden froh interessiert offen flexibel unterwegs für mit und oder aber das die der dem den zwischen auf an zu von vom ohne wieder immer bald fertig dabei zuhause zu hause krank arbeitslos raus weg vor allem hauptsächlich eher vielleicht wie was wo wann ganz selbst selbstständig momentan aktuell derzeit zurzeit mehr'.split(
    ' ',
  ),
);
const INSTITUTION =
  /^(?:Haus|Kita|Kindertagesstätte|Kindergarten|Klinik|Klinikum|Krankenhaus|Praxis|Kanzlei|Schule|Grundschule|Gymnasium|Hotel|Restaurant|Autohaus|Bäckerei|Apotheke|Seniorenheim|Seniorenzentrum|Pflegeheim|Altenheim|Pflegedienst|Universität|Uni|Hochschule|Stadtverwaltung|Landratsamt|Rathaus|Filiale|Werk|Zentrum|Center|Studio|Agentur|Sparkasse|Volksbank|Stadtwerke\w*|Firma)$/;
const EMPLOYER_END =
  /\s+(?:in|im|seit|als|wo|da|hier|aktuell|gerade|schon|richtig|oder|für|mit|tätig|beschäftigt|angestellt|unterwegs|zufrieden|gekündigt|und(?!\s+(?:partner|söhne|sohn|co|töchter|kollegen)\b)|ist|sind|war|bin|,)\b|[,.;:?!]|$/i;
const CAPITALISED = (w: string) => /^[\p{Lu}\d]/u.test(w);

function cleanTitle(raw: string, capitalised: boolean): string | null {
  let t = raw
    .replace(/\s+seit\s+.*$/i, '')
    .replace(
      /^(?:(?:derzeit|aktuell|gerade|grad|noch|momentan|jetzt|ja|doch|inzwischen|mittlerweile|schon|hier)\s+)+/i,
      '',
    )
    .replace(/^als\s+/i, '')
    .replace(/\s+(?:richtig|oder|nicht wahr|gell|ne)$/i, '')
    .trim();
  t = t.replace(/[,.;:?!]+$/, '').trim();
  if (!t) return null;
  const words = t.split(/\s+/);
  if (words.length > 6 || /\d{3,}/.test(t)) return null;
  if (STOP_WORDS.has(words[0]!.toLowerCase())) return null;
  if (capitalised) {
    const last = words.at(-1)!;
    if (!CAPITALISED(last.replace(/^[-(]/, ''))) return null;
  }
  return t;
}

/** Where one is "bei" without working there ("beim Arzt", "bei den Kunden", "bei meinen Eltern"). */
const NOT_AN_EMPLOYER =
  /^(?:arzt|zahnarzt|friseur|kunden?|kollegen|eltern|freunden|familie|termin|meeting|essen|mittagessen|sport|training|urlaub|arbeit|bewerbungsgespräch|vorstellungsgespräch|gespräch|anruf|telefonat|bewerbung|messe|schulung|fortbildung|weiterbildung|umzug|wetter|thema|frage)\b/i;

function cleanEmployer(raw: string, capitalised: boolean): string | null {
  const t = raw
    .replace(/^(?:der|dem|den|die|des)\s+/i, '')
    .replace(/[,.;:!?]+$/, '')
    .trim();
  if (!t) return null;
  const words = t.split(/\s+/);
  if (
    words.length > 6 ||
    /^(?:uns|ihnen|mir|dir|euch|einem|einer|einen|meinem|meiner|meinen|meine|mein|ihrem|ihrer|ihren|seinem|seiner|seinen|unserem|unserer|unseren|dem|der)$/i.test(
      words[0]!,
    ) ||
    NOT_AN_EMPLOYER.test(t)
  )
    return null;
  if (capitalised && !CAPITALISED(words[0]!)) return null;
  if (STOP_WORDS.has(words[0]!.toLowerCase())) return null;
  // A place alone is no employer ("bei Hamburg").
  if (words.length === 1 && CITIES.some((c) => c.toLowerCase() === words[0]!.toLowerCase())) return null;
  return t;
}

/** "bei der Nordbank Digital in Hamburg" → "Nordbank Digital"; "im Haus Sonnenhof" → "Haus Sonnenhof". */
function employerIn(text: string, capitalised: boolean): { name: string; at: number; end: number } | null {
  const bei = /\b(?:bei|beim)\s+((?:der|dem|den|die)\s+)?/gi;
  for (const m of text.matchAll(bei)) {
    const rest = text.slice(m.index + m[0].length);
    const stop = EMPLOYER_END.exec(rest);
    const raw = rest.slice(0, stop ? stop.index : rest.length);
    const name = cleanEmployer(raw, capitalised);
    if (name) return { name, at: m.index, end: m.index + m[0].length + raw.length };
  }
  if (!capitalised) {
    // "im klinikum bremen mitte seit acht jahren" → "klinikum bremen mitte"
    for (const m of text.matchAll(/\b(?:im|in der|in dem|am)\s+([\p{L}-]+)((?:\s+[\p{L}&-]+){1,3})/giu)) {
      if (!INSTITUTION.test(`${m[1]![0]!.toUpperCase()}${m[1]!.slice(1)}`)) continue;
      const words: string[] = [];
      for (const w of m[2]!.trim().split(/\s+/)) {
        if (STOP_WORDS.has(w.toLowerCase()) || /^(?:seit|als|wo|in|und|aber)$/i.test(w)) break;
        words.push(w);
      }
      if (words.length) return { name: [m[1]!, ...words].join(' '), at: m.index, end: m.index + m[0].length };
    }
  }
  if (capitalised) {
    const inst =
      /\b(?:[Ii]m|[Ii]n der|[Ii]n dem|[Aa]m)\s+([\p{Lu}][\p{L}-]+)\s+([\p{Lu}][\p{L}&-]+(?:\s+[\p{Lu}][\p{L}&-]+){0,2})/gu;
    for (const m of text.matchAll(inst)) {
      if (!INSTITUTION.test(m[1]!)) continue;
      const second = m[2]!.split(/\s+/);
      // "im Haus Sonnenhof in Kassel": the name stops before a city.
      const name = [m[1]!, ...second.filter((w) => !CITIES.includes(w))].join(' ');
      return { name, at: m.index, end: m.index + m[0].length };
    }
  }
  return null;
}

/** Title segments of a confirming answer: "Ja, Maschinenbau-Konstrukteur, seit fünf Jahren" → ["Maschinenbau-Konstrukteur"]. */
function titleSegments(answer: string): string[] {
  const body = answer.replace(CONFIRM, '');
  const first = sentences(body)[0]?.text ?? body;
  const out: string[] = [];
  for (const seg of first.split(/,\s*/)) {
    let s = seg.trim();
    const emp = employerIn(s, true);
    if (emp) s = s.slice(0, emp.at).trim();
    s = s.replace(/\s+in\s+[\p{Lu}][\p{L}-]+$/u, '').trim();
    const t = s ? cleanTitle(s, true) : null;
    if (t && !SKILLS.some((k) => new RegExp(`^(?:${(k.pattern ?? nameRe(k.name)).source})$`, 'iu').test(t))) {
      out.push(t);
    } else if (s || !emp) break;
  }
  return out;
}

export interface Job {
  position: Found<string> | null;
  employer: Found<string> | null;
}

const PREFIX = String.raw`(?:(?:derzeit|aktuell|gerade|grad|noch|momentan|jetzt|ja|doch|zurzeit)\s+)*`;
/** "Sie sind (als) X (bei Y)?", "Sie arbeiten als X", "Du bist gerade als X bei Y, richtig?" */
const RECRUITER_ROLE = new RegExp(
  String.raw`\b(?:(?:sie sind|du bist|sind sie)\s+${PREFIX}(?:als\s+)?|(?:sie arbeiten|du arbeitest|arbeiten sie)\s+${PREFIX}als\s+)(.+?)(?=\s+(?:bei|beim)\s|[,?.!]|\s+richtig\b|\s+oder\b|\s+tätig\b|$)`,
  'i',
);
/** "Sie fahren aktuell bei der Spedition Maier?" */
const RECRUITER_EMPLOYER = new RegExp(
  String.raw`\b(?:sie|du)\s+(?:sind|bist|arbeiten|arbeitest|fahren|fährst|schaffen|jobben|sind angestellt|bist angestellt)\s+${PREFIX}(?=(?:bei|beim)\s)`,
  'i',
);
const SELF_ROLE =
  /\b(?:ich bin|ich arbeite|arbeite ich|bin ich)\s+((?:(?:seit\s+[^,.]{1,25}?|derzeit|aktuell|gerade|grad|momentan|jetzt|noch|schon|inzwischen|mittlerweile|hier|da|zurzeit)\s+)*(?:als\s+)?)(.+?)(?=\s+(?:bei|beim)\s|[,?.!]|\s+seit\b|$)/i;
/** "bei der Volksbank als Kreditorenbuchhalterin", "als Lagerist bei Logimax" */
const AS_AT = /\b(?:bei|beim)\s+(?:der\s+|dem\s+|den\s+)?(.+?)\s+als\s+(.+?)(?=\s+seit\b|[,.?!]|\s+und\b|$)/i;
const AT_AS = /\bals\s+(.+?)\s+(?=(?:bei|beim)\s)/i;
const JOBLIKE =
  /(?:er|in|ist|ent|eur|ant|ör|ur|ling|ker|mann|frau|kraft|leitung|leiter|leiterin|lead|manager|managerin|engineer|analyst|consultant|ingenieur|ingenieurin|meister|meisterin)$/i;

interface Candidate {
  value: string;
  quote: string;
  /** Own words with a company 3, a confirmed recruiter question or an answer to "was machen Sie" 2, else 1. */
  rank: number;
}

export function extractJob(units: Unit[], text: string, labelled: boolean): Job {
  const capitalised = /[\p{Lu}]/u.test(text.slice(0, 400)) && text !== text.toLowerCase();
  const titles: Candidate[] = [];
  const employers: Candidate[] = [];
  const quote = (u: Unit, from: number, to: number) => quoteAround(text, u.start + from, u.start + to);
  const addEmployer = (
    u: Unit,
    e: { name: string; at: number; end: number } | null,
    base: number,
    rank: number,
  ) => {
    if (e) employers.push({ value: e.name, quote: quote(u, base + e.at, base + e.end), rank });
  };

  for (const u of units) {
    const pieces = labelled ? sentences(u.text) : [{ text: u.text, start: 0 }];
    // The recruiter asks "Sie sind … bei …?"; the person confirms, corrects or refines.
    if (u.role === 'recruiter' || (!labelled && u.role === 'unknown')) {
      for (const s of pieces) {
        const role = RECRUITER_ROLE.exec(s.text);
        // "Sie sind Erzieherin in der Kita Sonnenschein in Köln?": the institution is the employer.
        let roleRaw = role?.[1] ?? '';
        const roleAt = role ? role.index + role[0].length - roleRaw.length : 0;
        const inst = role ? employerIn(roleRaw, capitalised) : null;
        const instEmp =
          inst && !/^(?:bei|beim)\b/i.test(roleRaw.slice(inst.at))
            ? { name: inst.name, at: roleAt + inst.at, end: roleAt + inst.end }
            : null;
        if (instEmp) roleRaw = roleRaw.slice(0, inst!.at);
        const roleTitle = role ? cleanTitle(roleRaw, capitalised) : null;
        // "Sie sind bei der Deutschen Bahn?": no title, only the company.
        const m = roleTitle ? role : null;
        const onlyEmp = m ? null : RECRUITER_EMPLOYER.exec(s.text);
        if (!m && !onlyEmp) continue;
        const hit = (m ?? onlyEmp)!;
        const title = m ? roleTitle : null;
        const afterAt = m ? hit.index + hit[0].length : hit.index + hit[0].length - 1;
        const afterTitle = s.text.slice(afterAt);
        const bei = /^\s*(?:bei|beim)\s/i.test(afterTitle) ? employerIn(afterTitle, capitalised) : null;
        const emp = bei
          ? { name: bei.name, at: afterAt + bei.at, end: afterAt + bei.end }
          : m
            ? instEmp
            : null;
        if (!title && !emp) continue;
        const empEnd = emp ? Math.max(emp.end, afterAt) : afterAt;
        if (!labelled) {
          // Without labels the next words must confirm ("… in Stuttgart genau seit vier Jahren").
          const tail = s.text.slice(empEnd, empEnd + 40);
          if (!/\b(?:genau|richtig|ja|korrekt|stimmt|exakt)\b/i.test(tail)) continue;
          if (title)
            titles.push({ value: title, quote: quote(u, s.start + hit.index, s.start + afterAt), rank: 2 });
          addEmployer(u, emp, s.start, 2);
          continue;
        }
        const answer = units[u.index + 1];
        if (!answer || answer.role === 'recruiter') continue;
        // "Sie sind Elektriker?" – "Elektroniker für Energie- und Gebäudetechnik, bei …": a refinement.
        const refinesOnly =
          !CONFIRM.test(answer.text) && capitalised && titleSegments(answer.text).length > 0;
        if (DENY.test(answer.text)) {
          // "Sie sind Bauleiter bei Hochtief?" – "Nein, bei Züblin, seit drei Jahren.": only the company was wrong.
          const fix =
            /^\s*(?:nein|nee|nicht ganz)\s*,?\s*(?:(?:ich bin|inzwischen|mittlerweile|jetzt|seit \w+)\s+)*(?=(?:bei|beim)\s)/i.exec(
              answer.text,
            );
          const other = fix ? employerIn(answer.text.slice(fix[0].length), capitalised) : null;
          if (fix && other && other.at === 0 && emp) {
            addEmployer(answer, other, fix[0].length, 3);
            if (title)
              titles.push({ value: title, quote: quote(u, s.start + hit.index, s.start + afterAt), rank: 2 });
          }
          continue;
        }
        if (!CONFIRM.test(answer.text) && !refinesOnly) continue;
        const refined = titleSegments(answer.text);
        if (refined.length) {
          const first = refined[0]!;
          const at = answer.text.indexOf(first);
          const lastSeg = refined.at(-1)!;
          const end = answer.text.indexOf(lastSeg) + lastSeg.length;
          // "Sie sind Einkäuferin …?" – "Ja, strategischer Einkauf": keep the title the answer leaves out.
          const joined = refined.join(', ');
          const head = (title ?? '').split(/[\s-]+/).filter((w) => w.length >= 5 && CAPITALISED(w));
          const covers =
            !title ||
            refinesOnly ||
            head.some((w) => joined.toLowerCase().includes(w.toLowerCase().replace(/-$/, '')));
          titles.push({
            value: covers ? joined : `${title} (${joined})`,
            quote: covers
              ? quote(answer, at, Math.max(end, at + first.length))
              : `${quote(u, s.start + hit.index, s.start + afterAt)} … ${quote(answer, at, Math.max(end, at + first.length))}`,
            rank: 2,
          });
        } else if (title) {
          titles.push({ value: title, quote: quote(u, s.start + hit.index, s.start + afterAt), rank: 2 });
        }
        if (emp) addEmployer(u, emp, s.start, 2);
        else
          addEmployer(answer, employerIn(sentences(answer.text)[0]?.text ?? answer.text, capitalised), 0, 2);
      }
    }
    if (u.role === 'recruiter') continue;
    const asked = u.topic === 'position';
    // "Wo arbeiten Sie zurzeit?" – "Beim Jugendamt Hannover, in der Familienhilfe."
    if (asked && labelled) {
      const first = sentences(u.text)[0];
      // "Im Hotel Alpenblick in Garmisch, als stellvertretende Empfangschefin."
      const lead =
        /^\s*(?:(?:ja|also|aktuell|derzeit|zurzeit|momentan|noch|immer noch)\s*,?\s*)*(?=(?:bei|beim|im|in der|am)\s)/i;
      if (first && lead.test(first.text)) {
        const body = first.text.replace(lead, '');
        const emp = employerIn(body, capitalised);
        if (emp && emp.at === 0) addEmployer(u, emp, first.start + (first.text.length - body.length), 2);
        const as = /(?:^|,\s*)als\s+(.+?)(?=[,.!?]|\s+seit\b|$)/i.exec(body);
        const title = as ? cleanTitle(as[1]!, capitalised) : null;
        if (emp && emp.at === 0 && title)
          titles.push({
            value: title,
            quote: quote(u, first.start, first.start + first.text.length),
            rank: 2,
          });
      }
    }
    for (const s of pieces) {
      // "bei der Volksbank als Kreditorenbuchhalterin", "als Lagerist bei Logimax"
      // Not an application or a past job ("ich habe mich bei Siemens als Ingenieur beworben").
      const past =
        /beworben|bewerbe|bewerbung|vorstellungsgespräch|angebot|früher|vorher|damals|\bwar\b|\bwaren\b|hatte|gearbeitet/i;
      if ((asked || /\bich\b/i.test(s.text)) && !past.test(s.text)) {
        const asAt = AS_AT.exec(s.text);
        const atAs = asAt ? null : AT_AS.exec(s.text);
        if (asAt) {
          const name = cleanEmployer(asAt[1]!, capitalised);
          const title = cleanTitle(asAt[2]!, capitalised);
          if (name && title) {
            titles.push({
              value: title,
              quote: quote(u, s.start + asAt.index, s.start + asAt.index + asAt[0].length),
              rank: 3,
            });
            employers.push({
              value: name,
              quote: quote(u, s.start + asAt.index, s.start + asAt.index + asAt[0].length),
              rank: 3,
            });
          }
        } else if (atAs) {
          const title = cleanTitle(atAs[1]!, capitalised);
          const emp = employerIn(s.text.slice(atAs.index + atAs[0].length), capitalised);
          if (title && emp && !/beworben|gesucht|ausgeschrieben/i.test(s.text)) {
            titles.push({
              value: title,
              quote: quote(u, s.start + atAs.index, s.start + atAs.index + atAs[0].length),
              rank: 3,
            });
            addEmployer(u, emp, s.start + atAs.index + atAs[0].length, 3);
          }
        }
      }
      // The person's own words: "Ich bin seit sechs Jahren Disponent im Nahverkehr bei Spedition Hartmann".
      for (const m of s.text.matchAll(new RegExp(SELF_ROLE.source, 'gi'))) {
        const afterTitle = s.text.slice(m.index + m[0].length);
        const emp = /^\s+(?:bei|beim)\s/i.test(afterTitle) ? employerIn(afterTitle, capitalised) : null;
        const rawStart = m.index + m[0].length - m[2]!.length;
        let raw = m[2]!;
        // "ich bin seit 2019 bei der Bahn": a company, no title.
        if (/^(?:bei|beim)\s/i.test(raw)) {
          const rest = s.text.slice(m.index + m[0].length - raw.length);
          if (
            asked ||
            /\b(?:seit|aktuell|derzeit|zurzeit|momentan|noch|angestellt|beschäftigt|tätig)\b/i.test(m[1]!)
          )
            addEmployer(u, employerIn(rest, capitalised), s.start + m.index + m[0].length - raw.length, 3);
          continue;
        }
        // "Pflegefachfrau im Haus Sonnenhof": the institution is the employer, not part of the title.
        const instEmp = employerIn(raw, capitalised);
        if (instEmp) raw = raw.slice(0, instEmp.at);
        const title = cleanTitle(raw, capitalised);
        const hasEmp = Boolean(emp || instEmp);
        if (emp) addEmployer(u, emp, s.start + m.index + m[0].length, 3);
        else if (instEmp) addEmployer(u, instEmp, s.start + rawStart, 3);
        else if (/^ich arbeite|^arbeite ich/i.test(m[0])) {
          // "ich arbeite momentan in der Intensivpflege, im Klinikum Nord": a company later in the sentence
          addEmployer(u, employerIn(s.text.slice(m.index), capitalised), s.start + m.index, 2);
        }
        if (!title || (!hasEmp && !asked && !capitalised)) continue;
        if (!hasEmp && !asked && !/\s/.test(title) && !JOBLIKE.test(title)) continue;
        titles.push({
          value: title,
          quote: quote(u, s.start + m.index, s.start + m.index + m[0].length),
          rank: hasEmp ? 3 : asked ? 2 : 1,
        });
      }
    }
  }
  const best = (c: Candidate[]) =>
    c.reduce<Candidate | null>((b, x) => (!b || x.rank > b.rank ? x : b), null);
  const p = best(titles);
  const e = best(employers);
  return {
    position: p ? { value: p.value, quote: p.quote } : null,
    employer: e ? { value: e.value, quote: e.quote } : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Places, skills

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const nameRe = (name: string) =>
  new RegExp(`(?<![\\p{L}\\d])${escapeRe(name).replace(/[ -]/g, '[ -]?')}(?![\\p{L}\\d])`, 'iu');
const ACCEPT_PLACE =
  /\b(?:nur|verwurzelt|heimisch|geht|ginge|gut|passt|passen|okay|ok|in frage|vorstellen|gerne?|am liebsten|bevorzug\w*|möchte|will|bleib\w*|auch|flexibel|erreichbar|schaffe|machbar|wäre|wär|ideal|kein problem|denkbar|infrage|lieber|pendeln|super|toll|prima)\b/;
const REJECT_PLACE = /\b(?:nicht|kein|keine|nie|auf keinen fall|ungern|zu weit)\b/;

/** Place names by their words in lower case ("neu ulm", "frankfurt oder"), longest first. */
const PLACE_BY_WORDS = new Map<string, string>();
for (const name of [...CITIES, ...REGIONS]) {
  const key = (name.match(/\p{L}+/gu) ?? []).join(' ').toLowerCase();
  if (key && !PLACE_BY_WORDS.has(key)) PLACE_BY_WORDS.set(key, name);
}
const MAX_PLACE_WORDS = Math.max(...[...PLACE_BY_WORDS.keys()].map((k) => k.split(' ').length));

/** Places named in a text, each once, in order: a word-sequence lookup, longest name first. */
function placesIn(text: string): { name: string; at: number }[] {
  const words = [...text.matchAll(/\p{L}+/gu)].map((m) => ({
    w: m[0].toLowerCase(),
    at: m.index,
    end: m.index + m[0].length,
  }));
  const out: { name: string; at: number }[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(MAX_PLACE_WORDS, words.length - i); n >= 1; n--) {
      const seq = words.slice(i, i + n);
      // Only spaces, hyphens, dots and brackets between the words of one name.
      if (seq.some((x, k) => k > 0 && !/^[\s\-.()]+$/.test(text.slice(seq[k - 1]!.end, x.at)))) continue;
      const name = PLACE_BY_WORDS.get(seq.map((x) => x.w).join(' '));
      if (!name) continue;
      if (!out.some((o) => o.name === name)) out.push({ name, at: seq[0]!.at });
      i += n - 1;
      break;
    }
  }
  return out;
}

export function extractLocations(units: Unit[], relocationYes: boolean): string[] {
  const out: string[] = [];
  const add = (name: string) => {
    if (!out.includes(name)) out.push(name);
  };
  for (const u of counterpartUnits(units)) {
    const pieces = u.role === 'unknown' ? [{ text: u.text, start: 0 }] : sentences(u.text);
    for (const s of pieces) {
      for (const c of clauses(s.text)) {
        const l = lower(c.text);
        const places = placesIn(c.text);
        if (!places.length) continue;
        // "bei X in Dortmund" says where they work today, not where they want to.
        const emp = employerIn(c.text, false);
        // The clause decides ("Ich komme aus Köln, aber Düsseldorf wäre auch gut"); a clause of place names
        // alone ("Ulm oder Neu-Ulm, das wär's") takes its sentence.
        const onlyPlaces = !/[\p{L}]/u.test(
          places
            .reduce(
              (t, p) => t.replace(new RegExp(p.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'), ' '),
              c.text,
            )
            .replace(/\b(?:oder|und|sowie|bzw)\b/gi, ' '),
        );
        const origin =
          /\b(?:komme aus|stamme aus|bin aus|geboren in|aufgewachsen in|studiert in|wohnt in)\b/.test(l);
        const accepted =
          ACCEPT_PLACE.test(onlyPlaces ? lower(s.text) : l) || (u.topic === 'location' && !origin);
        for (const p of places) {
          if (emp && p.at > emp.at && p.at <= emp.end + 20 && !/\b(?:bleib|auch|gerne?|geht|passt)\b/.test(l))
            continue;
          const near = l.slice(Math.max(0, p.at - 14), p.at + p.name.length + 20);
          if (REJECT_PLACE.test(near) && !/\bnicht nur\b|kein problem/.test(near)) continue;
          if (accepted) add(p.name);
        }
      }
    }
    // "Die Stelle wäre in Würzburg. Wäre ein Umzug denkbar?" – "Ja, …": the place of the question is accepted.
    // "Wären Sie bereit, nach Stuttgart zu pendeln?" – "Pendeln ja, umziehen nein."
    const firstClause = lower(clauses(sentences(u.text)[0]?.text ?? u.text)[0]?.text ?? '');
    const yes =
      (AGREE_START.test(u.text) && !/^\s*(?:gut|okay|ok)\b/i.test(u.text)) ||
      (u.topic === 'location' && polarity(firstClause) === true) ||
      (u.topic === 'relocate' && relocationYes && polarity(sentences(u.text)[0]?.text ?? '') === true);
    if (u.prompt && (u.topic === 'relocate' || u.topic === 'location') && yes) {
      for (const p of placesIn(u.prompt.text)) add(p.name);
    }
  }
  return out;
}

/** Skills the person names, plus those in their confirmed job title ("Senior Java-Entwickler" → Java). */
export function extractSkills(units: Unit[], position: string | null = null): string[] {
  const text = [...counterpartUnits(units).map((u) => u.text), ...(position ? [position] : [])].join('\n');
  const found: { name: string; at: number }[] = [];
  for (const k of SKILLS) {
    const re = k.pattern ?? nameRe(k.name);
    const m = re.exec(text);
    if (!m) continue;
    const near = lower(text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 20));
    if (
      /\b(?:kein(?:e|en)?|nicht|noch nie|leider nicht)\b[^,.]{0,25}$/.test(near.slice(0, 30)) &&
      !/\bnicht nur\b/.test(near)
    )
      continue;
    if (!found.some((f) => f.name.toLowerCase() === k.name.toLowerCase()))
      found.push({ name: k.name, at: m.index });
  }
  // Drop a general skill when a specific one covers it ("SAP" next to "SAP FI", "Spring" next to "Spring Boot").
  const names = found.sort((a, b) => a.at - b.at).map((f) => f.name);
  return names
    .filter((n) => !names.some((o) => o !== n && o.toLowerCase().startsWith(`${n.toLowerCase()} `)))
    .slice(0, 15);
}
