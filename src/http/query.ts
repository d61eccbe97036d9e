import { z } from 'zod';

/**
 * Query parameters are untrusted text like a body: each route names its parameters with these pieces in
 * its querystring schema, and anything else is refused with a 400 and a German message
 * (http/validation.ts); a typed-in date like 2026-13-45 once reached `new Date(…).toISOString()` and
 * answered 500. Unknown parameters are ignored.
 */

/** One value: a parameter given twice (`?q=a&q=b`) is refused rather than turned into an array. */
const single = z.string({ error: 'darf nur einmal angegeben werden' }).max(500, 'höchstens 500 Zeichen');
const singleOf = (max: number) =>
  z.string({ error: 'darf nur einmal angegeben werden' }).max(max, `höchstens ${max} Zeichen`);

export const q = {
  text: (max = 500) => singleOf(max).optional(),
  /** A calendar day as the date field sends it; empty means "no filter". */
  day: () =>
    single
      .refine((s) => s === '' || isCalendarDay(s), 'kein gültiges Datum (JJJJ-MM-TT, z. B. 2026-03-01)')
      .optional(),
  /** A day or an ISO timestamp (JSON API filters). */
  dayOrTime: () =>
    single
      .refine(
        (s) => s === '' || isCalendarDay(s) || isIsoTime(s),
        'kein gültiges Datum (JJJJ-MM-TT oder ISO-Zeitstempel wie 2026-03-01T08:00:00Z)',
      )
      .optional(),
  /** A page number from 1; a bad one is refused, an absent one is 1. */
  page: () =>
    single
      .regex(/^\d{1,6}$/, 'muss eine ganze Zahl ab 1 sein')
      .transform(Number)
      .refine((n) => n >= 1, 'muss eine ganze Zahl ab 1 sein')
      .optional(),
  /** A count or offset from 0 up to `max`. */
  count: (max: number) =>
    single
      .regex(/^\d{1,9}$/, 'muss eine ganze Zahl ab 0 sein')
      .transform(Number)
      .refine((n) => n <= max, `darf höchstens ${max} sein`)
      .optional(),
  /** A checkbox or flag: 1/0, true/false. */
  flag: () =>
    z
      .enum(['1', '0', 'true', 'false', ''], { error: 'muss 1 oder 0 sein' })
      .transform((v) => v === '1' || v === 'true')
      .optional(),
};

const isCalendarDay = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
};

const isIsoTime = (s: string) =>
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(s) &&
  !Number.isNaN(Date.parse(s)) &&
  isCalendarDay(s.slice(0, 10));
