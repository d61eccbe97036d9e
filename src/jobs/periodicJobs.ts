import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Logger } from '../shared/logger.ts';

export interface PeriodicJob {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
}

const INSTANCE = randomUUID();

/**
 * Runs named periodic jobs once per period across all instances sharing the database: whoever first
 * records (job, period) runs it; the others see the row and skip. Works the same on SQLite (one
 * instance) and PostgreSQL (several).
 */
export class PeriodicJobs {
  readonly #db: Kysely<DB>;
  readonly #log: Logger;
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #running = new Set<Promise<unknown>>();

  constructor(db: Kysely<DB>, log: Logger) {
    this.#db = db;
    this.#log = log;
  }

  /** Claims the current period of a job; true for exactly one caller per period. */
  async claim(job: string, everyMs: number, now = Date.now()): Promise<boolean> {
    const period = String(Math.floor(now / everyMs));
    const inserted = await this.#db
      .insertInto('periodic_runs')
      .values({ job, period, started_at: new Date(now).toISOString(), instance: INSTANCE })
      .onConflict((oc) => oc.columns(['job', 'period']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }

  start(jobs: PeriodicJob[], checkEveryMs = 30_000) {
    for (const job of jobs) {
      const tick = async () => {
        try {
          if (!(await this.claim(job.name, job.everyMs))) return;
          const p = job.run();
          this.#running.add(p);
          await p.finally(() => this.#running.delete(p));
        } catch (err) {
          this.#log.error({ err, job: job.name }, 'periodic job failed');
        }
      };
      const t = setInterval(() => void tick(), Math.min(checkEveryMs, job.everyMs));
      t.unref();
      this.#timers.push(t);
    }
  }

  async stop() {
    for (const t of this.#timers) clearInterval(t);
    await Promise.allSettled([...this.#running]);
  }
}
