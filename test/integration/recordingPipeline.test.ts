import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/apiKeys.ts';
import { retryAfterReconnect } from '../../src/recordings/inboxAssigner.ts';
import { recordingPipelineCheck } from '../../src/recordings/recordingHealth.ts';
import { reconcileRecordings } from '../../src/recordings/recordingReconciler.ts';
import { addCandidate, KELLER } from '../support/records.ts';
import { type Stack, startStack } from '../support/stack.ts';
import { vtt } from '../support/transcripts.ts';
import { connectMilad, connectWebex, simRecording } from '../support/webexConnect.ts';

const CALL = vtt([
  '<v Recruiter>Hallo Frau Keller, Lang von Lang Personal. Sie sind Teamleiterin Buchhaltung bei den Stadtwerken Kassel?</v>',
  '<v Kandidatin>Genau, seit vier Jahren.</v>',
  '<v Recruiter>Was verdienen Sie aktuell?</v>',
  '<v Kandidatin>Einundsechzigtausend brutto im Jahr.</v>',
  '<v Recruiter>Und Ihre Vorstellung?</v>',
  '<v Kandidatin>Achtundsechzig bis zweiundsiebzig.</v>',
  '<v Recruiter>Kündigungsfrist?</v>',
  '<v Kandidatin>Drei Monate zum Quartalsende.</v>',
  '<v Recruiter>Gut, ich rufe Sie nächsten Freitag an.</v>',
]);

