import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { E164_MAX_DIGITS, normalizePhone, type PhoneRules } from '../phone/phoneNumber.ts';
import { ValidationError } from '../shared/errors.ts';

export type RecordType = 'lead' | 'candidate';

/** What was typed, shortened for a message: an error never echoes input of any length. */
const shown = (raw: string) => (raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);

/** Normalises every number or names the one that is not a phone number. */
export function normalizeAll(raws: string[], rules: PhoneRules): { e164: string; raw: string }[] {
  const out = new Map<string, { e164: string; raw: string }>();
  for (const raw of raws) {
    const n = normalizePhone(raw, rules);
    if (n.kind !== 'number') {
      throw new ValidationError(
        `Telefonnummer "${shown(raw)}" ist ${
          n.reason === 'too_short'
            ? `zu kurz (mindestens ${rules.minDigits} Ziffern)`
            : n.reason === 'too_long'
              ? `zu lang (höchstens ${E164_MAX_DIGITS} Ziffern mit Ländervorwahl)`
              : 'keine Telefonnummer'
        }`,
        { field: 'phones', value: shown(raw) },
      );
    }
    if (!out.has(n.e164)) out.set(n.e164, { e164: n.e164, raw });
  }
  return [...out.values()];
}

export async function replaceNumbers(
  trx: Transaction<DB> | Kysely<DB>,
  type: RecordType,
  id: string,
  numbers: { e164: string; raw: string }[],
): Promise<void> {
  await trx.deleteFrom('phone_numbers').where('record_type', '=', type).where('record_id', '=', id).execute();
  if (numbers.length > 0) {
    await trx
      .insertInto('phone_numbers')
      .values(numbers.map((n) => ({ e164: n.e164, raw: n.raw, record_type: type, record_id: id })))
      .execute();
  }
}

export async function numbersOf(db: Kysely<DB>, type: RecordType, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom('phone_numbers')
    .select('e164')
    .where('record_type', '=', type)
    .where('record_id', '=', id)
    .orderBy('e164')
    .execute();
  return rows.map((r) => r.e164);
}
