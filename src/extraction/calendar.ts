import { parseCount } from './germanNumbers.ts';

/**
 * Calendar arithmetic on the call date, on plain UTC dates (no local time zone can shift a day), and
 * the names of months, weekdays and ordinal days. `dateResolver.ts` finds the dates a text names.
 */
export type Ymd = string;

export const WEEKDAYS: Record<string, number> = {
  sonntag: 0,
  montag: 1,
  dienstag: 2,
  mittwoch: 3,
  donnerstag: 4,
  freitag: 5,
  samstag: 6,
  sonnabend: 6,
};
export const MONTHS: Record<string, number> = {
  januar: 1,
  jänner: 1,
  jan: 1,
  februar: 2,
  feb: 2,
  märz: 3,
  maerz: 3,
  april: 4,
  apr: 4,
  mai: 5,
  juni: 6,
  juli: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  dezember: 12,
  dez: 12,
};
const ORDINAL_STEMS: Record<string, number> = {
  ers: 1,
  zwei: 2,
  drit: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  sieb: 7,
  sieben: 7,
  ach: 8,
  neun: 9,
  zehn: 10,
  elf: 11,
  zwölf: 12,
};

/** "ersten" → 1, "zwölften" → 12, "vierundzwanzigsten" → 24, "dreißigsten" → 30; null otherwise. */
export function parseOrdinalWord(word: string): number | null {
  const w = word.toLowerCase();
  for (const suffix of ['sten', 'ster', 'stes', 'ste', 'ten', 'ter', 'tes', 'te']) {
    if (!w.endsWith(suffix)) continue;
    const stem = w.slice(0, -suffix.length);
    if (suffix.startsWith('s')) {
      // "zwanzigsten", "einunddreißigsten"
      const n = parseCount(stem);
      if (n !== null && Number.isInteger(n) && n >= 20 && n <= 31) return n;
      continue;
    }
    if (Object.hasOwn(ORDINAL_STEMS, stem)) return ORDINAL_STEMS[stem]!;
    const n = parseCount(stem);
    if (n !== null && Number.isInteger(n) && n >= 13 && n <= 19) return n;
  }
  return null;
}

const toDate = (ymd: Ymd) => new Date(`${ymd}T00:00:00Z`);
const fmt = (d: Date): Ymd => d.toISOString().slice(0, 10);
export const ymd = (y: number, m: number, d: number): Ymd => fmt(new Date(Date.UTC(y, m - 1, d)));

export function isValidYmd(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return Boolean(m) && validDay(Number(m![1]), Number(m![2]), Number(m![3]));
}
export function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function addDays(date: Ymd, n: number): Ymd {
  const d = toDate(date);
  d.setUTCDate(d.getUTCDate() + n);
  return fmt(d);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: Ymd): number {
  return toDate(date).getUTCDay();
}

/** The next given day and month on or after the call date ("ab 1. März" → the next 1 March). */
export function nextMonthDay(callDate: Ymd, month: number, day: number): Ymd | null {
  const y = Number(callDate.slice(0, 4));
  for (const year of [y, y + 1, y + 2, y + 3, y + 4]) {
    if (!validDay(year, month, day)) continue; // 29 February waits for a leap year
    const c = ymd(year, month, day);
    if (c >= callDate) return c;
  }
  return null;
}

/** The next given day of a month on or after the call date ("zum 15." → the coming 15th). */
export function nextDayOfMonth(callDate: Ymd, day: number): Ymd | null {
  if (day < 1 || day > 31) return null;
  const [y, m] = [Number(callDate.slice(0, 4)), Number(callDate.slice(5, 7))];
  for (let i = 0; i < 13; i++) {
    const year = y + Math.floor((m - 1 + i) / 12);
    const month = ((m - 1 + i) % 12) + 1;
    if (!validDay(year, month, day)) continue;
    const c = ymd(year, month, day);
    if (c >= callDate) return c;
  }
  return null;
}

/**
 * The coming weekday after the call date ("Dienstag", "nächsten Dienstag"): never the call date
 * itself, so on a Tuesday "nächsten Dienstag" is a week later. `weeksLater` 1 is "übernächsten".
 */
export function nextWeekday(callDate: Ymd, weekday: number, weeksLater = 0): Ymd {
  let delta = (weekday - weekdayOf(callDate) + 7) % 7;
  if (delta === 0) delta = 7;
  return addDays(callDate, delta + 7 * weeksLater);
}

/** The weekday in the calendar week (Monday to Sunday) `weeksAhead` after the call's week ("nächste Woche Mittwoch"). */
export function weekdayInWeek(callDate: Ymd, weekday: number, weeksAhead: number): Ymd {
  const mondayOffset = (weekdayOf(callDate) + 6) % 7;
  const monday = addDays(callDate, -mondayOffset + 7 * weeksAhead);
  return addDays(monday, (weekday + 6) % 7);
}

export function firstOfMonthAhead(callDate: Ymd, monthsAhead: number): Ymd {
  const d = toDate(callDate);
  return fmt(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + monthsAhead, 1)));
}

export function lastOfMonth(callDate: Ymd): Ymd {
  const d = toDate(callDate);
  return fmt(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
}
