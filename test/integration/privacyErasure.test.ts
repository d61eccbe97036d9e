import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerInto } from '../support/logs.ts';
import { addCandidate } from '../support/records.ts';
import { CLIENT_ID, CLIENT_SECRET, type Stack, startStack } from '../support/stack.ts';
import { vtt } from '../support/transcripts.ts';
import { configureIntegrationAsAdmin, connectWebex, simRecording } from '../support/webexConnect.ts';

const NAME = 'Zaunkönig';
const FIRST = 'Friederike';
const DIGITS = '5617781234';
const E164 = `+49${DIGITS}`;
const CALL = vtt([
  `<v Recruiter>Hallo Frau ${NAME}, Lang von Lang Personal. Sie sind Teamleiterin Buchhaltung bei den Stadtwerken Kassel?</v>`,
  '<v Kandidatin>Genau, seit vier Jahren.</v>',
  '<v Recruiter>Was verdienen Sie aktuell?</v>',
  '<v Kandidatin>Einundsechzigtausend brutto im Jahr.</v>',
  '<v Recruiter>Und Ihre Vorstellung?</v>',
  '<v Kandidatin>Achtundsechzig bis zweiundsiebzig.</v>',
  '<v Recruiter>Gut, ich rufe Sie nächsten Freitag an.</v>',
]);

