import {
  AGREE_START,
  counterpartUnits,
  OFFER_CUE,
  quoteAround,
  sentenceAt,
  type Unit,
} from './conversation.ts';
import { findNumbers, type NumberToken, parseCount } from './germanNumbers.ts';
import { clauses, pieceAt } from './transcript.ts';

/**
 * Pay in a call: today's annual gross and the wanted annual gross. Figures are read where the
 * person speaks about pay (after a pay question or next to pay words); monthly figures are ×12
 * (×13/×14 when said), hourly ones need the weekly hours, net figures are refused, a figure the
 * recruiter offers counts only when the person agrees, and a correction replaces what came before.
 */
export interface SalaryResult {
  current: { value: number; quote: string } | null;
  expectation: { min: number; max: number; quote: string } | null;
}

type Kind = 'now' | 'wish' | 'offer' | 'reject';

interface Mention {
  kind: Kind;
  annual: number;
  /** Absolute offsets in the transcript. */
  start: number;
  end: number;
  /** Where the quote ends (an agreed offer quotes the answer too). */
  quoteEnd?: number;
  /** A recruiter's figure the person agreed to. */
  fromOffer?: boolean;
  unit: Unit;
}

/** Words right after a number that make it something else than money. */
const NOT_MONEY_AFTER =
  /^\s*-?\s*(?:jahre?n?|jährig\w*|wochen?|monaten?|tagen?|tage|stunden|std\b|h\b|prozent|%|uhr|mal|kunden|kolleg\w*|mitarbeiter\w*|leuten?|personen|kandidat\w*|stellen|stück|km|kilometer|minuten|gehälter\w*|monatsgehälter\w*|kinder\w*|standort\w*|filiale\w*|projekt\w*|zimmer\w*|teams?|betten|plätze\w*|fahrzeug\w*|lkw|punkte\w*|seiten|monate|wochenstunden|urlaubstage\w*|tage homeoffice|kilo\w*|sterne\w*|zertifikat\w*|mehr|weniger|zusätzlich|extra|drauf|bonus|prämie\w*|provision\w*|urlaubsgeld|weihnachtsgeld|euro mehr|€ mehr|millionen|mio|milliarden|mrd|quadratmeter|qm|schichten|schüler\w*|bewohner\w*|patient\w*|betten|zentimeter|meter|grad)(?![\p{L}])/iu;
/** Words right before a number that make it a year, a time or a duration. */
const NOT_MONEY_BEFORE =
  /\b(?:seit|um|gegen|anno|jahrgang|baujahr|tvöd|tv-l|stufe|gruppe|s|e|eg)\s*$|stunden\?\s*$/i;

const MONTHLY =
  /(?:\b(?:im|pro|je|den|per|a)\s+monat\b|monatlich|\bmtl\b|monatsgehalt|monatsbrutto|\/\s*monat)/;
const ANNUAL =
  /(?:\b(?:im|pro|je|per|das|aufs)\s+jahr\b|jährlich|jahresgehalt|jahresbrutto|\bp\.?\s?a\b|per anno)/;
const HOURLY = /(?:stunde\b|stündlich|stundenlohn|\/\s*h\b|pro std|die std)/;
const NET = /\bnetto\b/;
const GROSS = /\bbrutto\b/;
const PAST =
  /\b(?:früher|vorher|damals|zuletzt|beim alten|bei meinem alten|letzten (?:job|arbeitgeber|stelle)|vorigen|vorherigen|in der ausbildung|als azubi)\b/;
/** A question about pay of the past ("Was haben Sie dort zuletzt verdient?"). */
const PAST_QUESTION =
  /\b(?:haben sie|hast du|hatten sie|hattest du)\b[^?]*\b(?:verdient|bekommen|gekriegt)\b|\bzuletzt\b/;
const REJECT =
  /\b(?:zu wenig|zu niedrig|reicht (?:mir )?nicht|nicht genug|kommt nicht in frage|zu gering|ist mir zu)\b/;
const WISH_BEFORE =
  /(?:\bab|mindestens|minimum|nicht unter|mehr als|nicht weniger als|wenigstens|gerne|lieber|eher)\s*$/;
