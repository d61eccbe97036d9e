import {
  addDays,
  firstOfMonthAhead,
  lastOfMonth,
  MONTHS,
  nextDayOfMonth,
  nextMonthDay,
  nextWeekday,
  parseOrdinalWord,
  validDay,
  WEEKDAYS,
  weekdayInWeek,
  type Ymd,
  ymd,
} from './calendar.ts';
import { parseCount } from './germanNumbers.ts';

/**
 * Day-precise dates in a text, resolved against the call date (`calendar.ts`): every resolver
 * returns YYYY-MM-DD, or nothing when the phrase names no day ("Anfang März", "im Frühjahr",
 * "nächste Woche").
 */

const MONTH_NAMES = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const WEEKDAY_NAMES = Object.keys(WEEKDAYS).join('|');
const ORDINAL_WORD = '[a-zäöüß]+(?:ten|ter|tes|te|sten|ster|stes|ste)';
/** Word boundaries that understand umlauts. */
const B = '(?<![\\p{L}\\d])';
const E = '(?![\\p{L}\\d])';

/** "am ersten Tag", "zum ersten Mal", "des nächsten Monats": ordinals that are no day of a month. */
const NOT_A_DAY_AFTER =
  /^\s*(?:des|nächsten|kommenden|übernächsten|monats|quartals|jahres|tag|tage|arbeitstag|mal|schritt|gespräch|termin|woche|monat|jahr|quartal|halbjahr|platz|stelle|kandidaten|eindruck|blick|kunden|teil)(?![\p{L}\d])/u;

export type DateKind =
  | 'explicit' // day and month (and maybe year) named
  | 'dayOfMonth' // "zum Ersten", "am 15."
  | 'monthStart' // "zum Ersten des übernächsten Monats"
  | 'monthEnd' // "Ende des Monats"
  | 'weekday' // "nächsten Dienstag"
  | 'relativeDay' // "morgen", "übermorgen"
  | 'relativeWeeks' // "in zwei Wochen", "in zehn Tagen"
  | 'now'; // "sofort", "heute"

export interface DateMention {
  date: Ymd;
  kind: DateKind;
  /** Offsets in the text searched. */
  start: number;
  end: number;
  text: string;
}

const PRIORITY: Record<DateKind, number> = {
  explicit: 0,
  monthStart: 1,
  dayOfMonth: 2,
  relativeWeeks: 3,
  weekday: 4,
  relativeDay: 5,
  monthEnd: 6,
  now: 7,
};

/**
 * Every day-precise date expression in a text, resolved against the call date, in text order.
 * A weekday followed by its date ("Donnerstag, den 4. Juni") is one mention with the named date.
 */
