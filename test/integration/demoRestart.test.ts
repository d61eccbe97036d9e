import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { runDemo } from '../../src/demo/demoRunner.ts';
import type { Check } from '../../src/doctor/doctor.ts';
import { freePort } from '../support/serviceProcess.ts';
import { loginAt } from '../support/stack.ts';
import { testBackend } from '../support/testDatabase.ts';

/** `./dev demo` started twice on the same data/demo.db, and a call rung by hand on the simulator's page. */
describe.skipIf(testBackend() === 'postgres')('the demo, restarted', () => {
  let dir: string;
  let demo: Awaited<ReturnType<typeof runDemo>>;
  let interruptedCall = '';
  const start = async () =>
    runDemo({
      config: loadConfig({
        env: {},
        overrides: {
          port: await freePort(),
          databaseUrl: `sqlite:${join(dir, 'demo.db')}`,
          recordingTmpDir: join(dir, 'tmp'),
          logLevel: 'silent',
        },
      }),
      simulatorPort: 0,
      ringEverySeconds: 0,
    });
  const login = (username: string, password: string) => loginAt(demo.app.url, username, password);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cb-demo-restart-'));
    const first = await start();
    // A call still in progress when the first run stops (its end event will never come).
    const { callId } = (await fetch(`${first.sim.url}/_sim/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+4940111222', scenario: 'ringing' }),
    }).then((r) => r.json())) as { callId: string };
    await fetch(`${first.sim.url}/_sim/calls/${encodeURIComponent(callId)}/answer`, { method: 'POST' });
    interruptedCall = (
      await first.app.ctx.db
        .selectFrom('calls')
        .select(['id', 'state'])
        .where('webex_call_id', '=', callId)
        .executeTakeFirstOrThrow()
    ).id;
    await first.close();
    demo = await start();
  });
  afterAll(async () => {
    await demo?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('closes a call the earlier run left in progress as "Ende unbekannt", not "Verbunden" for hours', async () => {
    const call = await demo.app.ctx.db
      .selectFrom('calls')
      .selectAll()
      .where('id', '=', interruptedCall)
      .executeTakeFirstOrThrow();
    expect(call.state).toBe('ended');
    expect(call.ended_at).toBeNull();
  });

  it('shows no false "Neu verbinden nötig" after the restart', async () => {
    await demo.app.webex.upkeep();
    const conns = await demo.app.ctx.db.selectFrom('webex_connections').selectAll().execute();
    expect(conns.map((c) => [c.person_id, c.status])).toEqual([[demo.sim.state.people[0]!.id, 'active']]);
    const admin = await login('admin', 'demo-admin');
    const page = await fetch(`${demo.app.url}/webex`, { headers: { cookie: admin } }).then((r) => r.text());
    expect(page).not.toContain('Neu verbinden nötig');
    const milad = await login('milad', 'demo-milad');
    const w = await fetch(`${demo.app.url}/api/webex/warnings`, { headers: { cookie: milad } }).then((r) =>
      r.json(),
    );
    expect(w.warnings).toEqual([]);
  });

  it('records a call rung by hand with the generic German transcript, saying so first; times in Berlin time', async () => {
    const ui = await fetch(`${demo.sim.url}/_sim/ui/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        from: '+49 40 99887766',
        personId: demo.sim.state.people[0]!.id,
        recording: 'generic',
        scenario: 'answered',
      }).toString(),
      redirect: 'manual',
    });
    expect(ui.status).toBe(303);
    let page = await fetch(`${demo.sim.url}/_sim`).then((r) => r.text());
    expect(page).toContain(
      'Nach dem Auflegen entsteht eine Aufnahme mit dem Transkript „Allgemeines Testgespräch (deutsch)“',
    );
    expect(page).not.toContain('Kein convergedRecordings-Webhook');
    const call = [...demo.sim.state.calls.values()].at(-1)!;
    const berlin = new Intl.DateTimeFormat('de-DE', {
      timeStyle: 'medium',
      timeZone: 'Europe/Berlin',
    }).format(new Date(call.created));
    expect(page).toContain(`<td>${berlin}</td>`);

    const deadline = Date.now() + 60_000;
    let rec: { status: string; inbox: number; transcript: string | null } | undefined;
    while (Date.now() < deadline) {
      rec = await demo.app.ctx.db
        .selectFrom('recordings')
        .select(['status', 'inbox', 'transcript'])
        .where('remote_number', 'like', '%40998877%')
        .executeTakeFirst();
      if (rec?.status === 'done' || rec?.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(rec).toMatchObject({ status: 'done', inbox: 1 });
    page = await fetch(`${demo.sim.url}/_sim`).then((r) => r.text());
    expect(page).toContain('Allgemeines Testgespräch (deutsch): von CallBridge abgeholt und gelöscht');
  }, 90_000);

  it('says a missed call is not recorded', async () => {
    await fetch(`${demo.sim.url}/_sim/ui/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ from: '+49 40 1', recording: 'demo:0', scenario: 'missed' }).toString(),
      redirect: 'manual',
    });
    const page = await fetch(`${demo.sim.url}/_sim`).then((r) => r.text());
    expect(page).toContain('Keine Aufnahme: nur angenommene Anrufe werden aufgenommen.');
  });

  it('prints a doctor command that checks this demo: its database, key file and simulator', async () => {
    expect(demo.doctorCommand).toContain(`DATABASE_URL=sqlite:${join(dir, 'demo.db')}`);
    expect(demo.doctorCommand).toContain(`ENCRYPTION_KEY=$(cat ${join(dir, 'demo.key')})`);
    const command = demo.doctorCommand.replace(
      './callbridge doctor',
      `${process.execPath} src/cli/main.ts doctor --json`,
    );
    // Async: the simulator lives in this process and must keep answering while doctor runs.
    const { stdout } = await promisify(execFile)('sh', ['-c', command], { encoding: 'utf8' }).catch(
      (err: { stdout: string }) => ({ stdout: err.stdout }),
    );
    const checks = (JSON.parse(stdout) as { checks: Check[] }).checks;
    expect(checks.find((c) => c.id === 'encryption_key')?.status).toBe('ok');
    expect(checks.find((c) => c.id === 'integration')?.status).toBe('ok');
    expect(checks.filter((c) => c.id.endsWith(':token')).map((c) => c.status)).toEqual(['ok']);
  });
});