const WISH_CUE =
  /\b(?:vorstellung|wunsch|wünsch\w*|hätte gerne?|hätt ich gern|möchte|will|wollen|würde|wär(?:e|en|s)?|sollten?|müssten?|mindestens|minimum|untergrenze|schmerzgrenze|aufwärts|mehr als|passt (?:für mich|mir)|einverstanden|wechsel\w*|ziel\w*|anpeil\w*|erwart\w*|brauche|bräuchte|realistisch|angemessen|fair|drunter|darunter|verhandel\w*)\b/g;
const NOW_CUE =
  /\b(?:verdien\w*|aktuell|derzeit|momentan|im moment|zurzeit|zur zeit|liege|liegt|bekomm\w*|krieg\w*|komme auf|stehe|ich hab(?:e)?|sind es|sind das|bin bei|tarif\w*|seit januar|jetzt|gerade)\b/g;
const CORRECTION =
  /\b(?:nein|nee|ne|moment|quatsch|sorry|pardon|korrigiere|korrektur|genauer gesagt|eigentlich|sagen wir|warte|warten sie|stimmt nicht|falsch|ich meine|besser gesagt)\b/;
const RANGE_JOIN =
  /^\s*(?:bis|-|–|—|oder|und|,|\/)\s*(?:(?:zu|so|maximal|max\.?|höchstens|vielleicht)\s+)?$/i;
/** "3.600, besser 3.800": a lower and a preferred figure. */
const PREFERRED =
  /^\s*,?\s*(?:besser|lieber|idealerweise|optimalerweise|gerne auch|gern auch|am liebsten)\s*(?:noch\s*)?$/i;
const MIN_MAX =
  /(?:minimum|mindestens|untergrenze|schmerzgrenze)[^.?!]*\b(?:eher|lieber|besser|gerne?|ideal\w*|optimal\w*|am liebsten|wünschenswert)\b/;

/** The clauses of the sentence around a position (a clause never runs over a full stop). */
function clausesAt(text: string, pos: number) {
  const s = sentenceAt(text, pos);
  return clauses(s.text, s.start);
}

/** How many monthly salaries a year: 13 or 14 when the call says so, else 12. */
function salariesIn(text: string): number | null {
  const l = text.toLowerCase();
  const found = new Set<number>();
  // "… im Monat, auch mal dreizehn": times thirteen, said after the figure.
  for (const m of l.matchAll(
    /\b(dreizehn|vierzehn|13|14)(?:\.|te[snm]?)?\s*(?:monats)?(?:gehälter|gehältern|gehalt|monatsgehälter|löhne|monatslöhne)\b|\b(dreizehn|vierzehn|13|14)\s*-?\s*mal\b|\bmal\s+(dreizehn|vierzehn|13|14)\b(?!\s*(?:tage|wochen|monate|jahre|stunden))/g,
  ))
    found.add([m[1], m[2], m[3]].some((x) => x === 'dreizehn' || x === '13') ? 13 : 14);
  return found.size === 1 ? [...found][0]! : null;
}

/** Weekly hours said in the call ("40 Stunden die Woche", "39-Stunden-Woche"); null if none or several. */
export function weeklyHoursIn(text: string): number | null {
  const l = text.toLowerCase();
  const found = new Set<number>();
  const res = [
    /(?<![\p{L}\d])(\d{1,2}(?:,\d)?|[\p{L}]+)\s*(?:-\s*)?(?:stunden|std\.?|h)\s*(?:-\s*)?(?:die|pro|in der|je|a|\/|in einer)?\s*(?:-\s*)?woche(?![\p{L}])/gu,
    /(?<![\p{L}\d])(\d{1,2}(?:,\d)?|[\p{L}]+)\s*wochenstunden/gu,
    // "Bei wie vielen Stunden? Achtunddreißig." in a stream
    /wie viele?n? stunden[^.?!]{0,25}\?\s*(?:so\s+|etwa\s+|ca\.?\s+)?(\d{1,2}(?:,\d)?|[\p{L}]+)/gu,
    // "… die Stunde, bei neununddreißig Stunden": hours a week when no day is named.
    /\bbei\s+(\d{1,2}(?:,\d)?|[\p{L}]+)\s*(?:stunden|std\.?)(?!\s*(?:am|pro|im|den|am)\s+tag)(?![\p{L}])/gu,
  ];
  for (const re of res) {
    for (const m of l.matchAll(re)) {
      const n = parseCount(m[1]!);
      if (n !== null && n >= 5 && n <= 60) found.add(n);
    }
  }
  return found.size === 1 ? [...found][0]! : null;
}

