import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { EventBus, LiveEventDraft } from './eventBus.ts';
import { appendLiveEvents } from './liveEventStore.ts';

/**
 * Runs `work` in a transaction, stores the live events it returns in the same transaction, and
 * publishes them once it committed (on PostgreSQL the sequencer does, after numbering them).
 */
export async function withLiveEvents<T>(
  deps: { db: Kysely<DB>; bus: EventBus },
  work: (trx: Transaction<DB>) => Promise<{ result: T; live: LiveEventDraft[] }>,
): Promise<T> {
  const { result, appended } = await deps.db.transaction().execute(async (trx) => {
    const out = await work(trx);
    return { result: out.result, appended: await appendLiveEvents(trx, out.live) };
  });
  for (const e of appended) if (e.id !== null) deps.bus.publish({ ...e, id: e.id });
  return result;
}