export function findDates(text: string, callDate: Ymd): DateMention[] {
  const s = text.toLowerCase();
  const found: DateMention[] = [];
  const push = (m: RegExpExecArray | RegExpMatchArray, date: Ymd | null, kind: DateKind, offset = 0) => {
    if (date === null || m.index === undefined) return;
    const start = m.index + offset;
    found.push({
      date,
      kind,
      start,
      end: m.index + m[0].length,
      text: text.slice(start, m.index + m[0].length),
    });
  };
  const re = (src: string) => new RegExp(src, 'gu');

  // A day of a named month: in the year said, or the next such day from the call on.
  const dayInMonth = (year: string | undefined, month: number, day: number) =>
    year ? (validDay(+year, month, day) ? ymd(+year, month, day) : null) : nextMonthDay(callDate, month, day);

  // 1. März, 1 März, ersten März, 1.3., 01.03.2027, 1.3.27
  for (const m of s.matchAll(re(`${B}(\\d{1,2})\\.?\\s*(${MONTH_NAMES})\\.?${E}(?:\\s+(20\\d\\d))?`))) {
    push(m, dayInMonth(m[3], MONTHS[m[2]!]!, Number(m[1])), 'explicit');
  }
  for (const m of s.matchAll(re(`${B}(${ORDINAL_WORD})\\s+(${MONTH_NAMES})${E}(?:\\s+(20\\d\\d))?`))) {
    const day = parseOrdinalWord(m[1]!);
    if (day === null) continue;
    push(m, dayInMonth(m[3], MONTHS[m[2]!]!, day), 'explicit');
  }
  for (const m of s.matchAll(/(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2}(?!\d))?/g)) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) continue;
    if (m[3]) {
      const y = Number(m[3].length === 2 ? `20${m[3]}` : m[3]);
      push(m, validDay(y, month, day) ? ymd(y, month, day) : null, 'explicit');
    } else push(m, nextMonthDay(callDate, month, day), 'explicit');
  }
  // zum Ersten des übernächsten Monats, zum 1. nächsten Monats, zum nächsten Ersten, zum Monatsersten
  for (const m of s.matchAll(
    re(
      `${B}(?:zum|ab dem|ab|am|bis zum)\\s+(?:ersten|1\\.)\\s+(?:des\\s+)?(übernächsten|nächsten|kommenden|folgenden)\\s+monats?${E}`,
    ),
  ))
    push(m, firstOfMonthAhead(callDate, m[1] === 'übernächsten' ? 2 : 1), 'monthStart');
  for (const m of s.matchAll(re(`${B}(?:zum|ab dem|am)\\s+(?:nächsten|kommenden)\\s+ersten${E}`)))
    push(m, firstOfMonthAhead(callDate, 1), 'monthStart');
  for (const m of s.matchAll(re(`${B}(?:zum|ab dem|ab|am)\\s+monatsersten${E}`)))
    push(m, nextDayOfMonth(callDate, 1), 'dayOfMonth');
  // zum Ersten, am Zwölften, zum 15., "der Zwölfte ist gut" (a day without a month)
  for (const m of s.matchAll(
    re(
      `${B}(zum|ab dem|am|bis zum|den|der)\\s+(${ORDINAL_WORD}|\\d{1,2}\\.)(?!\\s*(?:\\d|(?:${MONTH_NAMES})${E}))`,
    ),
  )) {
    const after = s.slice(m.index! + m[0].length);
    if (NOT_A_DAY_AFTER.test(after)) continue;
    if (
      (m[1] === 'den' || m[1] === 'der') &&
      !/^\s*(?:ist|passt|geht|wäre|würde|klappt|[,.!?]|$)/.test(after)
    )
      continue;
    const day = m[2]!.endsWith('.') ? Number(m[2]!.slice(0, -1)) : parseOrdinalWord(m[2]!);
    if (day !== null) push(m, nextDayOfMonth(callDate, day), 'dayOfMonth', m[0].length - m[2]!.length);
  }
  // Without punctuation "am 14." loses its dot ("ich melde mich am 14 bei ihnen"): a bare day number
  // after "am/zum/bis zum" when no unit, time or month follows and the text has no full stops at all.
  if (!/[.?!]/.test(s)) {
    for (const m of s.matchAll(
      re(
        `${B}(zum|am|bis zum|(?:${WEEKDAY_NAMES})\\s+(?:den|der))\\s+(\\d{1,2})(?![\\p{L}\\d,.])(?!\\s*(?:uhr|prozent|%|euro|€|stunden?|std|tage?n?|wochen?|monate?n?|jahre?n?|leute|mitarbeiter\\w*|mal|minuten|\\d|(?:${MONTH_NAMES})${E}))`,
      ),
    )) {
      const day = Number(m[2]);
      if (day < 1 || day > 31) continue;
      push(m, nextDayOfMonth(callDate, day), 'dayOfMonth', m[0].length - m[2]!.length);
    }
  }
  // Ende des Monats, zum Monatsende
  for (const m of s.matchAll(
    re(`${B}(?:ende (?:des|dieses|diesen) monats|zum monatsende|am monatsende)${E}`),
  ))
    push(m, lastOfMonth(callDate), 'monthEnd');
  // nächste Woche Mittwoch, Mittwoch nächster Woche, übernächsten Montag, Dienstag
  for (const m of s.matchAll(
    re(
      `${B}(übernächste|nächste|kommende)\\s+woche,?\\s+(?:(?:am|sagen wir|also|dann|vielleicht|gleich|so)\\s+){0,2}(${WEEKDAY_NAMES})${E}`,
    ),
  ))
    push(m, weekdayInWeek(callDate, WEEKDAYS[m[2]!]!, m[1] === 'übernächste' ? 2 : 1), 'weekday');
  for (const m of s.matchAll(
    re(
      `${B}(${WEEKDAY_NAMES})\\s+(?:in der\\s+)?(übernächster|nächster|kommender|nächste|kommende)\\s+woche${E}`,
    ),
  ))
    push(m, weekdayInWeek(callDate, WEEKDAYS[m[1]!]!, m[2]!.startsWith('über') ? 2 : 1), 'weekday');
  for (const m of s.matchAll(
    re(
      `${B}(?:(übernächste[nrs]?|nächste[nrs]?|kommende[nrs]?|diese[nrs]?)\\s+)?(${WEEKDAY_NAMES})(?:vormittag|nachmittag|abend|mittag|früh)?${E}`,
    ),
  ))
    push(m, nextWeekday(callDate, WEEKDAYS[m[2]!]!, m[1]?.startsWith('übernächst') ? 1 : 0), 'weekday');
  // heute in einer Woche, in zwei Wochen, in zehn Tagen (not "in zwei, drei Wochen")
  for (const m of s.matchAll(re(`${B}in\\s+([\\p{L}\\d]+)\\s+(tag|tagen|woche|wochen)${E}`))) {
    if (
      /\d\s*(,|bis|oder)\s*$|(?:zwei|drei|vier|fünf)\s*(,|bis|oder)\s*$/.test(
        s.slice(Math.max(0, m.index! - 12), m.index),
      )
    )
      continue;
    const n = parseCount(m[1]!);
    if (n === null || !Number.isInteger(n) || n <= 0 || n > 60) continue;
    push(m, addDays(callDate, m[2]!.startsWith('tag') ? n : n * 7), 'relativeWeeks');
  }
  // morgen, übermorgen ("Guten Morgen", "am Morgen" and a greeting "Morgen." are not days)
  for (const m of s.matchAll(re(`${B}(übermorgen|morgen)${E}`))) {
    const before = s.slice(Math.max(0, m.index! - 10), m.index);
    if (/(gute[nr]?|schönen|am|jeden|den|einen|heute)\s+$/.test(before)) continue;
    if (
      m[1] === 'morgen' &&
      /^[.!,]/.test(s.slice(m.index! + m[0].length)) &&
      /(^|[:\n.!?])\s*$/.test(before)
    )
      continue;
    push(m, addDays(callDate, m[1] === 'übermorgen' ? 2 : 1), 'relativeDay');
  }
  for (const m of s.matchAll(re(`${B}(ab sofort|sofort|umgehend|ab heute|heute)${E}`)))
    push(m, callDate, 'now');

  // Overlaps: keep the more precise reading ("Donnerstag, den 4. Juni" → the named date).
  found.sort((a, b) => a.start - b.start || PRIORITY[a.kind] - PRIORITY[b.kind]);
  const out: DateMention[] = [];
  for (const d of found) {
    const last = out.at(-1);
    const touching =
      last &&
      (d.start < last.end ||
        (last.kind === 'weekday' &&
          (d.kind === 'explicit' || d.kind === 'dayOfMonth') &&
          /^[\s,]*(?:den|dem|der)?\s*$/.test(s.slice(last.end, d.start))));
    if (!last || !touching) {
      out.push(d);
      continue;
    }
    if (
      PRIORITY[d.kind] < PRIORITY[last.kind] ||
      (d.kind === last.kind && d.end - d.start > last.end - last.start)
    )
      out[out.length - 1] = {
        ...d,
        start: Math.min(d.start, last.start),
        text: text.slice(Math.min(d.start, last.start), d.end),
      };
  }
  return out;
}

