import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { runDemo } from '../../src/demo/demoRunner.ts';
import { freePort } from '../support/serviceProcess.ts';
import { loginAt } from '../support/stack.ts';
import { testBackend } from '../support/testDatabase.ts';

/**
 * The README's first command (`./dev demo`): on its embedded default, the simulator's demo calls ring
 * milad's line and an answered call's recording becomes a note on the lead or the candidate who called,
 * or waits in the inbox when the caller is unknown, and is deleted at the simulator. Runs the demo as the command does, with its own timer.
 */
describe.skipIf(testBackend() === 'postgres')('the demo', () => {
  let dir: string;
  let demo: Awaited<ReturnType<typeof runDemo>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cb-demo-'));
    const config = loadConfig({
      env: {},
      overrides: {
        port: await freePort(),
        databaseUrl: `sqlite:${join(dir, 'demo.db')}`,
        recordingTmpDir: join(dir, 'tmp'),
        logLevel: 'silent',
      },
    });
    demo = await runDemo({ config, simulatorPort: 0, ringEverySeconds: 1 });
  });
  afterAll(async () => {
    await demo?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('turns the answered demo calls into notes on the lead and the candidate, parks the unknown caller, and deletes the recordings', async () => {
    const db = demo.app.ctx.db;
    const deadline = Date.now() + 100_000;
    let done: { record_type: string | null; status: string; webex_recording_id: string }[] = [];
    while (Date.now() < deadline) {
      const recs = await db
        .selectFrom('recordings')
        .select(['record_type', 'status', 'last_error', 'webex_recording_id'])
        .execute();
      const failed = recs.find((r) => r.status === 'failed');
      if (failed) throw new Error(`a demo recording stopped: ${failed.last_error}`);
      done = recs.filter((r) => r.status === 'done');
      if (new Set(done.map((r) => r.record_type ?? 'inbox')).size === 3) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    // The unknown caller's note waits in the inbox ("Nicht zugeordnet").
    expect(new Set(done.map((r) => r.record_type ?? 'inbox'))).toEqual(
      new Set(['lead', 'candidate', 'inbox']),
    );
    const notes = await db.selectFrom('timeline_entries').select(['record_type', 'summary']).execute();
    expect(notes.map((n) => n.record_type).sort()).toEqual(expect.arrayContaining(['candidate', 'lead']));
    for (const r of done) expect(demo.sim.recordings.items.get(r.webex_recording_id)!.purged).toBe(true);
    // The call screen of the recorded call shows the note it became.
    const noted = await db
      .selectFrom('timeline_entries')
      .select(['call_id', 'summary'])
      .where('record_type', '=', 'lead')
      .executeTakeFirstOrThrow();
    expect(noted.call_id).not.toBeNull();
    const cookie = await loginAt(demo.app.url, 'milad', 'demo-milad');
    const screen = await (
      await fetch(`${demo.app.url}/anrufe/${noted.call_id}`, { headers: { cookie, accept: 'text/html' } })
    ).text();
    expect(screen).toContain('Aus der Aufnahme');
    expect(screen).toContain(noted.summary.slice(0, 30));
  }, 110_000);
});
