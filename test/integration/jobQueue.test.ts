import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.ts';
import {
  enqueueJob,
  JobQueue,
  LeaseLost,
  PermanentJobError,
  RetryJobLater,
} from '../../src/jobs/jobQueue.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { type MigratedTestDb, openMigratedTestDb } from '../support/testDatabase.ts';

const log = createLogger({ level: 'silent' });

/** The job queue on the backend CB_TEST_DB selects, with two "instances" (own connections each). */
describe('job queue', () => {
  let a: MigratedTestDb;
  let b: Database;
  const queues: JobQueue[] = [];
  const queue = (d: Database, concurrency = 4) => {
    const q = new JobQueue({ db: d.db, log }).lane('work', { concurrency });
    queues.push(q);
    return q;
  };
  const job = (id: string) =>
    a.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    a = await openMigratedTestDb();
    b = openDatabase(a.url);
  });
  afterAll(async () => {
    for (const q of queues) await q.stop(100);
    await b?.close();
    await a?.dispose();
  });

  it('runs each of 200 jobs exactly once across two instances claiming at the same time', async () => {
    const runs: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const def = {
      type: 'count',
      lane: 'work',
      run: async (j: { payload: { n: number } }) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 2));
        runs.push(String(j.payload.n));
        inFlight--;
      },
    };
    const [qa, qb] = [queue(a).define(def), queue(b).define(def)];
    for (let n = 0; n < 200; n++) await enqueueJob(a.db, { type: 'count', payload: { n } });
    qa.start({ pollMs: 20 });
    qb.start({ pollMs: 20 });
    await Promise.all([qa.drain(['count'], 30_000), qb.drain(['count'], 30_000)]);
    expect(runs).toHaveLength(200);
    expect(new Set(runs).size).toBe(200);
    expect(maxInFlight).toBeLessThanOrEqual(8);
    const left = await a.db.selectFrom('jobs').select('id').where('status', '!=', 'done').execute();
    expect(left).toEqual([]);
    await qa.stop(100);
    await qb.stop(100);
  });

  it('claims due jobs by priority, then oldest first', async () => {
    const order: string[] = [];
    const q = queue(a, 1).define<{ name: string }>({
      type: 'prio',
      lane: 'work',
      run: async (j) => {
        order.push(j.payload.name);
      },
    });
    const at = (s: number) => new Date(Date.now() - 60_000 + s * 1000);
    await enqueueJob(a.db, { type: 'prio', payload: { name: 'old-low' }, runAt: at(0) });
    await enqueueJob(a.db, { type: 'prio', payload: { name: 'new-high' }, runAt: at(3), priority: 5 });
    await enqueueJob(a.db, { type: 'prio', payload: { name: 'old-high' }, runAt: at(1), priority: 5 });
    await enqueueJob(a.db, { type: 'prio', payload: { name: 'mid' }, runAt: at(2), priority: 2 });
    // Not due yet: priority does not pull a job forward in time.
    await enqueueJob(a.db, {
      type: 'prio',
      payload: { name: 'later-top' },
      runAt: new Date(Date.now() + 60_000),
      priority: 9,
    });
    q.start({ pollMs: 20 });
    await q.drain(['prio'], 1_000);
    expect(order).toEqual(['old-high', 'new-high', 'mid', 'old-low']);
    await q.stop(100);
  });

  it('adds a keyed job once', async () => {
    const first = await enqueueJob(a.db, { type: 'keyed', key: 'recording:1:details' });
    const again = await enqueueJob(b.db, { type: 'keyed', key: 'recording:1:details' });
    expect(first).not.toBeNull();
    expect(again).toBeNull();
  });

  it('retries with backoff, honours a named delay, and stops permanent failures with onFailure', async () => {
    const failures: { final: boolean; attempts: number; message: string }[] = [];
    let calls = 0;
    const q = queue(a)
      .define<{ mode: string }>({
        type: 'flaky',
        lane: 'work',
        backoffMs: () => 20,
        maxAttempts: 5,
        run: async (j) => {
          if (j.payload.mode === 'permanent') throw new PermanentJobError('Berechtigung fehlt');
          calls++;
          if (calls === 1) throw new RetryJobLater('429', 30);
          if (calls === 2) throw new Error('ECONNRESET');
        },
        onFailure: async (_trx, _job, f) => {
          failures.push({ final: f.final, attempts: f.attempts, message: f.message });
        },
      })
      .define({
        type: 'hopeless',
        lane: 'work',
        backoffMs: () => 5,
        maxAttempts: 3,
        run: async () => {
          throw new Error('boom');
        },
      });
    const ok = (await enqueueJob(a.db, { type: 'flaky', payload: { mode: 'ok' } }))!;
    const perm = (await enqueueJob(a.db, { type: 'flaky', payload: { mode: 'permanent' } }))!;
    const hopeless = (await enqueueJob(a.db, { type: 'hopeless' }))!;
    q.start({ pollMs: 10 });
    await q.drain(['flaky', 'hopeless'], 20_000);
    expect(await job(ok)).toMatchObject({ status: 'done', attempts: 3 });
    expect(await job(perm)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'Berechtigung fehlt',
    });
    expect(await job(hopeless)).toMatchObject({ status: 'failed', attempts: 3, last_error: 'boom' });
    expect(failures).toEqual(
      expect.arrayContaining([
        { final: false, attempts: 1, message: '429' },
        { final: false, attempts: 2, message: 'ECONNRESET' },
        { final: true, attempts: 1, message: 'Berechtigung fehlt' },
      ]),
    );
    await q.stop(100);
  });

  it('takes over a job whose worker died, and fences the dead worker out', async () => {
    const id = (await enqueueJob(a.db, { type: 'orphan' }))!;
    // A worker claimed it and died: running, lease in the past, its token on the row.
    await a.db
      .updateTable('jobs')
      .set({
        status: 'running',
        attempts: 1,
        claim_token: 'dead-worker',
        lease_until: new Date(Date.now() - 1000).toISOString(),
      })
      .where('id', '=', id)
      .execute();
    let ran = 0;
    const q = queue(b).define({
      type: 'orphan',
      lane: 'work',
      run: async () => {
        ran++;
      },
    });
    q.start({ pollMs: 10 });
    await q.drain(['orphan'], 10_000);
    expect(ran).toBe(1);
    expect(await job(id)).toMatchObject({ status: 'done', attempts: 2 });
    // The dead worker's late completion changes nothing.
    const late = await a.db
      .updateTable('jobs')
      .set({ status: 'done' })
      .where('id', '=', id)
      .where('claim_token', '=', 'dead-worker')
      .executeTakeFirst();
    expect(Number(late.numUpdatedRows)).toBe(0);
    await q.stop(100);
  });

  it('takes back at once what its own dead run held, never what another live instance holds', async () => {
    const lease = new Date(Date.now() + 5 * 60_000).toISOString();
    const claimed = async (lockedBy: string, boot: string) => {
      const id = (await enqueueJob(a.db, { type: 'own-claims' }))!;
      await a.db
        .updateTable('jobs')
        .set({
          status: 'running',
          attempts: 1,
          claim_token: `t-${boot}`,
          locked_by: lockedBy,
          claim_boot: boot,
          lease_until: lease,
        })
        .where('id', '=', id)
        .execute();
      return id;
    };
    // host-a:3000 was kill -9ed while running `mine`; host-b:3000 is alive and running `theirs`.
    const mine = await claimed('host-a:3000', 'boot-before-crash');
    const theirs = await claimed('host-b:3000', 'boot-of-b');
    const ran: string[] = [];
    const def = {
      type: 'own-claims',
      lane: 'work',
      run: async (j: { id: string }) => {
        ran.push(j.id);
      },
    };
    // A queue without a stable identity (CLI, tests) takes back nothing.
    const anonymous = queue(b).define(def);
    expect(await anonymous.reclaimOwnDeadClaims()).toBe(0);
    // The restarted host-a: a new boot of the same instance.
    const restarted = new JobQueue({ db: b.db, log, instanceId: 'host-a:3000' }).lane('work', {
      concurrency: 4,
    });
    queues.push(restarted);
    restarted.define(def);
    restarted.start({ pollMs: 20 });
    const started = Date.now();
    expect(await restarted.reclaimOwnDeadClaims()).toBe(1);
    await expect.poll(async () => (await job(mine)).status, { timeout: 5_000, interval: 20 }).toBe('done');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(ran).toEqual([mine]);
    expect(await job(mine)).toMatchObject({
      attempts: 2,
      locked_by: 'host-a:3000',
      claim_boot: restarted.boot,
    });
    // host-b's claim is untouched: still running, its lease and boot as they were.
    expect(await job(theirs)).toMatchObject({
      status: 'running',
      lease_until: lease,
      claim_boot: 'boot-of-b',
    });
    // And a second call finds nothing: the jobs of this run are its own.
    expect(await restarted.reclaimOwnDeadClaims()).toBe(0);
    await restarted.stop(100);
    await a.db.deleteFrom('jobs').where('id', '=', theirs).execute();
  });

  it('rolls back a handler’s writes when its lease was taken over before it committed', async () => {
    const id = (await enqueueJob(a.db, { type: 'slow', key: 'slow-1' }))!;
    let lost: unknown = null;
    const q = queue(a).define({
      type: 'slow',
      lane: 'work',
      leaseMs: 60_000,
      run: async (j) => {
        // Someone else takes the job over meanwhile (our lease ran out while we were stalled).
        await b.db.updateTable('jobs').set({ claim_token: 'other' }).where('id', '=', id).execute();
        try {
          await a.db.transaction().execute(async (trx) => {
            await trx
              .insertInto('webex_upkeep_log')
              .values({ at: 'x', connection_id: null, action: 'witness', detail: 'x' })
              .execute();
            await j.complete(trx);
          });
        } catch (err) {
          lost = err;
          throw err;
        }
      },
    });
    q.start({ pollMs: 10 });
    const end = Date.now() + 5000;
    while (!lost && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(lost).toBeInstanceOf(LeaseLost);
    const witness = await a.db
      .selectFrom('webex_upkeep_log')
      .selectAll()
      .where('action', '=', 'witness')
      .execute();
    expect(witness).toEqual([]);
    await q.stop(100);
  });

  it('runs a periodic job once per period across two instances', async () => {
    let runs = 0;
    const mk = (d: Database) =>
      queue(d).every('upkeep', 60_000, 'work', async () => {
        runs++;
      });
    const [qa, qb] = [mk(a), mk(b)];
    // The start of the previous minute: both periods below are due now.
    const now = (Math.floor(Date.now() / 60_000) - 1) * 60_000;
    const added = await Promise.all([
      qa.schedulePeriodic(now),
      qb.schedulePeriodic(now),
      qa.schedulePeriodic(now + 1000),
      qb.schedulePeriodic(now + 60_000),
    ]);
    // Whoever inserts the period first runs it; the others add nothing.
    expect(added[0]! + added[1]! + added[2]!).toBe(1);
    expect(added[3]).toBe(1);
    await Promise.all([qa.drain(['periodic:upkeep']), qb.drain(['periodic:upkeep'])]);
    expect(runs).toBe(2);
  });

  it('runs a periodic job asked to at start at once, and one shorter than the check in each period', async () => {
    const runs: number[] = [];
    const started = Date.now();
    // Two instances, as on PostgreSQL: each 400 ms period runs once across both.
    const mk = (d: Database) =>
      queue(d).every(
        'short',
        400,
        'work',
        async () => {
          runs.push(Date.now() - started);
        },
        { atStart: true },
      );
    const [qa, qb] = [mk(a), mk(b)];
    qa.start({ pollMs: 10 });
    qb.start({ pollMs: 10 });
    while (runs.length === 0) await new Promise((r) => setTimeout(r, 10));
    // At start, not after the 30 s check.
    expect(runs[0]).toBeLessThan(2000);
    await new Promise((r) => setTimeout(r, 2000));
    await Promise.all([qa.stop(100), qb.stop(100)]);
    const periods = await a.db
      .selectFrom('jobs')
      .select(['key', 'status'])
      .where('type', '=', 'periodic:short')
      .execute();
    // One job per period, whichever instance enqueued it, run once.
    expect(new Set(periods.map((p) => p.key)).size).toBe(periods.length);
    expect(runs.length).toBe(periods.filter((p) => p.status === 'done').length);
    expect(runs.length).toBeGreaterThanOrEqual(4);
  });

  it('drains on stop: a job still running after the grace period is released, its attempt not counted', async () => {
    const id = (await enqueueJob(a.db, { type: 'long' }))!;
    let started = false;
    const q = queue(a).define({
      type: 'long',
      lane: 'work',
      run: (j) =>
        new Promise<void>((_resolve, reject) => {
          started = true;
          j.signal.addEventListener('abort', () => reject(j.signal.reason));
        }),
    });
    q.start({ pollMs: 10 });
    while (!started) await new Promise((r) => setTimeout(r, 10));
    await q.stop(50);
    expect(await job(id)).toMatchObject({ status: 'queued', attempts: 0, lease_until: null });
  });
});