/** The first day-precise date in a phrase, or null ("Anfang März", "im Frühjahr" → null). */
export function resolveDatePhrase(
  phrase: string,
  callDate: Ymd,
): { date: Ymd; match: string; kind: DateKind } | null {
  const d = findDates(phrase, callDate)[0];
  return d ? { date: d.date, match: d.text, kind: d.kind } : null;
}

/**
 * A date field as a provider may return it: "2027-04-01", "1.4.2027", "01.04.", or a phrase
 * ("nächsten Dienstag"), resolved against the call date. Null when no day is named.
 */
export function normalizeDate(value: unknown, callDate: Ymd): Ymd | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  if (!v) return null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(v);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    return validDay(y, m, d) ? ymd(y, m, d) : null;
  }
  const r = resolveDatePhrase(v, callDate);
  return r ? r.date : null;
}

/** "Ab Januar, am besten zum zweiten": a bare day after a month named just before is in that month. */
export function inNamedMonth(d: DateMention, text: string, callDate: string): DateMention {
  if (d.kind !== 'dayOfMonth') return d;
  const before = text.slice(Math.max(0, d.start - 40), d.start).toLowerCase();
  const names = [...before.matchAll(/\b([a-zäöü]+)\b/g)]
    .map((m) => MONTHS[m[1]!])
    .filter((m) => m !== undefined);
  const month = names.at(-1);
  if (month === undefined) return d;
  const date = nextMonthDay(callDate, month, Number(d.date.slice(8)));
  return date ? { ...d, date } : d;
}
