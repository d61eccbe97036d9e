import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/auth/userAccounts.ts';
import { migrateToLatest } from '../../src/db/database.ts';
import { signBody } from '../../src/webhooks/signature.ts';
import { telephonyDelivery } from '../fixtures/telephonyDeliveries.ts';
import { closeDb, openTestDb } from '../support/cliDb.ts';
import { type ServiceProcess, startServiceProcess } from '../support/serviceProcess.ts';
import { SseClient } from '../support/sseClient.ts';
import { loginAt } from '../support/stack.ts';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase.ts';

const SECRET = 'durability-test-secret-0123456789';

/** What is acknowledged survives a kill -9; a SIGTERM drains instead of dropping work. */
describe('durability of the running service', () => {
  let database: TestDatabase;
  let svc: ServiceProcess | null = null;
  const env = () => ({
    DATABASE_URL: database.url,
    WEBEX_WEBHOOK_SECRET: SECRET,
    SSE_HEARTBEAT_SECONDS: '1',
  });
  const post = (url: string, body: object) => {
    const text = JSON.stringify(body);
    return fetch(`${url}/webhooks/webex`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-spark-signature': signBody(text, SECRET) },
      body: text,
    });
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = openTestDb(database.url);
    await migrateToLatest(db);
    await addUser(db.db, {
      username: 'milad',
      password: 'milad-password',
      webexPersonId: 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS9taWxhZA',
    });
    await closeDb(db);
  });
  afterAll(async () => {
    await svc?.kill('SIGKILL');
    await database?.drop();
  });

  it('keeps every acknowledged delivery across kill -9', async () => {
    svc = await startServiceProcess(env());
    const acked: string[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await post(svc.url, telephonyDelivery({ callId: `crash-${i}` }));
      if (res.status === 200) acked.push(`crash-${i}`);
    }
    expect(acked).toHaveLength(25);
    await svc.kill('SIGKILL');
    svc = await startServiceProcess(env());
    const db = openTestDb(database.url);
    try {
      const calls = await db.db
        .selectFrom('calls')
        .select('webex_call_id')
        .where('webex_call_id', 'like', 'crash-%')
        .execute();
      expect(calls.map((c) => c.webex_call_id).sort()).toEqual([...acked].sort());
    } finally {
      await closeDb(db);
    }
  });

  it('on SIGTERM finishes in-flight requests, tells SSE clients to reconnect, and exits 0', async () => {
    svc ??= await startServiceProcess(env());
    const cookie = await loginAt(svc.url, 'milad', 'milad-password');
    const sse = await SseClient.connect(`${svc.url}/api/events`, { cookie });
    await sse.waitFor((e) => e.event === 'snapshot');
    const inflight = Array.from({ length: 10 }, (_, i) =>
      post(svc!.url, telephonyDelivery({ callId: `drain-${i}` })),
    );
    const exit = svc.kill('SIGTERM');
    const statuses = await Promise.all(inflight.map((p) => p.then((r) => r.status).catch(() => 0)));
    expect(await exit).toBe(0);
    await sse.waitFor((e) => e.event === 'shutdown');
    await sse.close();
    // Every request either completed (and is stored) or was refused before anything was written.
    const db = openTestDb(database.url);
    try {
      const stored = await db.db
        .selectFrom('calls')
        .select('webex_call_id')
        .where('webex_call_id', 'like', 'drain-%')
        .execute();
      expect(stored.length).toBe(statuses.filter((s) => s === 200).length);
    } finally {
      await closeDb(db);
    }
    svc = null;
  });
});
