import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import { dialectOf } from '../db/dialect.ts';
import type { DB } from '../db/schema.ts';
import type { AppendedLiveEvent, EventBus, LiveEventDraft } from '../live/eventBus.ts';
import { appendLiveEvents } from '../live/liveEventStore.ts';
import { parseDeliveryJson } from './envelope.ts';
import type { HandlerResult, ParsedDelivery, WebhookResources } from './webhookResource.ts';

export interface IntakeResult {
  deliveryId: number | null;
  duplicate: boolean;
  status: 'processed' | 'ignored' | 'pending';
  outcome: string | null;
}

class DuplicateDelivery extends Error {}

/** The sweeper gives up on a pending delivery after this many attempts. */
export const SWEEPER_MAX_ATTEMPTS = 20;
/** How often pending deliveries are swept (a periodic job: once per period across instances). */
export const SWEEP_INTERVAL_MS = 15_000;

export interface IntakeDeps {
  db: Kysely<DB>;
  bus: EventBus;
  log: Logger;
  /** What each resource's deliveries mean; the intake itself knows none. */
  resources: WebhookResources;
}

interface Item {
  delivery: ParsedDelivery;
  rawBody: string;
  resolve: (r: IntakeResult) => void;
  reject: (err: unknown) => void;
}

/**
 * Takes verified deliveries: persists each and, in the same transaction, applies it. If applying fails
 * the delivery is still stored as `pending` before the caller acknowledges, and the sweeper applies it
 * later: an acknowledged delivery is never lost. A delivery already seen is acknowledged and not
 * applied again.
 *
 * Deliveries that arrive while earlier ones are being written are applied together, in one transaction
 * per group (group commit): a burst of webhooks then costs one BEGIN, one insert of the delivery rows,
 * one of the live events and one COMMIT per group instead of per webhook, which on PostgreSQL is most
 * of the cost. A delivery alone is written at once. Within a group, deliveries are applied in the order
 * of what they lock (a call, a recording), so groups on several instances cannot deadlock, and in
 * arrival order for the same call. If anything in a group fails, each of its deliveries is taken again
 * on its own, so one bad delivery never holds up or rolls back the others.
 */
export class DeliveryIntake {
  #queue: Item[] = [];
  #writing = 0;
  readonly #deps: IntakeDeps;
  readonly #writers: number;
  readonly #maxGroup: number;

  constructor(deps: IntakeDeps, opts: { writers?: number; maxGroup?: number } = {}) {
    this.#deps = deps;
    // SQLite has one connection: more writers would only queue behind it.
    this.#writers = opts.writers ?? (dialectOf(deps.db) === 'sqlite' ? 1 : 4);
    this.#maxGroup = opts.maxGroup ?? 32;
  }

  /** Validates a body's JSON for a registered resource (see WebhookResources.parse). */
  parse(json: unknown): ParsedDelivery {
    return this.#deps.resources.parse(json);
  }

