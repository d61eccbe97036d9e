import { parseGermanNumberWord } from './germanNumbers.ts';

/**
 * Calendar arithmetic on the call date, in plain UTC dates: never trusted to a model. Every function
 * returns YYYY-MM-DD or null when the phrase names no day ("Anfang März", "im Frühjahr").
 */
export type Ymd = string;

const WEEKDAYS: Record<string, number> = {
  sonntag: 0,
  montag: 1,
  dienstag: 2,
  mittwoch: 3,
  donnerstag: 4,
  freitag: 5,
  samstag: 6,
};
const MONTHS: Record<string, number> = {
  januar: 1,
  jänner: 1,
  februar: 2,
  märz: 3,
  maerz: 3,
  april: 4,
  mai: 5,
  juni: 6,
  juli: 7,
  august: 8,
  september: 9,
  oktober: 10,
  november: 11,
  dezember: 12,
};
const ORDINALS: Record<string, number> = {
  ersten: 1,
  erste: 1,
  zweiten: 2,
  dritten: 3,
  vierten: 4,
  fünften: 5,
  sechsten: 6,
  siebten: 7,
  achten: 8,
  neunten: 9,
  zehnten: 10,
  elften: 11,
  zwölften: 12,
  dreizehnten: 13,
  vierzehnten: 14,
  fünfzehnten: 15,
  sechzehnten: 16,
  siebzehnten: 17,
  achtzehnten: 18,
  neunzehnten: 19,
  zwanzigsten: 20,
  einundzwanzigsten: 21,
  zweiundzwanzigsten: 22,
  dreiundzwanzigsten: 23,
  vierundzwanzigsten: 24,
  fünfundzwanzigsten: 25,
  sechsundzwanzigsten: 26,
  siebenundzwanzigsten: 27,
  achtundzwanzigsten: 28,
  neunundzwanzigsten: 29,
  dreißigsten: 30,
  einunddreißigsten: 31,
};

const toDate = (ymd: Ymd) => new Date(`${ymd}T00:00:00Z`);
const fmt = (d: Date): Ymd => d.toISOString().slice(0, 10);
export const addDays = (ymd: Ymd, n: number): Ymd => {
  const d = toDate(ymd);
  d.setUTCDate(d.getUTCDate() + n);
  return fmt(d);
};
const valid = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/** The next given day of month on or after the call date ("ab 1. März" → the next 1 March). */
export function nextMonthDay(callDate: Ymd, month: number, day: number): Ymd | null {
  const y = Number(callDate.slice(0, 4));
  for (const year of [y, y + 1]) {
    if (!valid(year, month, day)) continue;
    const c = fmt(new Date(Date.UTC(year, month - 1, day)));
    if (c >= callDate) return c;
  }
  return null;
}

/** The coming weekday after the call date; `weeksLater` 1 for "übernächsten". Same weekday → a week ahead. */
export function nextWeekday(callDate: Ymd, weekday: number, weeksLater = 0): Ymd {
  const today = toDate(callDate).getUTCDay();
  let delta = (weekday - today + 7) % 7;
  if (delta === 0) delta = 7;
  return addDays(callDate, delta + 7 * weeksLater);
}

export function firstOfMonthAhead(callDate: Ymd, monthsAhead: number): Ymd {
  const d = toDate(callDate);
  return fmt(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + monthsAhead, 1)));
}

const numberOf = (w: string): number | null => (/^\d+$/.test(w) ? Number(w) : parseGermanNumberWord(w));

/**
 * Finds the first day-precise date expression in a phrase. Returns the date and the matched text.
 */
export function resolveDatePhrase(phrase: string, callDate: Ymd): { date: Ymd; match: string } | null {
  const s = phrase.toLowerCase();
  const candidates: { index: number; date: Ymd | null; match: string }[] = [];
  const push = (m: RegExpExecArray | null, date: Ymd | null) => {
    if (m) candidates.push({ index: m.index, date, match: m[0] });
  };

  const reDayMonth =
    /(?<![\p{L}\d])(\d{1,2})\.\s*(januar|jänner|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember)(?![\p{L}\d])/gu;
  for (const m of s.matchAll(reDayMonth)) push(m, nextMonthDay(callDate, MONTHS[m[2]!]!, Number(m[1])));
  const reNumeric = /(?<![\p{L}\d])(\d{1,2})\.(\d{1,2})\.(\d{2,4})?(?!\d)/gu;
  for (const m of s.matchAll(reNumeric)) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) continue;
    if (m[3]) {
      const y = Number(m[3].length === 2 ? `20${m[3]}` : m[3]);
      push(m, valid(y, month, day) ? fmt(new Date(Date.UTC(y, month - 1, day))) : null);
    } else push(m, nextMonthDay(callDate, month, day));
  }
  const reOrdinalMonth = new RegExp(
    `(?<![\\p{L}\\d])(${Object.keys(ORDINALS).join('|')})\\s+(januar|jänner|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember)(?![\\p{L}\\d])`,
    'gu',
  );
  for (const m of s.matchAll(reOrdinalMonth))
    push(m, nextMonthDay(callDate, MONTHS[m[2]!]!, ORDINALS[m[1]!]!));
  const reFirstOf =
    /(?<![\p{L}\d])(?:zum|ab dem|ab|am)\s+(ersten|1\.)\s+(?:des\s+)?(übernächsten|nächsten|kommenden)\s+monats?(?![\p{L}\d])/gu;
  for (const m of s.matchAll(reFirstOf))
    push(m, firstOfMonthAhead(callDate, m[2] === 'übernächsten' ? 2 : 1));
  const reNextFirst = /(?<![\p{L}\d])(?:zum|ab dem)\s+nächsten\s+ersten(?![\p{L}\d])/gu;
  for (const m of s.matchAll(reNextFirst)) push(m, firstOfMonthAhead(callDate, 1));
  const reWeekday =
    /(?<![\p{L}\d])(?:(übernächste[nrs]?|nächste[nrs]?|kommende[nrs]?|diese[nrs]?)\s+(?:woche\s+)?)?(montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)(?![\p{L}\d])/gu;
  for (const m of s.matchAll(reWeekday))
    push(m, nextWeekday(callDate, WEEKDAYS[m[2]!]!, m[1]?.startsWith('übernächst') ? 1 : 0));
  const reRelDay = /(?<![\p{L}\d])(übermorgen|morgen)(?![\p{L}\d])/gu;
  for (const m of s.matchAll(reRelDay)) {
    // "morgen früh" is tomorrow; "Guten Morgen" is a greeting.
    if (/gute[nr]?\s+$/.test(s.slice(Math.max(0, m.index - 7), m.index))) continue;
    push(m, addDays(callDate, m[1] === 'übermorgen' ? 2 : 1));
  }
  const reIn = /(?<![\p{L}\d])in\s+([\p{L}\d]+)\s+(tag|tagen|woche|wochen)(?![\p{L}\d])/gu;
  for (const m of s.matchAll(reIn)) {
    const n = numberOf(m[1]!) ?? (m[1] === 'einer' || m[1] === 'einem' ? 1 : null);
    if (n !== null) push(m, addDays(callDate, m[2]!.startsWith('tag') ? n : n * 7));
  }
  const reToday = /(?<![\p{L}\d])(heute|sofort|ab sofort|umgehend)(?![\p{L}\d])/gu;
  for (const m of s.matchAll(reToday)) push(m, callDate);

  const found = candidates.filter((c) => c.date !== null).sort((a, b) => a.index - b.index)[0];
  return found ? { date: found.date!, match: found.match } : null;
}