/** A recorded call becomes a note on the candidate, and only then is the recording deleted at Webex. */
describe('call notes from recordings', () => {
  let stack: Stack;
  let milad: string;
  let kellerId: string;

  const record = async (body: object) => {
    const res = await simRecording(stack, { personId: stack.personId, ...body });
    return (await res.json()) as { id: string; deliveries: { status: number }[] };
  };
  const recording = (webexId: string) => stack.recordingOf(webexId);

  beforeAll(async () => {
    stack = await startStack({ transcriptionProvider: 'webex', recordingDownloadHosts: ['127.0.0.1'] });
    milad = await connectMilad(stack);
    kellerId = (await addCandidate(stack, { ...KELLER, status: 'in_kontakt', city: 'Kassel' })).id;
  });
  afterAll(() => stack?.close());

  it('fills the candidate, adds a timeline entry and a task, then deletes the recording at Webex', async () => {
    const { id, deliveries } = await record({ callingNumber: '+49561112233', transcript: CALL });
    expect(deliveries.map((d) => d.status)).toEqual([200]);
    await stack.app.pipeline.drain();
    const rec = await recording(id);
    expect(rec).toMatchObject({
      status: 'done',
      step: 'done',
      record_type: 'candidate',
      record_id: kellerId,
      inbox: 0,
    });
    const cand = await stack.app.ctx.db
      .selectFrom('candidates')
      .selectAll()
      .where('id', '=', kellerId)
      .executeTakeFirstOrThrow();
    expect(cand.current_salary_eur).toBe(61000);
    expect(JSON.parse(cand.salary_expectation!)).toEqual({ min: 68000, max: 72000 });
    expect(JSON.parse(cand.notice_period!)).toEqual({ amount: 3, unit: 'months', toEndOf: 'quarter' });
    const timeline = await stack.app.ctx.db
      .selectFrom('timeline_entries')
      .selectAll()
      .where('record_id', '=', kellerId)
      .execute();
    expect(timeline).toHaveLength(1);
    expect(timeline[0]!.transcript).toContain('Einundsechzigtausend');
    const tasks = await stack.app.ctx.db
      .selectFrom('tasks')
      .selectAll()
      .where('record_id', '=', kellerId)
      .execute();
    expect(tasks.map((t) => t.due_date)).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)]);
    expect(stack.sim.recordings.items.get(id)!.purged).toBe(true);
    const audit = await stack.app.ctx.db
      .selectFrom('recording_audit')
      .select('event')
      .where('recording_id', '=', rec.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.event)).toEqual([
      'received',
      'details',
      'transcribed',
      'extracted',
      'applied',
      'deleted_at_webex',
    ]);
  });

  it('takes a call the simulator spoke with espeak-ng (MP3 and Webex transcript) to a note', async () => {
    const res = await simRecording(stack, {
      personId: stack.personId,
      callingNumber: '+49561112233',
      script: [
        'Recruiter: Guten Tag Frau Keller, hier ist Lang Personal.',
        'Kandidatin: Guten Tag.',
        'Recruiter: Wie lange ist Ihre Kündigungsfrist?',
        'Kandidatin: Drei Monate zum Quartalsende.',
      ],
    });
    expect(res.status).toBe(200);
    const { id, sizeBytes, durationSeconds } = (await res.json()) as {
      id: string;
      sizeBytes: number;
      durationSeconds: number;
    };
    const audio = stack.sim.recordings.items.get(id)!.audio;
    expect(audio[0]).toBe(0xff);
    expect(sizeBytes).toBeGreaterThan(5000);
    expect(durationSeconds).toBeGreaterThan(3);
    expect(stack.sim.recordings.items.get(id)!.transcript).toContain(
      '<v Kandidatin>Drei Monate zum Quartalsende.</v>',
    );
    await stack.app.pipeline.drain();
    const rec = await recording(id);
    expect(rec).toMatchObject({ status: 'done', record_id: kellerId });
    expect(rec.transcript).toContain('Kandidatin: Drei Monate zum Quartalsende.');
    const ex = JSON.parse(rec.extraction_json!) as { noticePeriod: unknown };
    expect(ex.noticePeriod).toEqual({ amount: 3, unit: 'months', toEndOf: 'quarter' });
    await stack.app.ctx.db.deleteFrom('timeline_entries').where('recording_id', '=', rec.id).execute();
    await stack.app.ctx.db.deleteFrom('tasks').where('recording_id', '=', rec.id).execute();
  });

  it('turns differing values into suggestions instead of overwriting them', async () => {
    await stack.app.ctx.db
      .updateTable('candidates')
      .set({ current_salary_eur: 59000 })
      .where('id', '=', kellerId)
      .execute();
    const { id } = await record({ callingNumber: '+49561112233', transcript: CALL });
    await stack.app.pipeline.drain();
    expect((await recording(id)).status).toBe('done');
    const cand = await stack.app.ctx.db
      .selectFrom('candidates')
      .selectAll()
      .where('id', '=', kellerId)
      .executeTakeFirstOrThrow();
    expect(cand.current_salary_eur).toBe(59000);
    const s = await stack.app.ctx.db
      .selectFrom('suggestions')
      .selectAll()
      .where('candidate_id', '=', kellerId)
      .execute();
    expect(s.map((x) => [x.field, x.current_value, x.suggested_value])).toEqual([
      ['current_salary_eur', '59000', '61000'],
    ]);
  });

  it('parks an unknown caller in the inbox, deletes the recording, and applies it when assigned', async () => {
    const { id } = await record({ callingNumber: '+4930999888', transcript: CALL });
    await stack.app.pipeline.drain();
    const rec = await recording(id);
    expect(rec).toMatchObject({ status: 'done', inbox: 1, record_id: null });
    expect(stack.sim.recordings.items.get(id)!.purged).toBe(true);
    const page = await fetch(`${stack.url}/nicht-zugeordnet`, { headers: { cookie: milad } }).then((r) =>
      r.text(),
    );
    expect(page).toContain('+49 30 999888');
    const res = await fetch(`${stack.url}/nicht-zugeordnet/${rec.id}/zuordnen`, {
      method: 'POST',
      headers: { cookie: milad, origin: stack.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: `type=candidate&id=${kellerId}`,
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(await recording(id)).toMatchObject({ inbox: 0, record_type: 'candidate', record_id: kellerId });
    const timeline = await stack.app.ctx.db
      .selectFrom('timeline_entries')
      .select('recording_id')
      .where('record_id', '=', kellerId)
      .execute();
    expect(timeline.map((t) => t.recording_id)).toContain(rec.id);
  });

  it('waits out a 429 with Retry-After and fetches fresh details when the transcript link expired', async () => {
    await fetch(`${stack.sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rateLimitNext: 1, retryAfterSeconds: 1 }),
    });
    stack.sim.recordings.linkTtlSec = 0;
    const { id } = await record({ callingNumber: '+49561112233', transcript: CALL });
    // Links stay expired for a while: the step retries with backoff instead of giving up or looping fast.
    setTimeout(() => {
      stack.sim.recordings.linkTtlSec = 3 * 3600;
    }, 1500);
    await stack.app.pipeline.drain(20_000);
    const rec = await recording(id);
    expect(rec.status).toBe('done');
    const faults = await fetch(`${stack.sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    }).then((r) => r.json());
    expect(faults.rateLimit.remaining).toBe(0);
    expect(stack.sim.recordings.items.get(id)!.purged).toBe(true);
  });

  it('picks up a recording whose webhook never arrived', async () => {
    const { id, deliveries } = await record({
      callingNumber: '+49561112233',
      transcript: CALL,
      notify: false,
    });
    expect(deliveries).toEqual([]);
    const { queued, errors } = await reconcileRecordings(stack.app.ctx.db, stack.app.webex.tokens);
    expect(errors).toEqual([]);
    expect(queued).toBe(1);
    await stack.app.pipeline.drain();
    expect((await recording(id)).status).toBe('done');
    expect((await reconcileRecordings(stack.app.ctx.db, stack.app.webex.tokens)).queued).toBe(0);
  });

  it('works a backlog depth first: no more recordings under way than the concurrency allows', async () => {
    // Five recordings whose webhooks never came arrive at once through the reconciliation.
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await record({ callingNumber: `+4930555000${i}`, transcript: CALL, notify: false })).id);
    expect((await reconcileRecordings(stack.app.ctx.db, stack.app.webex.tokens)).queued).toBe(5);
    await stack.app.pipeline.drain();
    const recs = await stack.app.ctx.db
      .selectFrom('recordings')
      .select(['id', 'status'])
      .where('webex_recording_id', 'in', ids)
      .execute();
    expect(recs.map((r) => r.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
    // In commit order: a recording is under way from its details to its deletion at Webex.
    const audit = await stack.app.ctx.db
      .selectFrom('recording_audit')
      .select(['recording_id', 'event'])
      .where(
        'recording_id',
        'in',
        recs.map((r) => r.id),
      )
      .orderBy('id')
      .execute();
    let underWay = 0;
    let most = 0;
    for (const a of audit) {
      if (a.event === 'details') most = Math.max(most, ++underWay);
      if (a.event === 'deleted_at_webex') underWay--;
    }
    expect(audit.filter((a) => a.event === 'deleted_at_webex')).toHaveLength(5);
    expect(most).toBeLessThanOrEqual(stack.app.ctx.config.recordingConcurrency);
  });

  it("accepts the old backend's calls: PATCH a candidate, POST an unassigned call (X-API-Key)", async () => {
    const { key } = await createApiKey(stack.app.ctx.db, 'old-workflow');
    const headers = { 'content-type': 'application/json', 'x-api-key': key };
    const patch = await fetch(`${stack.url}/api/candidates/${kellerId}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ workModel: 'hybrid', summary: 'Telefonat über die alte Strecke' }),
    });
    expect(patch.status).toBe(200);
    expect(await patch.json()).toMatchObject({ ok: true, filled: ['Arbeitsmodell'] });
    const bad = await fetch(`${stack.url}/api/candidates/${kellerId}`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ workModel: 'sometimes' }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: 'invalid_payload',
      message: expect.stringMatching(/^Body ungültig: workModel: /),
    });
    // Without a key nothing is said about the body: the key is checked first.
    const noKey = await fetch(`${stack.url}/api/akquise/unassigned-calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ transcript: 42 }),
    });
    expect(noKey.status).toBe(401);
    const parked = await fetch(`${stack.url}/api/akquise/unassigned-calls`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ phoneNumber: '0211 7778899', summary: 'Rückrufbitte' }),
    });
    expect(parked.status).toBe(201);
    const inbox = await fetch(`${stack.url}/nicht-zugeordnet`, { headers: { cookie: milad } }).then((r) =>
      r.text(),
    );
    expect(inbox).toContain('Rückrufbitte');
  });

  it('stops with a German reason when deleting is not permitted, and finishes after reconnecting', async () => {
    await connectWebex(stack, milad, { dropScopes: ['spark:recordings_write'] });
    const { id } = await record({ callingNumber: '+49561112233', transcript: CALL });
    await stack.app.pipeline.drain();
    let rec = await recording(id);
    expect(rec).toMatchObject({
      status: 'failed',
      step: 'delete',
      last_error: 'Aufnahme konnte nicht gelöscht werden — Berechtigung fehlt, bitte Webex neu verbinden',
    });
    expect(stack.sim.recordings.items.get(id)!.purged).toBe(false);
    // The note is already on the candidate: only the deletion waits.
    expect(rec.applied_at).not.toBeNull();
    // The status page and doctor name it.
    const pageText = await fetch(`${stack.url}/aufnahmen`, { headers: { cookie: milad } }).then((r) =>
      r.text(),
    );
    expect(pageText).toContain('nicht gelöscht werden — Berechtigung fehlt, bitte Webex neu verbinden');
    expect(await recordingPipelineCheck(stack.app.ctx.db)).toMatchObject({ status: 'fail' });
    // Reconnecting with all permissions: the periodic retry picks the deletion up again.
    await new Promise((r) => setTimeout(r, 5));
    await connectWebex(stack, milad);
    expect(await retryAfterReconnect(stack.app.ctx.db)).toBe(1);
    await stack.app.pipeline.drain();
    rec = await recording(id);
    expect(rec.status).toBe('done');
    expect(stack.sim.recordings.items.get(id)!.purged).toBe(true);
    const notes = await stack.app.ctx.db
      .selectFrom('timeline_entries')
      .select('id')
      .where('recording_id', '=', rec.id)
      .execute();
    expect(notes).toHaveLength(1);
  });
});