interface Ctx {
  text: string;
  hours: number | null;
  salaries: number | null;
}

/** A money token of a unit as annual gross EUR, or null when it is no salary figure. */
/** An unpunctuated stream of words: sentences do not exist there, only nearby words. */
const isStream = (text: string) => !/[^\d\s][.!?](?:\s|$)/.test(text);

function annualOf(t: NumberToken, unitText: string, ctx: Ctx, kind: Kind): number | null {
  const sentence = isStream(unitText)
    ? unitText.slice(Math.max(0, t.start - 30), t.end + 30).toLowerCase()
    : sentenceAt(unitText, t.start).text.toLowerCase();
  const clause = isStream(unitText)
    ? sentence
    : (pieceAt(clausesAt(unitText, t.start), t.start)?.text ?? sentence).toLowerCase();
  const v = t.value;
  // "Zwanzig Euro wären gut": a small figure in euros is no annual salary in thousands.
  const smallEuro =
    !t.thousands && v < 200 && /^\s*(?:euro|eur|€)(?![\p{L}])/iu.test(unitText.slice(t.end, t.end + 8));
  if (HOURLY.test(clause) || (HOURLY.test(sentence) && t.decimal) || smallEuro) {
    if (v >= 150 || ctx.hours === null) return null;
    return Math.round(v * ctx.hours * 52);
  }
  const monthly = MONTHLY.test(sentence);
  const annual = ANNUAL.test(sentence);
  if (!t.thousands && v >= 15 && v < 500 && !t.decimal) return monthly ? null : v * 1000;
  if (v >= 800 && v <= 20000) {
    if (annual && !monthly) return null;
    // In a stream the number of salaries may follow a little later ("viertausend im monat also auch
    // wieder mal dreizehn").
    const own = isStream(unitText)
      ? salariesIn(unitText.slice(Math.max(0, t.start - 30), t.end + 50).toLowerCase())
      : salariesIn(sentence);
    const perYear = kind === 'now' ? (own ?? ctx.salaries ?? 12) : (own ?? 12);
    return Math.round(v * perYear);
  }
  if (v > 20000 && v <= 500000) return monthly && !annual ? null : Math.round(v);
  return null;
}

function isMoneyToken(t: NumberToken, text: string): boolean {
  const after = text.slice(t.end, t.end + 24);
  const before = text.slice(Math.max(0, t.start - 14), t.start);
  if (NOT_MONEY_AFTER.test(after)) return false;
  // "1. März", "20 mai": a day, not money.
  if (
    /^\.?\s*(?:januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember)(?![\p{L}])/iu.test(
      after,
    )
  )
    return false;
  if (/^\.\d/.test(after)) return false; // 1.2.
  if (NOT_MONEY_BEFORE.test(before)) return false;
  if (!t.words && !t.thousands && /^\d{4}$/.test(t.text) && t.value >= 1950 && t.value <= 2040) return false;
  return t.value > 0;
}

/** The cue nearest to the figure: before it in the sentence, or right after it in its clause. */
function nearestCue(before: string, after: string): 'now' | 'wish' | null {
  let best: { d: number; kind: 'now' | 'wish' } | null = null;
  for (const [re, kind] of [
    [WISH_CUE, 'wish'],
    [NOW_CUE, 'now'],
  ] as const) {
    for (const m of before.matchAll(re)) {
      const d = before.length - (m.index + m[0].length);
      if (!best || d < best.d) best = { d, kind };
    }
    for (const m of after.matchAll(re)) {
      const d = m.index;
      if (!best || d < best.d || (d === best.d && kind === 'wish')) best = { d, kind };
    }
  }
  return best?.kind ?? null;
}

