import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.ts';
import { addCandidate } from '../support/records.ts';
import { type Stack, startStack } from '../support/stack.ts';
import { connectMilad, simRecording } from '../support/webexConnect.ts';

const VTT = 'WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\n<v Kandidatin>Ich bin Frau Berger.</v>\n';

async function consentStack(overrides: Partial<Config> = {}) {
  const stack = await startStack({
    transcriptionProvider: 'webex',
    recordingDownloadHosts: ['127.0.0.1'],
    ...overrides,
  });
  const milad = await connectMilad(stack);
  return { stack, milad };
}

const candidate = (stack: Stack, lastName: string, phone: string) =>
  addCandidate(stack, {
    firstName: 'Eva',
    lastName,
    status: 'in_kontakt',
    phones: [phone],
  }).then((c) => c.id);

/** A call rung at the simulator, left ringing; CallBridge's id for it once the webhook arrived. */
async function ringingCall(stack: Stack, from: string) {
  const { callId } = await stack.ring({ from, scenario: 'ringing' });
  const row = await stack.callOf(callId);
  return { simCallId: callId, callId: row.id, session: stack.sim.state.calls.get(callId)!.callSessionId };
}

async function finish(stack: Stack, simCallId: string) {
  await fetch(`${stack.sim.url}/_sim/calls/${simCallId}/answer`, { method: 'POST' });
  await fetch(`${stack.sim.url}/_sim/calls/${simCallId}/hangup`, { method: 'POST' });
}

async function recordAndDrain(stack: Stack, body: object) {
  const res = await simRecording(stack, { personId: stack.personId, transcript: VTT, ...body });
  const { id } = (await res.json()) as { id: string };
  await stack.app.pipeline.drain();
  const rec = await stack.recordingOf(id);
  const audit = await stack.app.ctx.db
    .selectFrom('recording_audit')
    .select(['event', 'detail'])
    .where('recording_id', '=', rec.id)
    .orderBy('id')
    .execute();
  const sim = (await fetch(`${stack.sim.url}/_sim/recordings/${id}`).then((r) => r.json())) as {
    purged: boolean;
    downloads: { audio: number; transcript: number };
  };
  return { rec, audit: audit.map((a) => a.event), sim };
}