/** Art. 15 export and Art. 17 erasure of a person who went through the whole flow. */
describe('access export and erasure', () => {
  let stack: Stack;
  let milad: string;
  let admin: string;
  let candidateId = '';
  let webexRecordingId = '';
  let callId = '';
  let session = '';
  const logs: string[] = [];
  const responses: string[] = [];
  const get = async (path: string, cookie: string) => {
    const res = await fetch(`${stack.url}${path}`, { headers: { cookie } });
    const text = await res.text();
    responses.push(text);
    return { status: res.status, text };
  };

  beforeAll(async () => {
    stack = await startStack(
      {
        transcriptionProvider: 'webex',
        recordingDownloadHosts: ['127.0.0.1'],
        // An old backend that is down: the forward of the note waits in the queue.
        legacyBackendUrl: 'http://127.0.0.1:9',
        logLevel: 'info',
      },
      { log: loggerInto(logs, 'info') },
    );
    milad = await stack.login('milad', 'milad-password');
    admin = await stack.login('admin', 'admin-password');
    await configureIntegrationAsAdmin(stack, admin, CLIENT_ID, CLIENT_SECRET);
    await connectWebex(stack, milad);
    candidateId = (
      await addCandidate(stack, {
        firstName: FIRST,
        lastName: NAME,
        email: 'f.zaunkoenig@example.de',
        status: 'in_kontakt',
        city: 'Kassel',
        phones: ['0561 7781234'],
      })
    ).id;
    // A salary already on file: the call's figure becomes a suggestion.
    await stack.app.ctx.db
      .updateTable('candidates')
      .set({ current_salary_eur: 50000 })
      .where('id', '=', candidateId)
      .execute();
    await fetch(`${stack.url}/api/privacy/consent/candidate/${candidateId}`, {
      method: 'POST',
      headers: { cookie: milad, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'consent', channel: 'telefon', note: 'am Telefon zugestimmt' }),
    });

    // The call: rings with the caller's name, is answered, gets a note on the call screen.
    const { callId: simCallId } = await stack.ring({ from: E164, name: `${FIRST} ${NAME}` });
    const call = await stack.callOf(simCallId);
    callId = call.id;
    await fetch(`${stack.url}/anrufe/${callId}/notiz`, {
      method: 'POST',
      headers: { cookie: milad, origin: stack.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: `notiz=${encodeURIComponent(`Frau ${NAME} ruft zurück, Tel. 0561 7781234`)}`,
    });
    const draft = await fetch(`${stack.url}/api/calls/${callId}/draft`, {
      method: 'PUT',
      headers: { cookie: milad, 'content-type': 'application/json' },
      body: JSON.stringify({ text: `Entwurf: Frau ${NAME} mag Kassel` }),
    });
    expect(draft.ok).toBe(true);
    // Webex refuses the deletion once: the recording is still there when the erasure comes.
    await fetch(`${stack.sim.url}/_sim/recordings/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fail: { on: 'delete', status: 403, times: 1 } }),
    });
    session = stack.sim.state.calls.get(simCallId)!.callSessionId;
    const rec = await simRecording(stack, {
      personId: stack.personId,
      callingNumber: E164,
      callSessionId: session,
      transcript: CALL,
    }).then((r) => r.json() as Promise<{ id: string }>);
    webexRecordingId = rec.id;
    await stack.app.pipeline.drain();
  });
  afterAll(() => {
    if (process.env['DEBUG_LOGS']) console.log(logs.filter((l) => /"level":(40|50)/.test(l)).join(''));
    return stack?.close();
  });

  it('exports everything the flow stored, as JSON and as a German page', async () => {
    const res = await fetch(`${stack.url}/api/privacy/export/candidate/${candidateId}`, {
      headers: { cookie: milad },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const d = (await res.json()) as Record<string, unknown[]> & {
      records: { data: { last_name: string } }[];
    };
    expect(d.records[0]!.data.last_name).toBe(NAME);
    for (const kind of [
      'calls',
      'notes',
      'noteDrafts',
      'recordings',
      'suggestions',
      'tasks',
      'consentHistory',
      'auditEntries',
      'liveEvents',
      'webhookDeliveries',
    ])
      expect(d[kind]!.length, kind).toBeGreaterThan(0);
    expect(JSON.stringify(d.notes)).toContain('Einundsechzigtausend');
    expect(JSON.stringify(d.calls)).toContain('ruft zurück');
    const page = await fetch(`${stack.url}/datenschutz/candidate/${candidateId}/auskunft`, {
      headers: { cookie: milad },
    }).then((r) => r.text());
    expect(page).toContain('Auskunft nach Art. 15 DSGVO');
    expect(page).toContain('Einwilligung erteilt');
    expect(page).toContain('Gesprächsnotizen (1)');
  });

  it('lets only admins erase', async () => {
    const body = JSON.stringify({ type: 'candidate', id: candidateId });
    const headers = { 'content-type': 'application/json' };
    const byRecruiter = await fetch(`${stack.url}/api/privacy/erasures`, {
      method: 'POST',
      headers: { ...headers, cookie: milad },
      body,
    });
    expect(byRecruiter.status).toBe(403);
    const bad = await fetch(`${stack.url}/api/privacy/erasures`, {
      method: 'POST',
      headers: { ...headers, cookie: admin },
      body: JSON.stringify({ type: 'someone' }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/^Wen löschen\? \{"type": "lead"\|"candidate"/);
    expect((await get(`/kandidaten/${candidateId}`, milad)).text).not.toContain('id="erase"');
    expect((await get(`/kandidaten/${candidateId}`, admin)).text).toContain('id="erase"');
  });

  it('erases the person everywhere, deletes their recording at Webex and keeps a tombstone only', async () => {
    const before = await stack.recordingOf(webexRecordingId);
    expect(before).toMatchObject({ status: 'failed', step: 'delete', record_id: candidateId });
    const queuedForwards = await stack.app.ctx.db
      .selectFrom('jobs')
      .select('id')
      .where('type', '=', 'legacy.forward')
      .where('status', 'in', ['queued', 'running', 'failed'])
      .execute();
    expect(queuedForwards.length).toBe(1);

    const res = await fetch(`${stack.url}/api/privacy/erasures`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'candidate', id: candidateId }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    let tomb: { status: string; summary: Record<string, number> | null } = { status: '', summary: null };
    for (let i = 0; i < 200 && tomb.status !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      tomb = JSON.parse((await get(`/api/privacy/erasures/${id}`, admin)).text);
    }
    expect(tomb.status).toBe('done');
    expect(tomb.summary).toMatchObject({
      records: 1,
      notes: 1,
      noteDrafts: 1,
      suggestions: 1,
      tasks: 1,
      recordingsToDeleteAtWebex: 1,
      forwardsCancelled: 1,
    });
    await stack.app.pipeline.drain();
    expect(stack.sim.recordings.items.get(webexRecordingId)!.purged).toBe(true);
    const after = await stack.recordingOf(webexRecordingId);
    expect(after).toMatchObject({
      status: 'done',
      privacy_block: 'erased',
      transcript: null,
      details_json: null,
    });
    expect(after.deleted_at_webex).not.toBeNull();

    // A recording of the same call that Webex reports only now is deleted unread.
    const late = await simRecording(stack, {
      personId: stack.personId,
      callingNumber: E164,
      callSessionId: session,
      transcript: CALL,
    }).then((r) => r.json() as Promise<{ id: string }>);
    await stack.app.pipeline.drain();
    expect(
      await stack.app.ctx.db
        .selectFrom('recordings')
        .select(['privacy_block', 'transcript', 'status'])
        .where('webex_recording_id', '=', late.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ privacy_block: 'objection', transcript: null, status: 'done' });
    expect(stack.sim.recordings.downloads.get(late.id)).toBeUndefined();
    expect(stack.sim.recordings.items.get(late.id)!.purged).toBe(true);

    expect((await get(`/kandidaten/${candidateId}`, admin)).status).toBe(404);
    for (const path of [
      '/api/calls',
      `/api/calls/${callId}`,
      '/api/candidates',
      `/anrufe/${callId}`,
      '/anrufe',
      '/aufnahmen',
      '/nicht-zugeordnet',
      `/datenschutz/loeschungen/${id}`,
    ])
      await get(path, admin);
    const seen = responses.slice(-9).join('\n');
    for (const needle of [NAME, FIRST, DIGITS, '7781234'])
      expect(seen.includes(needle), `API/page shows ${needle}`).toBe(false);
    const infoLogs = logs.join('');
    expect(infoLogs).toContain('erasure done');
    for (const needle of [NAME, DIGITS, '7781234'])
      expect(infoLogs.includes(needle), `logs contain ${needle}`).toBe(false);

    // The database itself: SQLite file and WAL after a checkpoint, or a dump of PostgreSQL.
    let dump: Buffer;
    if (stack.database.kind === 'sqlite') {
      const file = stack.database.url.slice('sqlite:'.length);
      const probe = new SqliteDatabase(file);
      probe.pragma('wal_checkpoint(TRUNCATE)');
      probe.close();
      dump = Buffer.concat(
        [file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f)),
      );
    } else {
      dump = execFileSync('pg_dump', ['--data-only', stack.database.url], { maxBuffer: 256 * 1024 * 1024 });
    }
    expect(dump.length).toBeGreaterThan(1000);
    expect(dump.includes('erasures') || dump.includes(Buffer.from(id))).toBe(true);
    for (const needle of [NAME, 'Zaunk', FIRST, DIGITS, '7781234', 'zaunkoenig'])
      expect(dump.includes(Buffer.from(needle)), `database holds ${needle}`).toBe(false);
  });
});
