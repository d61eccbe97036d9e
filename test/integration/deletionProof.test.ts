import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingReport } from '../../src/privacy/deletionProofReport.ts';
import { privacyChecks } from '../../src/privacy/privacyHealth.ts';
import { retryAfterReconnect } from '../../src/recordings/inboxAssigner.ts';
import { addCandidate } from '../support/records.ts';
import { type Stack, startStack } from '../support/stack.ts';
import { configureIntegration, connectWebex, simRecording } from '../support/webexConnect.ts';

const VTT = 'WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\n<v Kandidat>Guten Tag, hier ist Herr Lind.</v>\n';

/** Proof of deletion at Webex: when and how it was confirmed, and a warning while it is overdue. */
describe('deletion proof', () => {
  let stack: Stack;
  let milad: string;
  beforeAll(async () => {
    stack = await startStack({ transcriptionProvider: 'webex', recordingDownloadHosts: ['127.0.0.1'] });
    milad = await stack.login('milad', 'milad-password');
    await configureIntegration(stack);
    await addCandidate(stack, {
      firstName: 'Ole',
      lastName: 'Lind',
      phones: ['040 3344556'],
    });
  });
  afterAll(() => stack?.close());

  const deletionCheck = async () =>
    (await privacyChecks(stack.app.ctx.db, stack.app.ctx.config)).find(
      (c) => c.id === 'privacy:deletion_proof',
    )!;
  const page = () => fetch(`${stack.url}/aufnahmen`, { headers: { cookie: milad } }).then((r) => r.text());

  it('warns when Webex refuses the deletion for more than 5 minutes, and clears after reconnecting', async () => {
    // Webex refuses the deletion: the connection lacks spark:recordings_write.
    await connectWebex(stack, milad, { dropScopes: ['spark:recordings_write'] });
    const { id } = (await simRecording(stack, {
      personId: stack.personId,
      callingNumber: '+49403344556',
      transcript: VTT,
    }).then((r) => r.json())) as { id: string };
    await stack.app.pipeline.drain();
    const rec = () => stack.recordingOf(id);
    expect(await rec()).toMatchObject({ status: 'failed', step: 'delete', deleted_at_webex: null });
    // Just committed: not overdue yet.
    expect((await deletionCheck()).status).toBe('ok');
    expect(await page()).not.toContain('id="deletion-overdue"');

    // Six minutes later (the note's commit moved back instead of waiting).
    await stack.app.ctx.db
      .updateTable('recordings')
      .set({ applied_at: new Date(Date.now() - 6 * 60_000).toISOString() })
      .where('webex_recording_id', '=', id)
      .execute();
    expect((await deletionCheck()).status).toBe('warn');
    expect((await deletionCheck()).de).toContain('1 Aufnahme liegt mehr als 5 Minuten');
    expect(await page()).toContain('id="deletion-overdue"');
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    expect(await recordingReport(stack.app.ctx.db, from, to)).toMatchObject({
      arrived: 1,
      transcribed: 1,
      stillAtWebex: 1,
      overdue: 1,
    });

    await new Promise((r) => setTimeout(r, 5));
    await connectWebex(stack, milad);
    expect(await retryAfterReconnect(stack.app.ctx.db)).toBe(1);
    await stack.app.pipeline.drain();
    const done = await rec();
    expect(done.status).toBe('done');
    expect(done.deleted_at_webex).not.toBeNull();
    expect(done.deletion_confirmation).toBe('DELETE bestätigt (HTTP 2xx)');
    expect(stack.sim.recordings.items.get(id)!.purged).toBe(true);
    expect((await deletionCheck()).status).toBe('ok');
    const after = await page();
    expect(after).not.toContain('id="deletion-overdue"');
    expect(after).toContain('DELETE bestätigt (HTTP 2xx)');

    // The CLI report on the same database.
    const cli = spawnSync(
      process.execPath,
      [
        'src/cli/main.ts',
        'privacy',
        'report',
        '--from',
        from.slice(0, 10),
        '--to',
        to.slice(0, 10),
        '--json',
      ],
      { env: { ...process.env, DATABASE_URL: stack.database.url }, encoding: 'utf8' },
    );
    expect(cli.status, cli.stderr).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({
      arrived: 1,
      transcribed: 1,
      deletedAtWebex: 1,
      stillAtWebex: 0,
      overdue: 0,
      deletedUnread: { objection: 0, noConsent: 0, unknownCaller: 0, erased: 0 },
      erasures: 0,
    });
  });
});
