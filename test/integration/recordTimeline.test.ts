import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCandidate } from '../support/records.ts';
import { type Stack, startStack } from '../support/stack.ts';
import { vtt } from '../support/transcripts.ts';
import { connectMilad, simRecording } from '../support/webexConnect.ts';

const KELLER = vtt([
  '<v Recruiter>Hallo Frau Keller, was verdienen Sie aktuell?</v>',
  '<v Kandidatin>Einundsechzigtausend brutto im Jahr.</v>',
  '<v Recruiter>Gut, ich rufe Sie nächsten Freitag an.</v>',
]);
const UNKNOWN = vtt([
  '<v Recruiter>Lang Personal, guten Tag.</v>',
  '<v Anrufer>Ich suche eine neue Stelle, meine Kündigungsfrist sind sechs Wochen.</v>',
]);

/**
 * The record's page shows one timeline, newest first, and a note carries the time of its call — not
 * when the recording was processed or assigned from "Nicht zugeordnet".
 */
describe('record timeline', () => {
  let stack: Stack;
  let milad: string;
  let kellerId: string;
  const KELLER_NO = '+495611223344';
  const UNKNOWN_NO = '+4922155501';

  const ring = async (from: string) => {
    const r = await stack.ring({ from, scenario: 'answered' });
    const call = await stack.callOf(r.callId);
    return call;
  };
  const record = async (callSessionId: string | null, callingNumber: string, transcript: string) => {
    const res = await simRecording(stack, {
      personId: stack.personId,
      callSessionId,
      callingNumber,
      transcript,
    });
    expect(res.status).toBe(200);
    await stack.app.pipeline.drain();
  };
  const pageOf = async (path: string) => {
    const res = await fetch(`${stack.url}${path}`, { headers: { cookie: milad } });
    expect(res.status).toBe(200);
    return res.text();
  };
  const timelineOf = async (html: string) =>
    [...html.matchAll(/<li class="kind-(\w+)[^"]*" data-kind="\w+" data-at="([^"]+)"/g)].map((m) => ({
      kind: m[1]!,
      at: m[2]!,
    }));
  const pause = () => new Promise((r) => setTimeout(r, 30));

  beforeAll(async () => {
    stack = await startStack({ transcriptionProvider: 'webex', recordingDownloadHosts: ['127.0.0.1'] });
    milad = await connectMilad(stack);
    kellerId = (
      await addCandidate(stack, {
        firstName: 'Anna',
        lastName: 'Keller',
        phones: [KELLER_NO],
      })
    ).id;
  });
  afterAll(() => stack?.close());

  it('orders calls, own notes, recording notes, tasks and assignments newest first, dated by the call', async () => {
    const first = await ring(KELLER_NO);
    await pause();
    const unknown = await ring(UNKNOWN_NO);
    await pause();
    const second = await ring(KELLER_NO);
    // The recruiter's own note on the first call, typed on the call screen.
    const saved = await fetch(`${stack.url}/anrufe/${first.id}/notiz`, {
      method: 'POST',
      headers: { cookie: milad, origin: stack.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ notiz: 'Will nur Hybrid, ruft zurück.' }),
      redirect: 'manual',
    });
    expect(saved.status).toBe(303);
    // Recordings are processed after all three calls: their notes must still sit at their calls.
    await pause();
    await record(first.call_session_id, KELLER_NO, KELLER);
    await record(unknown.call_session_id, UNKNOWN_NO, UNKNOWN);
    const inbox = await stack.app.ctx.db
      .selectFrom('recordings')
      .select('id')
      .where('inbox', '=', 1)
      .executeTakeFirstOrThrow();
    await pause();
    const assigned = await fetch(`${stack.url}/nicht-zugeordnet/${inbox.id}/zuordnen`, {
      method: 'POST',
      headers: { cookie: milad, origin: stack.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ type: 'candidate', id: kellerId }),
      redirect: 'manual',
    });
    expect(assigned.status).toBe(303);

    const html = await pageOf(`/kandidaten/${kellerId}`);
    const items = await timelineOf(html);
    const sorted = [...items].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    expect(items.map((i) => i.at)).toEqual(sorted.map((i) => i.at));
    // Newest first: the assignment, the second call, the unknown caller's call and its note, the
    // first call, its note and its task.
    expect(items.map((i) => i.kind)).toEqual(['event', 'call', 'call', 'note', 'call', 'note', 'task']);
    expect(items[1]!.at).toBe(second.started_at);
    expect(items[2]!.at).toBe(unknown.started_at);
    expect(items[3]!.at).toBe(unknown.started_at);
    expect(items[4]!.at).toBe(first.started_at);
    expect(items[5]!.at).toBe(first.started_at);
    expect(html).toContain('Will nur Hybrid, ruft zurück.');
    expect(html).toContain('aus „Nicht zugeordnet“ zugeordnet von Milad K.');

    // The assigned call belongs to the candidate now, in the call list too.
    const call = await stack.app.ctx.db
      .selectFrom('calls')
      .select(['matched_type', 'matched_id'])
      .where('id', '=', unknown.id)
      .executeTakeFirstOrThrow();
    expect(call).toEqual({ matched_type: 'candidate', matched_id: kellerId });
    const list = await pageOf('/anrufe');
    expect(list).not.toContain('nicht zugeordnet</span>');
  });
});
