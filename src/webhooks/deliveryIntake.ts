import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '../db/schema.ts';
import type { EventBus, LiveEvent } from '../live/eventBus.ts';
import type { Envelope, KnownResource, ParsedDelivery } from './envelope.ts';

export interface HandlerResult {
  /** Stored with the delivery: what happened, without personal data. */
  outcome: string;
  status: 'processed' | 'ignored';
  live: LiveEvent[];
}

/** Turns one stored delivery into domain changes, inside the delivery's transaction. */
export type DeliveryHandler = (trx: Transaction<DB>, envelope: Envelope) => Promise<HandlerResult>;
export type DeliveryHandlers = Partial<Record<KnownResource, DeliveryHandler>>;

export interface IntakeResult {
  deliveryId: number | null;
  duplicate: boolean;
  status: 'processed' | 'ignored' | 'pending';
  outcome: string | null;
}

class DuplicateDelivery extends Error {}

export interface IntakeDeps {
  db: Kysely<DB>;
  bus: EventBus;
  log: Logger;
  handlers: DeliveryHandlers;
}

/**
 * Persists a verified delivery and, in the same transaction, applies it. If applying fails the delivery
 * is still stored as `pending` before the caller acknowledges, and the sweeper applies it later: an
 * acknowledged delivery is never lost. A delivery already seen is acknowledged and not applied again.
 */
export async function takeDelivery(
  deps: IntakeDeps,
  delivery: ParsedDelivery,
  rawBody: string,
): Promise<IntakeResult> {
  const { db, handlers } = deps;
  const handler = handlers[delivery.resource];
  const row = {
    dedup_key: delivery.dedupKey,
    resource: delivery.resource,
    event: delivery.envelope.event,
    webhook_id: delivery.envelope.id ?? null,
    received_at: new Date().toISOString(),
    body: rawBody,
    status: 'pending' as const,
    outcome: null,
    attempts: 0,
    processed_at: null,
  };
  try {
    const result = await db.transaction().execute(async (trx) => {
      // Applying first and recording the delivery last saves a statement on the hot path; a duplicate
      // then fails the insert and its repeated effects roll back.
      const applied = handler ? await handler(trx, delivery.envelope) : null;
      const inserted = await trx
        .insertInto('webhook_deliveries')
        .values(
          applied
            ? {
                ...row,
                status: applied.status,
                outcome: applied.outcome,
                attempts: 1,
                processed_at: new Date().toISOString(),
              }
            : row,
        )
        .onConflict((oc) => oc.column('dedup_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) throw new DuplicateDelivery();
      return {
        deliveryId: inserted.id,
        status: applied?.status ?? ('pending' as const),
        outcome: applied?.outcome ?? null,
        live: applied?.live ?? [],
      };
    });
    for (const e of result.live) deps.bus.publish(e);
    return {
      deliveryId: result.deliveryId,
      duplicate: false,
      status: result.status,
      outcome: result.outcome,
    };
  } catch (err) {
    if (err instanceof DuplicateDelivery) {
      return { deliveryId: null, duplicate: true, status: 'processed', outcome: 'duplicate' };
    }
    deps.log.error(
      { err, resource: delivery.resource },
      'applying webhook delivery failed; stored for retry',
    );
    const inserted = await db
      .insertInto('webhook_deliveries')
      .values({ ...row, attempts: 1, outcome: `error: ${(err as Error).message}`.slice(0, 500) })
      .onConflict((oc) => oc.column('dedup_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    return {
      deliveryId: inserted?.id ?? null,
      duplicate: !inserted,
      status: 'pending',
      outcome: 'stored for retry',
    };
  }
}

/**
 * Applies stored deliveries that are still pending (after a crash, a handler error, or for a resource
 * whose pipeline was not running). Returns how many it applied.
 */
export async function applyPendingDeliveries(
  deps: IntakeDeps,
  opts: { limit?: number; maxAttempts?: number } = {},
): Promise<number> {
  const resources = Object.keys(deps.handlers) as KnownResource[];
  if (resources.length === 0) return 0;
  const pending = await deps.db
    .selectFrom('webhook_deliveries')
    .select(['id', 'resource', 'body', 'attempts'])
    .where('status', '=', 'pending')
    .where('resource', 'in', resources)
    .where('attempts', '<', opts.maxAttempts ?? 20)
    .orderBy('id')
    .limit(opts.limit ?? 200)
    .execute();
  let applied = 0;
  for (const p of pending) {
    const handler = deps.handlers[p.resource as KnownResource]!;
    try {
      const live = await deps.db.transaction().execute(async (trx) => {
        // Claim it: a concurrent sweeper on another instance finds it no longer pending.
        const claimed = await trx
          .updateTable('webhook_deliveries')
          .set({ attempts: p.attempts + 1 })
          .where('id', '=', p.id)
          .where('status', '=', 'pending')
          .where('attempts', '=', p.attempts)
          .executeTakeFirst();
        if (Number(claimed.numUpdatedRows) === 0) return [];
        const result = await handler(trx, JSON.parse(p.body) as Envelope);
        await trx
          .updateTable('webhook_deliveries')
          .set({ status: result.status, outcome: result.outcome, processed_at: new Date().toISOString() })
          .where('id', '=', p.id)
          .execute();
        applied++;
        return result.live;
      });
      for (const e of live) deps.bus.publish(e);
    } catch (err) {
      deps.log.error({ err, deliveryId: p.id }, 'pending webhook delivery failed again');
      await deps.db
        .updateTable('webhook_deliveries')
        .set({ attempts: p.attempts + 1, outcome: `error: ${(err as Error).message}`.slice(0, 500) })
        .where('id', '=', p.id)
        .execute();
    }
  }
  return applied;
}
