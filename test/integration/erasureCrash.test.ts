import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/auth/userAccounts.ts';
import type { DB } from '../../src/db/schema.ts';
import { generateKey } from '../../src/webex/secretBox.ts';
import { storeCandidate } from '../support/records.ts';
import { freePort, type ServiceProcess, startServiceProcess } from '../support/serviceProcess.ts';
import { loginAt } from '../support/stack.ts';
import { createMigratedTestDatabase, type TestDatabase, withTestDb } from '../support/testDatabase.ts';

/** kill -9 while an erasure is being committed: after the restart it completes; never half done. */
describe('kill -9 during an erasure', () => {
  let database: TestDatabase;
  let svc: ServiceProcess | null = null;
  let port = 0;
  let candidateId = '';
  const KEY = generateKey();
  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: database.url,
    ENCRYPTION_KEY: KEY,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...extra,
  });
  const withDb = <T>(fn: (db: Kysely<DB>) => Promise<T>) => withTestDb(database.url, fn);
  const waitFor = async (what: string, fn: () => Promise<boolean>, ms = 30_000) => {
    const end = Date.now() + ms;
    while (!(await fn())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${svc?.output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  /** What is left of the person, counted in one place: all present, or all gone. */
  const left = () =>
    withDb(async (db) => ({
      candidate: (await db.selectFrom('candidates').select('id').where('id', '=', candidateId).execute())
        .length,
      numbers: (
        await db.selectFrom('phone_numbers').select('e164').where('record_id', '=', candidateId).execute()
      ).length,
      notes: (
        await db.selectFrom('timeline_entries').select('id').where('record_id', '=', candidateId).execute()
      ).length,
      consent: (
        await db.selectFrom('consent_events').select('id').where('record_id', '=', candidateId).execute()
      ).length,
    }));

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    port = await freePort();
    await withDb(async (db) => {
      await addUser(db, { username: 'admin', password: 'admin-password', role: 'admin' });
      candidateId = (
        await storeCandidate(db, { firstName: 'Jonas', lastName: 'Kranich', phones: ['0221 9988776'] })
      ).id;
      const now = new Date().toISOString();
      await db
        .insertInto('timeline_entries')
        .values({
          id: 'note-1',
          record_type: 'candidate',
          record_id: candidateId,
          recording_id: null,
          call_id: null,
          summary: 'Herr Kranich sucht eine neue Stelle.',
          next_steps: '[]',
          transcript: 'Kranich …',
          created_at: now,
        })
        .execute();
      await db
        .insertInto('consent_events')
        .values({
          id: 'consent-1',
          record_type: 'candidate',
          record_id: candidateId,
          call_id: null,
          kind: 'objection',
          channel: 'telefon',
          note: null,
          by_user_id: null,
          at: now,
        })
        .execute();
    });
  });
  afterAll(async () => {
    await svc?.kill('SIGKILL');
    await database?.drop();
  });

  it('completes after a restart, and shows all or nothing meanwhile', async () => {
    svc = await startServiceProcess(env({ TEST_ERASURE_PAUSE_MS: '4000' }), port, [
      'test/support/pausingServe.ts',
    ]);
    const cookie = await loginAt(svc.url, 'admin', 'admin-password');
    const res = await fetch(`${svc.url}/api/privacy/erasures`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'candidate', id: candidateId }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    await waitFor('the erasure inside its commit', async () =>
      svc!.output().includes('test pause before erasure commit'),
    );
    // Everything is written but not committed: another connection still sees the whole person.
    expect(await left()).toEqual({ candidate: 1, numbers: 1, notes: 1, consent: 1 });
    await svc.kill('SIGKILL');
    expect(await left()).toEqual({ candidate: 1, numbers: 1, notes: 1, consent: 1 });
    const queued = await withDb((db) =>
      db
        .selectFrom('erasures')
        .select(['status', 'targets_json'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    );
    expect(queued.status).toBe('queued');

    svc = await startServiceProcess(env(), port);
    // The dead process held the job's lease; once it runs out, the restarted service takes the job.
    await withDb((db) =>
      db
        .updateTable('jobs')
        .set({ lease_until: new Date(Date.now() - 1000).toISOString() })
        .where('status', '=', 'running')
        .execute(),
    );
    await waitFor('erasure done', async () =>
      withDb(
        async (db) =>
          (await db.selectFrom('erasures').select('status').where('id', '=', id).executeTakeFirstOrThrow())
            .status === 'done',
      ),
    );
    expect(await left()).toEqual({ candidate: 0, numbers: 0, notes: 0, consent: 0 });
    const tomb = await withDb((db) =>
      db.selectFrom('erasures').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    );
    expect(tomb.targets_json).toBeNull();
    expect(JSON.parse(tomb.summary_json!)).toMatchObject({ records: 1, notes: 1, consentEntries: 1 });
  }, 90_000);
});
