import { type RawBuilder, sql } from 'kysely';
import { normalizePhone, type PhoneRules } from '../phone/phoneNumber.ts';
import { contains } from '../shared/likePattern.ts';
import type { RecordType } from './phoneIndex.ts';

const DEFAULT_RULES: PhoneRules = { defaultRegion: 'DE', minDigits: 4 };
const MIN_SEARCH_DIGITS = 3;

/**
 * The digit strings to look for inside stored E.164 numbers for whatever a person typed: "0221 998877",
 * "+49 221 998877", "0049-221-998877", "(0221) 99 88 77" and a part like "0221 99" all find +49221998877.
 * The full number goes through the phone module (national → international); a part loses its trunk
 * prefix ("0…") or international prefix ("00…") so it matches inside the international form.
 */
export function phoneSearchDigits(term: string, rules: PhoneRules = DEFAULT_RULES): string[] {
  const typed = term.replace(/\D/g, '');
  if (typed.length < MIN_SEARCH_DIGITS) return [];
  const out = new Set<string>([typed]);
  const n = normalizePhone(term, rules);
  if (n.kind === 'number') out.add(n.e164.replace(/^\+/, ''));
  const trimmed = /^\s*\+/.test(term) ? typed : typed.replace(/^00/, '').replace(/^0/, '');
  if (trimmed.length >= MIN_SEARCH_DIGITS) out.add(trimmed);
  return [...out];
}

/** `id IN (records of this type with a number containing one of the forms)`, or null without digits. */
export function phoneSearchCondition(
  type: RecordType,
  term: string,
  rules?: PhoneRules,
): RawBuilder<boolean> | null {
  const forms = phoneSearchDigits(term, rules);
  if (forms.length === 0) return null;
  const table = type === 'lead' ? 'leads' : 'candidates';
  return sql<boolean>`${sql.ref(`${table}.id`)} in (select record_id from phone_numbers where record_type = ${type} and (${sql.join(
    forms.map((f) => contains('e164', f)),
    sql` or `,
  )}))`;
}
