import { createHash } from 'node:crypto';
import { z } from 'zod';
import { telephonyData } from '../calls/telephonyEvent.ts';
import { AppError } from '../shared/errors.ts';

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

const recordingData = z.object({ id: z.string().min(1) }).loose();

export const KNOWN_RESOURCES = ['telephony_calls', 'convergedRecordings'] as const;
export type KnownResource = (typeof KNOWN_RESOURCES)[number];

export interface ParsedDelivery {
  envelope: Envelope;
  resource: KnownResource;
  /** Identity of the event itself; the envelope `id` is the webhook's and repeats on every delivery. */
  dedupKey: string;
  /** What applying it locks (its call, its recording): deliveries applied together take these in order. */
  lockKey: string;
}

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

const hash = (s: string) => createHash('sha256').update(s).digest('base64url');

export function parseDelivery(json: unknown): ParsedDelivery {
  const env = envelopeSchema.safeParse(json);
  if (!env.success) {
    throw new AppError('invalid_payload', `Webhook-Umschlag ungültig: ${describe(env.error)}`, {
      status: 400,
    });
  }
  const envelope = env.data;
  const resource = envelope.resource;
  if (resource === 'telephony_calls') {
    const data = telephonyData.safeParse(envelope.data);
    if (!data.success) {
      throw new AppError('invalid_payload', `telephony_calls-Daten ungültig: ${describe(data.error)}`, {
        status: 400,
      });
    }
    const d = data.data;
    const actor = d.actorPersonId ?? envelope.actorId ?? envelope.createdBy ?? '';
    return {
      envelope,
      resource,
      dedupKey: hash(
        `telephony_calls|${d.callId}|${actor}|${d.eventType}|${new Date(d.eventTimestamp).toISOString()}`,
      ),
      lockKey: `telephony_calls|${d.callId}|${actor}`,
    };
  }
  if (resource === 'convergedRecordings') {
    const data = recordingData.safeParse(envelope.data);
    if (!data.success) {
      throw new AppError('invalid_payload', `convergedRecordings-Daten ungültig: ${describe(data.error)}`, {
        status: 400,
      });
    }
    return {
      envelope,
      resource,
      dedupKey: hash(`convergedRecordings|${data.data.id}|${envelope.event}`),
      lockKey: `convergedRecordings|${data.data.id}`,
    };
  }
  throw new AppError('unknown_resource', `Unbekannte Webhook-Ressource "${resource}"`, {
    status: 422,
    hint: `CallBridge verarbeitet ${KNOWN_RESOURCES.join(', ')}; Webhooks für andere Ressourcen, die hierher zeigen, bei Webex löschen.`,
  });
}

function describe(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}