function classify(t: NumberToken, u: Unit, topic: Unit['topic']): Kind | null {
  const stream = u.role === 'unknown' && isStream(u.text);
  const s = sentenceAt(u.text, t.start);
  const sentence = s.text.toLowerCase();
  const pos = t.start - s.start;
  const clause = (pieceAt(clausesAt(u.text, t.start), t.start)?.text ?? sentence).toLowerCase();
  const clauseStart = pieceAt(clausesAt(u.text, t.start), t.start)?.start ?? s.start;
  const before = sentence.slice(Math.max(0, pos - (stream ? 40 : 60)), pos);
  // After the figure: the rest of its clause, up to the next figure, at most 20 characters.
  let after = u.text
    .slice(t.end, Math.min(u.text.length, clauseStart + clause.length, t.end + (stream ? 10 : 20)))
    .toLowerCase();
  // Whole words only: a cut "wär" of "wäre im Jahr" must not count.
  after = after.replace(/[\p{L}]+$/u, (w) => (/[\p{L}]/u.test(u.text[t.end + after.length] ?? '') ? '' : w));
  const nextNumber = /\d|(?:zig|zehn|tausend|hundert)\b/.exec(after);
  if (nextNumber) after = after.slice(0, nextNumber.index);
  const local = stream ? `${before} ${u.text.slice(t.end, t.end + 30).toLowerCase()}` : clause;
  if (PAST.test(local)) return null;
  if (
    u.prompt &&
    PAST_QUESTION.test(u.prompt.text.toLowerCase()) &&
    !/\b(?:jetzt|aktuell|heute)\b/.test(local)
  )
    return null;
  if (
    u.role === 'unknown' &&
    // "Vorstellung für eine neue Stelle": the person's next job, no one's offer.
    OFFER_CUE.test(
      before
        .slice(-45)
        .replace(
          /\b(?:eine[nmr]?|die|den|der|ihre[nmr]?|deine[nmr]?)\s+neue[nmr]?\s+(?:stelle|position|firma|arbeitgeber|unternehmen)\b/g,
          ' ',
        ),
    ) &&
    // "Der Kunde, an den ich denke, zahlt um die sechzig": the recruiter's "ich" of a relative clause.
    !/\b(?:ich|mir)\b|\bmein\w*\s+(?:arbeitgeber|chef\w*|firma|unternehmen|gehalt|lohn)\b/.test(
      before
        .replace(
          /\b(?:an )?(?:den|die|das) ich (?:denke|gedacht habe|im kopf habe|im auge habe|meine)\b/g,
          ' ',
        )
        .slice(-30),
    ) &&
    // "was müsste ein neuer Arbeitgeber bieten – mindestens 95": a question, not an offer
    !/\b(?:was|wie|wieviel|welche[snmr]?|wann|müsste|müssten|sollte)\b/.test(
      sentence.slice(Math.max(0, pos - 70), pos),
    )
  )
    return 'offer';
  // "Sechzig ist mir zu wenig": the verdict follows the figure it rejects.
  const rest = u.text.slice(t.end, t.end + 30).toLowerCase();
  const restToNext = rest.slice(0, /\d|(?:zig|zehn|tausend|hundert)\b/.exec(rest)?.index ?? rest.length);
  if (REJECT.test(restToNext) || (!stream && REJECT.test(before.slice(-25)) && !/\d/.test(before.slice(-25))))
    return 'reject';
  if (WISH_BEFORE.test(before)) return 'wish';
  // "Unter 58.000 mach ich's nicht"
  if (/\bunter\s*$/.test(before) && /\bnicht\b/.test(sentence.slice(pos, pos + 50))) return 'wish';
  // In a stream the words after a figure may already be the next question or remark ("… 62 ich hab
  // ja auch …"): only wish words right after it count there ("75 bis 80 wäre gut").
  // A stream also holds the recruiter's question ("und was möchten sie verdienen sechzig"): only the
  // person's own words count, not those around "Sie".
  const own = (x: string) => x.replace(/(?:\S+\s+)?\b(?:sie|du|ihnen|dir|ihre?[nmrs]?)\b(?:\s+\S+)?/g, ' ');
  // "Brutto wären das so 4.200": a conversion of today's pay, not a wish.
  const conversion = (x: string) =>
    x.replace(
      /\b(?:brutto|netto)\s+(?:wären|wäre|sind|macht)\s+das\b|\bdas wären\s+(?:brutto|netto)\b/g,
      ' ',
    );
  const cue = nearestCue(
    conversion(stream ? own(before.slice(-30)) : before),
    conversion(stream ? after.replace(NOW_CUE, ' ') : after),
  );
  if (cue) return cue;
  if (topic === 'salaryWish' || topic === 'offer') return 'wish';
  if (topic === 'salaryNow') return 'now';
  return null;
}

