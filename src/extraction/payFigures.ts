import { sentenceAt, type Unit } from './conversation.ts';
import { findNumbers, type NumberToken, parseCount } from './germanNumbers.ts';
import { clauses, pieceAt } from './transcript.ts';

/**
 * Pay figures: which numbers are money, and what a figure is as annual gross EUR — monthly ×12
 * (×13/×14 when said), hourly × the weekly hours said × 52, net refused. Whose figure it is and what
 * it means (today's pay, a wish, an offer) is `payKind.ts`'s part.
 */
export type Kind = 'now' | 'wish' | 'offer' | 'reject';

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
export const HOURLY = /(?:stunde\b|stündlich|stundenlohn|\/\s*h\b|pro std|die std)/;
const NET = /\bnetto\b/;
const GROSS = /\bbrutto\b/;

/** The clauses of the sentence around a position (a clause never runs over a full stop). */
export function clausesAt(text: string, pos: number) {
  const s = sentenceAt(text, pos);
  return clauses(s.text, s.start);
}

/** How many monthly salaries a year: 13 or 14 when the call says so, else 12. */
export function salariesIn(text: string): number | null {
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

export interface Ctx {
  text: string;
  hours: number | null;
  salaries: number | null;
}

/** An unpunctuated stream of words: sentences do not exist there, only nearby words. */
export const isStream = (text: string) => !/[^\d\s][.!?](?:\s|$)/.test(text);

/** A money token of a unit as annual gross EUR, or null when it is no salary figure. */
export function annualOf(t: NumberToken, unitText: string, ctx: Ctx, kind: Kind): number | null {
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
  // "vierzehn Mal im Jahr" counts salaries; it makes no figure a yearly one.
  const annual = ANNUAL.test(
    sentence.replace(
      /\b(?:zwölf|dreizehn|vierzehn|12|13|14)\s*-?\s*(?:mal|gehälter|monatsgehälter)\s+(?:im|pro|per|das)\s+jahr\b/g,
      ' ',
    ),
  );
  if (!t.thousands && v >= 15 && v < 500 && !t.decimal) return monthly ? null : v * 1000;
  // "4,2 im Monat": thousands with a decimal, said monthly.
  if (!t.thousands && t.decimal && v >= 1 && v < 15 && monthly && !/euro|€/.test(clause)) {
    const perYear =
      kind === 'now' ? (salariesIn(sentence) ?? ctx.salaries ?? 12) : (salariesIn(sentence) ?? 12);
    return Math.round(v * 1000 * perYear);
  }
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

export function isMoneyToken(t: NumberToken, text: string): boolean {
  const after = text.slice(t.end, t.end + 24);
  const before = text.slice(Math.max(0, t.start - 14), t.start);
  if (NOT_MONEY_AFTER.test(after)) return false;
  // Pay in another currency is no EUR figure ("5.400 Franken im Monat", "über hundert, aber in Franken").
  if (
    /^\s*(?:euro\s+)?(?:schweizer\s+)?(?:franken|fränkli|chf|dollar|usd|pfund|kronen|złoty|zloty)(?![\p{L}])(?![\s,]+(?:äh|ähm|nein|also|sorry)?[\s,]*euro)|^[^.?!]{0,25}\bin (?:schweizer )?(?:franken|chf|dollar)\b/iu.test(
      after,
    )
  )
    return false;
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

/**
 * Net pay: the "netto"/"brutto" that belongs to the figure ("4.000 brutto, also 2.600 netto",
 * "netto sind das 2.800, brutto 4.100"): the word right after it, else the nearest before it in its
 * clause; a figure without its own word is net when its sentence says only "netto".
 */
export function isNet(text: string, t: NumberToken): boolean {
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
export function netAfter(units: Unit[], u: Unit): boolean {
  for (const next of units.slice(u.index + 1, u.index + 3)) {
    if (next.role === 'recruiter') continue;
    const l = next.text.toLowerCase();
    return NET.test(l) && !GROSS.test(l) && l.length < 80;
  }
  return false;
}

/** "Wie viele Stunden arbeiten Sie die Woche?" – "Vierzig." */
export function hoursAnswered(units: Unit[]): number | null {
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
