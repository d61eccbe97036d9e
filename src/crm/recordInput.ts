import { z } from 'zod';

/** What a person may type for a lead or candidate; shared by the forms, the JSON API and CSV import. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `höchstens ${max} Zeichen`)
    .transform((v) => (v === '' ? null : v))
    .nullish()
    .transform((v) => v ?? null);

const email = z
  .string()
  .trim()
  .transform((v) => (v === '' ? null : v))
  .nullish()
  .transform((v) => v ?? null)
  .refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'keine gültige E-Mail-Adresse');

const phones = z
  .union([z.string(), z.array(z.string())])
  .nullish()
  .transform((v) => splitPhones(v ?? []));

export function splitPhones(v: string | string[]): string[] {
  const list = Array.isArray(v) ? v : [v];
  return list
    .flatMap((s) => s.split(/[;,|\n]+/))
    .map((s) => s.trim())
    .filter(Boolean);
}

export const CANDIDATE_STATUSES = {
  neu: 'Neu',
  in_kontakt: 'In Kontakt',
  vorgestellt: 'Vorgestellt',
  platziert: 'Platziert',
  abgesagt: 'Abgesagt',
} as const;

export const leadInput = z.object({
  company: z.string().trim().min(1, 'Firma fehlt').max(200, 'höchstens 200 Zeichen'),
  contactPerson: optionalText(200),
  email,
  city: optionalText(120),
  notes: optionalText(10_000),
  phones,
});
export type LeadInput = z.infer<typeof leadInput>;

export const candidateInput = z.object({
  firstName: z.string().trim().min(1, 'Vorname fehlt').max(120, 'höchstens 120 Zeichen'),
  lastName: z.string().trim().min(1, 'Nachname fehlt').max(120, 'höchstens 120 Zeichen'),
  email,
  position: optionalText(200),
  status: z
    .string()
    .trim()
    .transform((v) => (v === '' ? 'neu' : v))
    .nullish()
    .transform((v) => v ?? 'neu')
    .refine(
      (v) => Object.hasOwn(CANDIDATE_STATUSES, v),
      `Status muss einer von ${Object.keys(CANDIDATE_STATUSES).join(', ')} sein`,
    ),
  city: optionalText(120),
  notes: optionalText(10_000),
  phones,
});
export type CandidateInput = z.infer<typeof candidateInput>;