/**
 * Net pay: the "netto"/"brutto" that belongs to the figure ("4.000 brutto, also 2.600 netto",
 * "netto sind das 2.800, brutto 4.100"): the word right after it, else the nearest before it in its
 * clause; a figure without its own word is net when its sentence says only "netto".
 */
function isNet(text: string, t: NumberToken): boolean {
  const after = text.slice(t.end, t.end + 40).toLowerCase();
  const untilNext = after.slice(
    0,
    /\d|(?:zig|zehn|tausend|hundert)\b|[,.;!?]/.exec(after)?.index ?? after.length,
  );
  let own = /\b(netto|brutto)\b/.exec(untilNext.slice(0, 25));
  // "netto 3.400 im Monat, brutto weiß ich nicht": a label the person does not know is no label.
  if (
    own &&
    /^\s*(?:weiß|weiss|weeß|wees|keine ahnung|kann ich nicht sagen)(?![\p{L}])/iu.test(
      after.slice(own.index + own[0].length),
    )
  )
    own = null;
  // "4.800 im Monat netto bleiben so 3.000": a label followed by a verb and a figure is that figure's.
  const forward = own
    ? /^\s*(?:bleiben|bleibt|sind(?: es| das)?|wären(?: das)?|habe ich|hab ich|macht das|gibt es|kommen)\b/.test(
        after.slice(own.index + own[0].length),
      )
    : false;
  if (own && !forward) return own[1] === 'netto';
  const clauseStart = pieceAt(clausesAt(text, t.start), t.start)?.start ?? t.start;
  const before = text.slice(Math.max(clauseStart, t.start - 40), t.start).toLowerCase();
  const labels = [...before.matchAll(/\b(netto|brutto)\b/g)];
  const last = labels.at(-1);
  if (last && !/\d|(?:zig|zehn|tausend|hundert)\b/.test(before.slice(last.index + last[0].length)))
    return last[1] === 'netto';
  const sentence = sentenceAt(text, t.start).text.toLowerCase();
  return NET.test(sentence) && !GROSS.test(sentence);
}

/** Net pay said right after a figure ("Brutto oder netto?" – "Netto.") makes the figure unusable. */
function netAfter(units: Unit[], u: Unit): boolean {
  for (const next of units.slice(u.index + 1, u.index + 3)) {
    if (next.role === 'recruiter') continue;
    const l = next.text.toLowerCase();
    return NET.test(l) && !GROSS.test(l) && l.length < 80;
  }
  return false;
}

/** "Wie viele Stunden arbeiten Sie die Woche?" – "Vierzig." */
function hoursAnswered(units: Unit[]): number | null {
  for (const u of units) {
    if (
      u.role !== 'recruiter' ||
      !/stunden/i.test(u.text) ||
      !/woche|wöchentlich|arbeiten sie|vollzeit|wie viele[n]? stunden|wie viel stunden/i.test(u.text)
    )
      continue;
    const next = units[u.index + 1];
    const n = next && next.role !== 'recruiter' ? findNumbers(next.text.slice(0, 40))[0] : undefined;
    if (n && n.value >= 5 && n.value <= 60) return n.value;
  }
  return null;
}