const postJson = (stack: Stack, cookie: string, path: string, body: object) =>
  fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('objection to recording (RECORDING_CONSENT_MODE=objection)', () => {
  let stack: Stack;
  let milad: string;
  beforeAll(async () => {
    ({ stack, milad } = await consentStack());
  });
  afterAll(() => stack?.close());

  it('transcribes a call nobody objected to (the simulator counts the download)', async () => {
    await candidate(stack, 'Normal', '0561 200001');
    const { rec, sim } = await recordAndDrain(stack, { callingNumber: '+49561200001' });
    expect(rec).toMatchObject({ status: 'done', privacy_block: null });
    expect(rec.transcript).toContain('Berger');
    expect(sim.downloads.transcript).toBe(1);
    expect(sim.purged).toBe(true);
  });

  it('deletes the recording of a person who objected before the call, unread, with an audit entry', async () => {
    const id = await candidate(stack, 'Berger', '0561 200002');
    const res = await postJson(stack, milad, `/api/privacy/consent/candidate/${id}`, {
      kind: 'objection',
      channel: 'email',
      note: 'Mail vom 1.12.',
    });
    expect(res.status).toBe(201);
    const state = (await fetch(`${stack.url}/api/privacy/consent/candidate/${id}`, {
      headers: { cookie: milad },
    }).then((r) => r.json())) as { objected: boolean; history: { channel: string; byName: string }[] };
    expect(state).toMatchObject({ objected: true, history: [{ channel: 'email', byName: 'Milad K.' }] });

    const call = await ringingCall(stack, '+49561200002');
    await finish(stack, call.simCallId);
    const { rec, audit, sim } = await recordAndDrain(stack, {
      callingNumber: '+49561200002',
      callSessionId: call.session,
    });
    expect(rec).toMatchObject({ status: 'done', privacy_block: 'objection', transcript: null });
    expect(rec.deleted_at_webex).not.toBeNull();
    expect(rec.deletion_confirmation).toContain('DELETE');
    expect(sim).toMatchObject({ purged: true, downloads: { audio: 0, transcript: 0 } });
    expect(audit).toEqual(['received', 'details', 'blocked_unread', 'deleted_at_webex']);
    const notes = await stack.app.ctx.db
      .selectFrom('timeline_entries')
      .select('id')
      .where('record_id', '=', id)
      .execute();
    expect(notes).toEqual([]);
    const page = await fetch(`${stack.url}/aufnahmen`, { headers: { cookie: milad } }).then((r) => r.text());
    expect(page).toContain('Widerspruch – ungelesen gelöscht');
  });

  it('honours an objection set on the call screen during the call, also for an unknown caller', async () => {
    for (const from of ['+49561200003', '+49561200004']) {
      if (from.endsWith('3')) await candidate(stack, 'Während', '0561 200003');
      const call = await ringingCall(stack, from);
      await fetch(`${stack.sim.url}/_sim/calls/${call.simCallId}/answer`, { method: 'POST' });
      const res = await postJson(stack, milad, `/api/calls/${call.callId}/consent`, {
        kind: 'objection',
        channel: 'telefon',
      });
      expect(res.status).toBe(201);
      await fetch(`${stack.sim.url}/_sim/calls/${call.simCallId}/hangup`, { method: 'POST' });
      const { rec, sim } = await recordAndDrain(stack, { callingNumber: from, callSessionId: call.session });
      expect(rec.privacy_block).toBe('objection');
      expect(sim).toMatchObject({ purged: true, downloads: { audio: 0, transcript: 0 } });
    }
  });

  it('refuses bad input with a German 400 and changes nothing', async () => {
    const id = await candidate(stack, 'Falsch', '0561 200005');
    const res = await postJson(stack, milad, `/api/privacy/consent/candidate/${id}`, { kind: 'vielleicht' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/Art fehlt/);
    const missing = await postJson(stack, milad, '/api/privacy/consent/candidate/nope', {
      kind: 'objection',
      channel: 'telefon',
    });
    expect(missing.status).toBe(404);
    const rows = await stack.app.ctx.db
      .selectFrom('consent_events')
      .select('id')
      .where('record_id', '=', id)
      .execute();
    expect(rows).toEqual([]);
  });
});

describe('opt-in (RECORDING_CONSENT_MODE=consent)', () => {
  let stack: Stack;
  let milad: string;
  beforeAll(async () => {
    ({ stack, milad } = await consentStack({ recordingConsentMode: 'consent' }));
  });
  afterAll(() => stack?.close());

  it('deletes an unknown caller’s and a non-consenting person’s recording unread, transcribes with consent', async () => {
    const unknown = await recordAndDrain(stack, { callingNumber: '+49561300001' });
    expect(unknown.rec.privacy_block).toBe('unknown_caller');
    expect(unknown.sim).toMatchObject({ purged: true, downloads: { audio: 0, transcript: 0 } });

    const id = await candidate(stack, 'Ohne', '0561 300002');
    const without = await recordAndDrain(stack, { callingNumber: '+49561300002' });
    expect(without.rec.privacy_block).toBe('no_consent');
    expect(without.sim.downloads).toEqual({ audio: 0, transcript: 0 });
    const page = await fetch(`${stack.url}/aufnahmen`, { headers: { cookie: milad } }).then((r) => r.text());
    expect(page).toContain('Keine Einwilligung – ungelesen gelöscht');

    await postJson(stack, milad, `/api/privacy/consent/candidate/${id}`, {
      kind: 'consent',
      channel: 'formular',
    });
    const withConsent = await recordAndDrain(stack, { callingNumber: '+49561300002' });
    expect(withConsent.rec.privacy_block).toBeNull();
    expect(withConsent.sim.downloads.transcript).toBe(1);
    expect(withConsent.rec.record_id).toBe(id);
  });
});
