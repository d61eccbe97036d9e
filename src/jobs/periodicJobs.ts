import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { enqueueJob } from './jobStore.ts';

/**
 * Periodic jobs are enqueued with the key `periodic:<name>:<period>`: whichever instance inserts it
 * first, the job runs once per period across all instances, with retries and takeover like any job.
 * Each is checked every 30 s (or at half its period when that is shorter), and at start if it asks to.
 */

export interface Periodic {
  name: string;
  everyMs: number;
  atStart: boolean;
}

export const periodicJobType = (name: string) => `periodic:${name}`;

/** Enqueues the current period of each job (a no-op for periods already enqueued); returns how many were new. */
export async function enqueueCurrentPeriods(
  db: Kysely<DB>,
  list: readonly Periodic[],
  now: number,
): Promise<number> {
  let added = 0;
  for (const p of list) {
    const period = Math.floor(now / p.everyMs);
    const id = await enqueueJob(db, {
      type: periodicJobType(p.name),
      key: `periodic:${p.name}:${period}`,
      payload: { period: String(period) },
      runAt: new Date(now),
    });
    if (id) added++;
  }
  return added;
}

/**
 * The timers that check the periodic jobs: every `checkMs`, or at half a job's period when that is
 * shorter, and at once for those that ask for it. Returns the timers (unref'd) for the caller to clear.
 */
export function startPeriodicChecks(
  list: readonly Periodic[],
  checkMs: number,
  schedule: (only: readonly Periodic[]) => void,
): NodeJS.Timeout[] {
  const timers: NodeJS.Timeout[] = [];
  // The first check a while after start, as a restart loop should not run every job at each start.
  // A job due more often than that is checked at half its period, so none of its periods is missed.
  const byCadence = new Map<number, Periodic[]>();
  for (const p of list) {
    const ms = Math.min(checkMs, Math.max(1, Math.floor(p.everyMs / 2)));
    byCadence.set(ms, [...(byCadence.get(ms) ?? []), p]);
  }
  for (const [ms, group] of byCadence) {
    const t = setInterval(() => schedule(group), ms);
    t.unref();
    timers.push(t);
  }
  const atStart = list.filter((p) => p.atStart);
  if (atStart.length) schedule(atStart);
  return timers;
}