  take(delivery: ParsedDelivery, rawBody: string): Promise<IntakeResult> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ delivery, rawBody, resolve, reject });
      this.#pump();
    });
  }

  #pump() {
    while (this.#writing < this.#writers && this.#queue.length > 0) {
      const group = this.#queue.splice(0, this.#maxGroup);
      this.#writing++;
      void this.#write(group).finally(() => {
        this.#writing--;
        this.#pump();
      });
    }
  }

  async #write(group: Item[]) {
    if (group.length > 1) {
      try {
        const results = await applyTogether(this.#deps, group);
        for (const [i, item] of group.entries()) item.resolve(results[i]!);
        return;
      } catch {
        // A duplicate, a failing handler or a deadlock: take each delivery on its own below.
      }
    }
    for (const item of group) {
      try {
        item.resolve(await takeDelivery(this.#deps, item));
      } catch (err) {
        item.reject(err);
      }
    }
  }
}

const deliveryRow = (delivery: ParsedDelivery, rawBody: string) => ({
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
});

const byLockKey = (a: { item: Item; i: number }, b: { item: Item; i: number }) =>
  a.item.delivery.lockKey < b.item.delivery.lockKey
    ? -1
    : a.item.delivery.lockKey > b.item.delivery.lockKey
      ? 1
      : a.i - b.i;

/**
 * Applies deliveries (one, or a group) in one transaction and records them as processed; throws (and so
 * rolls back) if any is a duplicate or fails. Applying first and recording the deliveries last saves a
 * statement on the hot path: a duplicate then fails the insert and its repeated effects roll back.
 */
async function applyTogether(deps: IntakeDeps, group: readonly Item[]): Promise<IntakeResult[]> {
  const order =
    group.length === 1 ? [{ item: group[0]!, i: 0 }] : group.map((item, i) => ({ item, i })).sort(byLockKey);
  const { results, live } = await deps.db.transaction().execute(async (trx) => {
    const applied: HandlerResult[] = new Array(group.length);
    const drafts: LiveEventDraft[] = [];
    for (const { item, i } of order) {
      applied[i] = await applyDelivery(trx, item.delivery);
      drafts.push(...applied[i]!.live);
    }
    const now = new Date().toISOString();
    const inserted = await trx
      .insertInto('webhook_deliveries')
      .values(
        group.map((item, i) => ({
          ...deliveryRow(item.delivery, item.rawBody),
          status: applied[i]!.status,
          outcome: applied[i]!.outcome,
          attempts: 1,
          processed_at: now,
        })),
      )
      .onConflict((oc) => oc.column('dedup_key').doNothing())
      .returning(['id', 'dedup_key'])
      .execute();
    if (inserted.length < group.length) throw new DuplicateDelivery();
    const ids = new Map(inserted.map((r) => [r.dedup_key, r.id]));
    const live = await appendLiveEvents(trx, drafts);
    return {
      live,
      results: group.map(
        (item, i): IntakeResult => ({
          deliveryId: ids.get(item.delivery.dedupKey) ?? null,
          duplicate: false,
          status: applied[i]!.status,
          outcome: applied[i]!.outcome,
        }),
      ),
    };
  });
  publishCommitted(deps.bus, live);
  return results;
}

/** What the delivery's resource makes of it, in the caller's transaction. */
const applyDelivery = (trx: Transaction<DB>, delivery: ParsedDelivery): Promise<HandlerResult> =>
  delivery.registration.apply(trx, delivery);

/** One delivery in its own transaction: a duplicate is acknowledged, a failure stored as pending. */
async function takeDelivery(deps: IntakeDeps, item: Item): Promise<IntakeResult> {
  try {
    return (await applyTogether(deps, [item]))[0]!;
  } catch (err) {
    if (err instanceof DuplicateDelivery) {
      return { deliveryId: null, duplicate: true, status: 'processed', outcome: 'duplicate' };
    }
    const { delivery, rawBody } = item;
    deps.log.error(
      { err, resource: delivery.resource },
      'applying webhook delivery failed; stored for retry',
    );
    const inserted = await deps.db
      .insertInto('webhook_deliveries')
      .values({
        ...deliveryRow(delivery, rawBody),
        attempts: 1,
        outcome: `error: ${(err as Error).message}`.slice(0, 500),
      })
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
  opts: { limit?: number; maxAttempts?: number; signal?: AbortSignal } = {},
): Promise<number> {
  const resources = deps.resources.names();
  if (resources.length === 0) return 0;
  const pending = await deps.db
    .selectFrom('webhook_deliveries')
    .select(['id', 'resource', 'body', 'attempts'])
    .where('status', '=', 'pending')
    .where('resource', 'in', resources)
    .where('attempts', '<', opts.maxAttempts ?? SWEEPER_MAX_ATTEMPTS)
    .orderBy('id')
    .limit(opts.limit ?? 200)
    .execute();
  let applied = 0;
  for (const p of pending) {
    // Shutting down: what is left stays pending for the next sweep.
    if (opts.signal?.aborted) break;
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
        const result = await applyDelivery(trx, deps.resources.parse(parseDeliveryJson(p.body)));
        await trx
          .updateTable('webhook_deliveries')
          .set({ status: result.status, outcome: result.outcome, processed_at: new Date().toISOString() })
          .where('id', '=', p.id)
          .execute();
        applied++;
        return appendLiveEvents(trx, result.live);
      });
      publishCommitted(deps.bus, live);
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

/** Events numbered in their transaction go straight to this instance's streams; the others (PostgreSQL)
 * reach every instance through the sequencer and LISTEN/NOTIFY. */
function publishCommitted(bus: EventBus, live: AppendedLiveEvent[]) {
  for (const e of live) if (e.id !== null) bus.publish({ ...e, id: e.id });
}
