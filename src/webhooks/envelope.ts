import { z } from 'zod';

/** The delivery envelope shared by every resource (shared/webex/API.md §4). */
export const envelopeSchema = z
  .object({
    id: z.string().min(1).nullish(),
    resource: z.string().min(1),
    event: z.string().min(1),
    actorId: z.string().nullish(),
    createdBy: z.string().nullish(),
    ownedBy: z.string().nullish(),
    orgId: z.string().nullish(),
    data: z.record(z.string(), z.unknown()),
  })
  .loose();
export type Envelope = z.infer<typeof envelopeSchema>;

/**
 * JSON.parse for delivery bodies. A `\u0000` in a string is valid JSON but PostgreSQL cannot store it in
 * text: an authentic delivery carrying one (a caller name, say) failed on every attempt there. It is
 * dropped from every string; the raw body, stored as received, keeps it as the six characters it was.
 */
export function parseDeliveryJson(text: string): unknown {
  if (!text.includes('\\u0000')) return JSON.parse(text);
  return JSON.parse(text, (_key, value) =>
    typeof value === 'string' ? value.replaceAll('\u0000', '') : value,
  );
}

export function describeZodError(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}
