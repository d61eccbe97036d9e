import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

export type NormalizedNumber =
  | { kind: 'number'; e164: string }
  | { kind: 'ignored'; reason: 'empty' | 'too_short' | 'too_long' | 'not_a_number' };

/** E.164 allows at most 15 digits, country code included. */
export const E164_MAX_DIGITS = 15;
/** Longer input is not looked at further: no phone number, however formatted, needs more characters. */
const MAX_RAW_LENGTH = 64;

export interface PhoneRules {
  defaultRegion: string;
  minDigits: number;
}

/**
 * Turns whatever Webex, a CSV or a user typed into the E.164 form every lookup uses, so
 * `0171 1234567`, `+49 (171) 123 45 67` and `0049171…` are one number. Short numbers are internal
 * extensions or feature codes (`1012`, `*73`) and are ignored rather than matched.
 */
export function normalizePhone(raw: string | null | undefined, rules: PhoneRules): NormalizedNumber {
  if (!raw) return { kind: 'ignored', reason: 'empty' };
  if (raw.length > MAX_RAW_LENGTH) return { kind: 'ignored', reason: 'too_long' };
  let s = raw.trim();
  // SIP/tel URIs: keep the user part; a mail-like address without digits is not a phone number.
  s = s.replace(/^(sips?|tel):/i, '');
  const at = s.indexOf('@');
  if (at >= 0) s = s.slice(0, at);
  s = s.replace(/;.*$/, '');
  if (s === '') return { kind: 'ignored', reason: 'empty' };
  if (/[a-z]/i.test(s.replace(/\s*(ext\.?|x|durchwahl)\s*\d+$/i, '')))
    return { kind: 'ignored', reason: 'not_a_number' };
  const digits = s.replace(/\D/g, '');
  if (digits.length === 0) return { kind: 'ignored', reason: 'not_a_number' };
  if (digits.length < rules.minDigits || /^[*#]/.test(s)) return { kind: 'ignored', reason: 'too_short' };
  const international = /^\s*(\+|00)/.test(s);
  // Without its extension and trunk prefix (00 or the national 0) no number has more than 15 digits;
  // a longer one is refused rather than stored at whatever length it came in.
  const significant = s
    .replace(/\s*(ext\.?|x|durchwahl)\s*\d+$/i, '')
    .replace(/\D/g, '')
    .replace(international ? /^00/ : /^0/, '');
  if (significant.length > E164_MAX_DIGITS) return { kind: 'ignored', reason: 'too_long' };
  const parsed = parsePhoneNumberFromString(s, rules.defaultRegion as CountryCode);
  if (parsed?.number && parsed.isPossible() && parsed.number.length <= E164_MAX_DIGITS + 1)
    return { kind: 'number', e164: parsed.number };
  // Unusual but long enough (e.g. a number plan libphonenumber does not know): keep a canonical digit
  // form so the same input still matches itself.
  const canonical = international ? `+${digits.replace(/^00/, '')}` : digits;
  if (canonical.replace(/\D/g, '').length > E164_MAX_DIGITS) return { kind: 'ignored', reason: 'too_long' };
  return { kind: 'number', e164: canonical };
}

/** For logs at info level: enough to tell numbers apart, not enough to identify a person. */
export function maskNumber(n: string | null | undefined): string {
  if (!n) return '';
  if (n.length <= 6) return '***';
  return `${n.slice(0, 5)}***${n.slice(-2)}`;
}

/** Human form for the UI: +49 30 123456 style via libphonenumber. */
export function formatNumber(e164: string | null | undefined): string {
  if (!e164) return '';
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? parsed.formatInternational() : e164;
}