export function extractSalary(units: Unit[], text: string): SalaryResult {
  const speech = counterpartUnits(units)
    .map((u) => u.text)
    .join('\n');
  // 13/14 salaries said about today's pay, not about the wish ("5.500 bei vierzehn Gehältern").
  const aboutNow = counterpartUnits(units)
    .filter((u) => u.topic !== 'salaryWish' && u.topic !== 'offer')
    .map((u) => u.text)
    .join('\n');
  const ctx: Ctx = {
    text,
    hours: weeklyHoursIn(speech) ?? hoursAnswered(units),
    salaries: salariesIn(aboutNow),
  };
  const mentions: Mention[] = [];
  const offers: Mention[] = [];

  // Recruiter turns that put a figure on the table: their answers talk about the wish.
  const offerUnits = new Set<Unit>();
  for (const u of units) {
    if (u.role !== 'recruiter') continue;
    const l = u.text.toLowerCase();
    if (
      OFFER_CUE.test(l) &&
      findNumbers(u.text).some((t) => isMoneyToken(t, u.text) && annualOf(t, u.text, ctx, 'offer') !== null)
    )
      offerUnits.add(u);
  }

  for (const u of units) {
    const tokens = findNumbers(u.text).filter((t) => isMoneyToken(t, u.text));
    if (u.role === 'recruiter') {
      for (const t of tokens) {
        if (isNet(u.text, t)) continue;
        const annual = annualOf(t, u.text, ctx, 'offer');
        if (annual !== null)
          offers.push({ kind: 'offer', annual, start: u.start + t.start, end: u.start + t.end, unit: u });
      }
      continue;
    }
    // "achtzehn fünfzig die Stunde", "18 Euro 50 die Stunde": one hourly figure.
    const merged: NumberToken[] = [];
    for (const t of tokens) {
      const prev = merged.at(-1);
      if (
        prev &&
        prev.value < 100 &&
        t.value < 100 &&
        Number.isInteger(prev.value) &&
        /^\s*(?:euro\s*)?$/i.test(u.text.slice(prev.end, t.start)) &&
        HOURLY.test(u.text.slice(t.end, t.end + 25).toLowerCase())
      ) {
        merged[merged.length - 1] = { ...prev, value: prev.value + t.value / 100, end: t.end, decimal: true };
        continue;
      }
      merged.push(t);
    }
    const sentenceNet = (t: NumberToken) => isNet(u.text, t);
    const netLater = netAfter(units, u);
    for (const t of merged) {
      if (sentenceNet(t) || netLater) continue;
      // A prompt about pay without a topic word of its own ("… seit der Gehaltsrunde sind's 72?").
      const topic =
        u.topic ?? (u.prompt && /gehalt|verdien|\blohn|brutto/i.test(u.prompt.text) ? 'salaryNow' : null);
      // In a stream, "… zahlt 3.100 brutto im Monat. 3.100 brutto. Ja, das ist gut.": the same figure
      // right after an offer is the offer said back, not today's pay.
      const said = text.slice(u.start + t.start, u.start + t.end);
      const echo = offers.find(
        (o) =>
          u.role === 'unknown' &&
          o.unit === u &&
          text.slice(o.start, o.end) === said &&
          u.start + t.start > o.end &&
          u.start + t.start - o.end < 40,
      );
      const kind = echo ? 'offer' : classify(t, u, u.prompt && offerUnits.has(u.prompt) ? 'offer' : topic);
      if (kind === null) continue;
      const annual = annualOf(t, u.text, ctx, kind);
      if (annual === null || annual < 8000 || annual > 500000) continue;
      const m: Mention = { kind, annual, start: u.start + t.start, end: u.start + t.end, unit: u };
      if (kind === 'offer') offers.push(m);
      else mentions.push(m);
    }
  }

  // A recruiter's figure the person agrees to without naming their own ("Ja, das passt.").
  for (const o of offers) {
    const u = o.unit;
    let reply: string | null = null;
    let replyStart = 0;
    if (u.role === 'recruiter') {
      const next = units[u.index + 1];
      // Only the figure of the question the person answers: it must sit in the last two sentences.
      const tail = u.text.slice(Math.max(0, u.text.length - 160));
      if (!next || next.role === 'recruiter' || !tail.includes(text.slice(o.start, o.end))) continue;
      if (mentions.some((m) => m.unit === next)) continue;
      reply = next.text;
      replyStart = next.start;
    } else {
      const after = text.slice(o.end, o.end + 70);
      const q =
        /\b(?:passt das|wäre das|ist das|einverstanden|okay für sie|interessant|wie klingt das|klingt das gut|was sagen sie(?: dazu)?|wäre das was)\b[^.]*?(?:\?|\s)/i.exec(
          after,
        );
      // With punctuation the answer is the next sentence ("… 60 bis 65 dotiert. Das klingt gut.").
      const sentenceEnd = /[.!?](?=\s)/.exec(after);
      const from = q ? o.end + q.index + q[0].length : sentenceEnd ? o.end + sentenceEnd.index + 1 : o.end;
      reply = text.slice(from, from + 50).replace(/^\s+/, '');
      replyStart = from;
      if (mentions.some((m) => m.start > o.end && m.start < from + 50)) continue;
    }
    // The person's own wish outranks a figure the recruiter states later ("Der Kunde zahlt bis 55." –
    // "Umso besser."), unless the recruiter asks for confirmation ("Also 65 bis 70?" – "Ja, genau.").
    const asked = /\?/.test(text.slice(o.end, Math.max(o.end, replyStart)));
    if (!asked && mentions.some((m) => m.kind === 'wish' && !m.fromOffer && m.start < o.start)) continue;
    const firstSentence = reply.split(/[.!?]/)[0] ?? reply;
    if (
      !AGREE_START.test(reply) ||
      REJECT.test(firstSentence.toLowerCase()) ||
      /\b(?:nein|nee|aber|eher nicht)\b|überleg|mal sehen|mal schauen|weiß (?:ich )?nicht|muss ich/i.test(
        firstSentence,
      )
    )
      continue;
    const end = replyStart + Math.min(firstSentence.length, 60);
    mentions.push({ ...o, kind: 'wish', fromOffer: true, quoteEnd: Math.max(o.end, end) });
  }
  mentions.sort((a, b) => a.start - b.start);

  // Today's pay: the last figure (self-corrections win); a range of today's pay names no figure; a
  // total "mit Bonus" after the base figure is not the base ("dreiundfünfzig, sechsundfünfzig mit Bonus").
  const withBonus = (m: Mention) =>
    /^\s*(?:euro\s+|€\s*)?(?:mit|inklusive|inkl\.?|samt|plus)\s+(?:dem\s+)?(?:bonus|provision|prämie|zulagen|variablem?)/i.test(
      text.slice(m.end, m.end + 30),
    );
  // In a stream the recruiter may say the wish back ("unter vierundsechzig wechsle ich nicht" – "okay,
  // vierundsechzig, das nehme ich so mit"): the same figure shortly after a wish is no pay of today.
  for (const m of mentions) {
    if (m.kind !== 'now' || m.unit.role !== 'unknown') continue;
    const said = text.slice(m.start, m.end).toLowerCase();
    if (
      mentions.some(
        (w) =>
          w.kind === 'wish' &&
          w.start < m.start &&
          m.start - w.end < 120 &&
          text.slice(w.start, w.end).toLowerCase() === said,
      )
    )
      m.kind = 'reject';
  }
  const allNow = mentions.filter((m) => m.kind === 'now');
  const now = allNow.filter(
    (m) => !withBonus(m) || !allNow.some((o) => o !== m && o.unit === m.unit && !withBonus(o)),
  );
  const lastNow = now.at(-1);
  let current: SalaryResult['current'] = null;
  if (lastNow) {
    const prev = now.at(-2);
    const between = prev ? text.slice(prev.end, lastNow.start) : '';
    const isRange = prev && prev.unit === lastNow.unit && RANGE_JOIN.test(between) && !/,/.test(between);
    if (!isRange)
      current = {
        value: lastNow.annual,
        quote: quoteAround(text, lastNow.start, lastNow.quoteEnd ?? lastNow.end),
      };
  }

  // The wish: the last figure or range.
  const wishes = mentions.filter((m) => m.kind === 'wish');
  let expectation: SalaryResult['expectation'] = null;
  const last = wishes.at(-1);
  if (last) {
    let min = last.annual;
    let max = last.annual;
    let start = last.start;
    const prev = wishes.at(-2);
    if (prev && prev.unit === last.unit) {
      const between = text.slice(prev.end, last.start).toLowerCase();
      const sameSentence = !/[.!?\n]/.test(between);
      const before = text.slice(Math.max(prev.unit.start, prev.start - 12), prev.start).toLowerCase();
      const joined =
        (RANGE_JOIN.test(between) && (!/^\s*und\s*$/.test(between) || /zwischen\s*$/.test(before))) ||
        (MIN_MAX.test(between) && last.annual > prev.annual) ||
        (PREFERRED.test(between) && last.annual > prev.annual) ||
        // A stream without commas: "so 65 66 wäre schön", "vierzig zweiundvierzig"
        (isStream(last.unit.text) &&
          /^\s*(?:vielleicht\s+|eventuell\s+)?$/.test(between) &&
          last.annual > prev.annual &&
          last.annual / prev.annual <= 1.3);
      if (sameSentence && joined && !CORRECTION.test(between)) {
        min = Math.min(prev.annual, last.annual);
        max = Math.max(prev.annual, last.annual);
        start = prev.start;
      }
    }
    if (max / min <= 1.6)
      expectation = { min, max, quote: quoteAround(text, start, last.quoteEnd ?? last.end) };
  }
  return { current, expectation };
}
