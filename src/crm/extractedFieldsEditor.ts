import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Candidate, DB } from '../db/schema.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';
import { displayValue, FIELD_LABELS } from './extractedFields.ts';
import { addRecordEvent } from './recordEvents.ts';

const isoDay = z.iso.date();

/** "55.000", "55000 €", "55k", "55 Tsd." → 55000; empty → null. */
function euros(label: string) {
  return z
    .string()
    .trim()
    .max(40, 'zu lang')
    .transform((v, ctx) => {
      if (v === '') return null;
      const m = /^(\d{1,3}(?:[.\s]\d{3})+|\d+)(?:,\d{1,2})?\s*(k|tsd\.?)?\s*(?:€|eur|euro)?$/i.exec(v);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: `${label}: Betrag in Euro, z. B. 55.000` });
        return z.NEVER;
      }
      const n = Number(m[1]!.replace(/[.\s]/g, '')) * (m[2] ? 1000 : 1);
      if (n > 10_000_000) {
        ctx.addIssue({ code: 'custom', message: `${label}: höchstens 10.000.000 €` });
        return z.NEVER;
      }
      return n;
    });
}
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `höchstens ${max} Zeichen`)
    .transform((v) => (v === '' ? null : v));
const list = z
  .string()
  .trim()
  .max(1000, 'höchstens 1000 Zeichen')
  .transform((v) => {
    const items = v
      .split(/[,;\n]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    return items.length ? JSON.stringify(items) : null;
  });
const opt = <T extends string>(values: readonly T[], message: string) =>
  z.union([z.literal(''), z.enum(values as unknown as [T, ...T[]], { error: message })]);

export const extractedFieldsInput = z
  .object({
    current_position: text(200),
    current_employer: text(200),
    current_salary_eur: euros('Aktuelles Gehalt'),
    salary_min: euros('Gehaltswunsch von'),
    salary_max: euros('Gehaltswunsch bis'),
    notice_amount: z
      .string()
      .trim()
      .regex(/^(\d{1,2})?$/, 'Kündigungsfrist: ganze Zahl, z. B. 3'),
    notice_unit: opt(['weeks', 'months'] as const, 'Einheit: Wochen oder Monate'),
    notice_end: opt(['month', 'quarter', 'year'] as const, 'zum Monats-, Quartals- oder Jahresende'),
    available_from: z
      .string()
      .trim()
      .refine(
        // zod's ISO date knows the calendar (no 30 February); a bare pattern let one through.
        (v) => v === '' || isoDay.safeParse(v).success,
        'Verfügbar ab: Datum wie 2027-04-01',
      )
      .transform((v) => (v === '' ? null : v)),
    willing_to_relocate: opt(['ja', 'nein'] as const, 'Umzugsbereit: ja oder nein'),
    work_model: opt(['remote', 'hybrid', 'onsite'] as const, 'Arbeitsmodell: Remote, Hybrid oder Vor Ort'),
    preferred_locations: list,
    skills: list,
  })
  .partial()
  .transform((v, ctx) => {
    const min = v.salary_min ?? null;
    const max = v.salary_max ?? null;
    if (min !== null && max !== null && min > max)
      ctx.addIssue({
        code: 'custom',
        path: ['salary_max'],
        message: 'Gehaltswunsch: „bis“ ist kleiner als „von“',
      });
    const amount = v.notice_amount ? Number(v.notice_amount) : null;
    if (amount !== null && !v.notice_unit)
      ctx.addIssue({
        code: 'custom',
        path: ['notice_unit'],
        message: 'Kündigungsfrist: Wochen oder Monate wählen',
      });
    const expectation =
      min === null && max === null ? null : JSON.stringify({ min: min ?? max, max: max ?? min });
    return {
      current_position: v.current_position ?? null,
      current_employer: v.current_employer ?? null,
      current_salary_eur: v.current_salary_eur ?? null,
      salary_expectation: expectation,
      notice_period:
        amount === null
          ? null
          : JSON.stringify({ amount, unit: v.notice_unit || 'months', toEndOf: v.notice_end || null }),
      available_from: v.available_from ?? null,
      willing_to_relocate: v.willing_to_relocate ? (v.willing_to_relocate === 'ja' ? 1 : 0) : null,
      work_model: v.work_model || null,
      preferred_locations: v.preferred_locations ?? null,
      skills: v.skills ?? null,
    };
  });

/** The stored values as the form shows them. */
export function extractedFieldsForm(c: Candidate): Record<string, string> {
  const exp = c.salary_expectation
    ? (JSON.parse(c.salary_expectation) as { min: number; max: number })
    : null;
  const notice = c.notice_period
    ? (JSON.parse(c.notice_period) as { amount: number; unit: string; toEndOf: string | null })
    : null;
  const de = (n: number) => new Intl.NumberFormat('de-DE').format(n);
  const join = (v: string | null) => (v ? (JSON.parse(v) as string[]).join(', ') : '');
  return {
    current_position: c.current_position ?? '',
    current_employer: c.current_employer ?? '',
    current_salary_eur: c.current_salary_eur === null ? '' : de(c.current_salary_eur),
    salary_min: exp ? de(exp.min) : '',
    salary_max: exp ? de(exp.max) : '',
    notice_amount: notice ? String(notice.amount) : '',
    notice_unit: notice?.unit ?? '',
    notice_end: notice?.toEndOf ?? '',
    available_from: c.available_from ?? '',
    willing_to_relocate: c.willing_to_relocate === null ? '' : c.willing_to_relocate ? 'ja' : 'nein',
    work_model: c.work_model ?? '',
    preferred_locations: join(c.preferred_locations),
    skills: join(c.skills),
  };
}

/**
 * Hand corrections of what calls said (Gehaltswunsch, Arbeitgeber, Kündigungsfrist …): the changed
 * values are written and listed as one entry in the record's history.
 */
export async function correctExtractedFields(
  db: Kysely<DB>,
  candidateId: string,
  form: unknown,
  by: { userId: string; name: string },
): Promise<{ changed: string[] }> {
  const parsed = extractedFieldsInput.safeParse(form ?? {});
  if (!parsed.success)
    throw new ValidationError(
      'Eingaben ungültig',
      parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), reason: i.message })),
    );
  return db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('candidates').selectAll().where('id', '=', candidateId).executeTakeFirst();
    if (!c) throw new NotFoundError('Kandidat');
    const set: Record<string, string | number | null> = {};
    const changed: string[] = [];
    for (const [col, value] of Object.entries(parsed.data)) {
      const before = c[col as keyof Candidate];
      if (String(before ?? '') === String(value ?? '')) continue;
      set[col] = value;
      changed.push(`${FIELD_LABELS[col]}: ${displayValue(col, before)} → ${displayValue(col, value)}`);
    }
    if (changed.length === 0) return { changed };
    await trx
      .updateTable('candidates')
      .set({ ...set, updated_at: new Date().toISOString() })
      .where('id', '=', candidateId)
      .execute();
    await addRecordEvent(trx, {
      record: { type: 'candidate', id: candidateId },
      kind: 'corrected',
      text: `Gesprächsdaten korrigiert von ${by.name}: ${changed.join('; ')}`,
      userId: by.userId,
    });
    return { changed };
  });
}
