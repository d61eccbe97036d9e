import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../db/schema.ts';
import type { LiveEventDraft } from '../live/eventBus.ts';
import { AppError } from '../shared/errors.ts';
import { describeZodError, type Envelope, envelopeSchema } from './envelope.ts';

export interface HandlerResult {
  /** Stored with the delivery: what happened, without personal data. */
  outcome: string;
  status: 'processed' | 'ignored';
  /** Events for the live pop-up; the intake appends them last in the transaction. */
  live: LiveEventDraft[];
}

/** A delivery whose envelope and data passed validation, once, at intake. */
export interface ParsedDelivery<D = unknown> {
  envelope: Envelope;
  resource: string;
  /** `envelope.data` as the resource's schema parsed it. */
  data: D;
  /** Identity of the event itself; the envelope `id` is the webhook's and repeats on every delivery. */
  dedupKey: string;
  /** What applying it locks (its call, its recording): deliveries applied together take these in order. */
  lockKey: string;
  registration: WebhookResource<D>;
}

/**
 * What a domain registers with the intake for one Webex webhook resource. The intake knows no domain:
 * it validates the envelope, then `schema` on `data`, and names and orders deliveries by the keys.
 */
export interface WebhookResource<D> {
  resource: string;
  schema: z.ZodType<D>;
  /** The event's identity (a redelivery gives the same); hashed, with the resource, into `dedup_key`. */
  dedupeKey(data: D, envelope: Envelope): string;
  /** What `apply` locks, so deliveries applied together take their locks in one order. */
  lockKey(data: D, envelope: Envelope): string;
  /** Turns one delivery into domain changes, inside the delivery's transaction. */
  apply(trx: Transaction<DB>, delivery: ParsedDelivery<D>): Promise<HandlerResult>;
}

const hash = (s: string) => createHash('sha256').update(s).digest('base64url');

/** The registered resources, in registration order (which is how the "unknown resource" hint lists them). */
export class WebhookResources {
  readonly #byName = new Map<string, WebhookResource<unknown>>();

  constructor(resources: readonly WebhookResource<unknown>[]) {
    for (const r of resources) {
      if (this.#byName.has(r.resource)) throw new Error(`webhook resource ${r.resource} registered twice`);
      this.#byName.set(r.resource, r);
    }
  }

  names(): string[] {
    return [...this.#byName.keys()];
  }

  /** Validates a parsed body: a 400 for a bad envelope or data, a 422 for a resource nobody registered. */
  parse(json: unknown): ParsedDelivery {
    const env = envelopeSchema.safeParse(json);
    if (!env.success) {
      throw new AppError('invalid_payload', `Webhook-Umschlag ungültig: ${describeZodError(env.error)}`, {
        status: 400,
      });
    }
    const envelope = env.data;
    const resource = envelope.resource;
    const registration = this.#byName.get(resource);
    if (!registration) {
      throw new AppError('unknown_resource', `Unbekannte Webhook-Ressource "${resource}"`, {
        status: 422,
        hint: `CallBridge verarbeitet ${this.names().join(', ')}; Webhooks für andere Ressourcen, die hierher zeigen, bei Webex löschen.`,
      });
    }
    const data = registration.schema.safeParse(envelope.data);
    if (!data.success) {
      throw new AppError('invalid_payload', `${resource}-Daten ungültig: ${describeZodError(data.error)}`, {
        status: 400,
      });
    }
    return {
      envelope,
      resource,
      data: data.data,
      dedupKey: hash(`${resource}|${registration.dedupeKey(data.data, envelope)}`),
      lockKey: `${resource}|${registration.lockKey(data.data, envelope)}`,
      registration,
    };
  }
}
