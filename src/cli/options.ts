import { z } from 'zod';
import { ConfigError } from '../shared/errors.ts';

/**
 * A whole number given as a command-line option, within [min, max]; otherwise a ConfigError (exit 2)
 * that names the option and says what to give.
 */
export function integerOption(
  value: string,
  option: string,
  range: { min: number; max: number; what: string; hint: string; code?: string },
): number {
  const trimmed = value.trim();
  const n = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || n < range.min || n > range.max) {
    throw new ConfigError(`${option} "${value}" ist ${range.what}`, range.hint, undefined, range.code);
  }
  return n;
}

/** A port option: 0 (any free port) to 65535. */
export const parsePortOption = (value: string, option: string): number =>
  integerOption(value, option, {
    min: 0,
    max: 65535,
    what: 'kein gültiger Port',
    hint: `Eine ganze Zahl von 0 bis 65535 angeben (0: ein freier Port), z. B. ${option} 3000.`,
    code: 'port_invalid',
  });

const isoDay = z.iso.date();

/**
 * A day given as JJJJ-MM-TT that the calendar has: Date.parse takes 2026-02-30 and means 2 March, so a
 * report "to 30 February" covered two more days than asked.
 */
export const isCalendarDay = (value: string): boolean => isoDay.safeParse(value).success;
