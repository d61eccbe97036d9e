import type { Kysely } from 'kysely';
import { telephonyCallsResource } from '../../src/calls/telephonyCallsResource.ts';
import type { DB } from '../../src/db/schema.ts';
import { convergedRecordingsResource } from '../../src/recordings/recordingIntake.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { signBody } from '../../src/webhooks/signature.ts';
import { WebhookResources } from '../../src/webhooks/webhookResource.ts';

/** The service's own registrations, here only to name deliveries (their dedupe keys) as the intake does. */
const resources = new WebhookResources([
  telephonyCallsResource({
    rules: { defaultRegion: 'DE', minDigits: 3 },
    log: createLogger({ level: 'silent' }),
  }),
  convergedRecordingsResource(),
]);

/**
 * Generated webhook deliveries for the fuzz test (CI, a few hundred) and the fuzz benchmark (≥ 10,000):
 * authentic ones (some with odd but valid bodies), replays, forgeries of every kind and authentic
 * garbage. Deterministic for a seed. Each delivery says what must happen to it; `checkFuzz` compares
 * that with the answers and with what is in the database afterwards.
 */

export interface FuzzHook {
  id: string;
  secret: string;
}

export interface FuzzTargets {
  url: string;
  personId: string;
  calls: FuzzHook;
  recordings: FuzzHook;
  bodyLimitBytes: number;
}

export type FuzzExpect =
  /** Authentic and new: 200, applied exactly once. */
  | 'apply'
  /** The same event again (same or reformatted body): 200, not applied again. */
  | 'replay'
  /** Not signed by the webhook it claims to be: 401, nothing stored. */
  | 'forgery'
  /** Signed correctly but not a usable delivery (bad JSON, bad payload, too big): 4xx, nothing stored. */
  | 'invalid';

export interface FuzzDelivery {
  n: number;
  kind: string;
  expect: FuzzExpect;
  body: Buffer;
  headers: Record<string, string>;
  /** For apply/replay: the event's dedupe identity. */
  dedupKey?: string;
  /** For applied telephony events that create or touch a call. */
  callId?: string;
  /** Applied recording events. */
  recordingId?: string;
}

export interface FuzzAnswer {
  status: number;
  duplicate: boolean | null;
  error: string | null;
}

/** mulberry32: small, fast, good enough to vary inputs, and the same sequence for the same seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}

const NAMES = [
  'ACME GmbH',
  'Müller & Söhne KG',
  'Åsa Öberg',
  '李小龙',
  'שלום',
  '🙂 Emoji AG',
  "O'Brien <b>x</b>",
  '',
];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  '',
];

export function generateFuzz(
  targets: FuzzTargets,
  opts: { seed: number; count: number; runId: string; baseTime?: number },
): FuzzDelivery[] {
  const r = prng(opts.seed);
  const out: FuzzDelivery[] = [];
  const applied: FuzzDelivery[] = [];
  // Recent calls: retention removes calls of unknown numbers after 90 days, and would take old ones
  // from under the check at the end (its first run comes 30 s after the start).
  const base = opts.baseTime ?? Math.floor(Date.now() / 3600_000) * 3600_000 - 3600_000;
  let seq = 0;

  const telephony = (i: number, over: { name?: unknown; number?: unknown; extra?: unknown } = {}) => {
    const call = `${opts.runId}-call-${Math.floor(i / 3)}`;
    return {
      id: targets.calls.id,
      name: 'CallBridge telephony',
      targetUrl: `${targets.url}/webhooks/webex`,
      resource: 'telephony_calls',
      event: 'updated',
      actorId: targets.personId,
      createdBy: targets.personId,
      data: {
        eventType: ['alerting', 'connected', 'disconnected'][i % 3],
        eventTimestamp: new Date(base + i * 1000).toISOString(),
        actorPersonId: targets.personId,
        callId: call,
        personality: 'terminator',
        state: ['alerting', 'connected', 'disconnected'][i % 3],
        remoteParty: {
          name: over.name ?? r.pick(NAMES),
          number: over.number ?? `+49 30 ${100000 + r.int(900000)}`,
          privacyEnabled: false,
          callType: 'external',
        },
        ...(over.extra !== undefined ? { extra: over.extra } : {}),
      },
    };
  };
  const recording = (i: number) => ({
    id: targets.recordings.id,
    resource: 'convergedRecordings',
    event: 'created',
    actorId: targets.personId,
    data: { id: `${opts.runId}-rec-${i}`, ownerId: targets.personId },
  });
  const headersFor = (sig: string | null) => {
    const h: Record<string, string> = {};
    const ct = r.pick(CONTENT_TYPES);
    if (ct) h['content-type'] = ct;
    if (sig !== null) h['x-spark-signature'] = sig;
    return h;
  };
  const add = (d: Omit<FuzzDelivery, 'n'> & { n?: number }) => out.push({ ...d, n: out.length });
  const authentic = (kind: string, env: object, hook: FuzzHook, bodyText?: Buffer) => {
    const body = bodyText ?? Buffer.from(JSON.stringify(env));
    const d = resources.parse(JSON.parse(body.toString('utf8')));
    const callId =
      d.resource === 'telephony_calls'
        ? String((env as { data: { callId: string } }).data.callId)
        : undefined;
    const delivery: Omit<FuzzDelivery, 'n'> = {
      kind,
      expect: 'apply',
      body,
      headers: headersFor(signBody(body, hook.secret)),
      dedupKey: d.dedupKey,
      ...(callId ? { callId } : {}),
      ...(d.resource === 'convergedRecordings'
        ? { recordingId: (env as { data: { id: string } }).data.id }
        : {}),
    };
    add(delivery);
    applied.push({ n: out.length - 1, ...delivery });
  };
  // Built as text: JSON.stringify of the value itself would overflow the generator's stack.
  const deepBody = (env: object, depth: number) =>
    Buffer.from(JSON.stringify(env).replace('"__DEEP__"', `${'['.repeat(depth)}${']'.repeat(depth)}`));

  while (out.length < opts.count) {
    const roll = r.next();
    const i = seq++;
    if (roll < 0.3) {
      authentic('valid telephony', telephony(i), targets.calls);
    } else if (roll < 0.33) {
      authentic('valid recording', recording(i), targets.recordings);
    } else if (roll < 0.4) {
      // Authentic but odd: deep nesting, lone surrogates, NUL, invalid UTF-8 inside a string, long text.
      const variant = r.int(6);
      if (variant === 0)
        authentic(
          'deep nesting',
          telephony(i),
          targets.calls,
          deepBody(telephony(i, { extra: '__DEEP__' }), 2000 + r.int(8000)),
        );
      else if (variant === 1)
        authentic('lone surrogate and NUL', telephony(i, { name: 'A\ud800B\u0000C\u202eD' }), targets.calls);
      else if (variant === 2) {
        const text = JSON.stringify(telephony(i, { name: 'XXXX' }));
        const at = text.indexOf('XXXX');
        const body = Buffer.concat([
          Buffer.from(text.slice(0, at)),
          Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
          Buffer.from(text.slice(at + 4)),
        ]);
        authentic('invalid UTF-8 in a string', telephony(i), targets.calls, body);
      } else if (variant === 3)
        authentic('long name', telephony(i, { name: 'ä'.repeat(20_000) }), targets.calls);
      else if (variant === 4)
        authentic(
          'number longer than E.164',
          telephony(i, { number: `+49${'9'.repeat(40)}` }),
          targets.calls,
        );
      else
        authentic(
          'whitespace and key order',
          telephony(i),
          targets.calls,
          Buffer.from(`\n  ${JSON.stringify(telephony(i), null, 3)}\n`),
        );
    } else if (roll < 0.5 && applied.length > 0) {
      // A replay: the same bytes and signature, or the same event in other bytes, signed anew.
      const orig = r.pick(applied);
      // (A deeply nested body is replayed as it was: re-serialising it would overflow this stack.)
      if (r.chance(0.5) || orig.kind === 'deep nesting') {
        add({ ...orig, kind: 'replay (same bytes)', expect: 'replay', headers: { ...orig.headers } });
      } else {
        const env = JSON.parse(orig.body.toString('utf8'));
        const body = Buffer.from(JSON.stringify(env, null, 1));
        const hook = env.resource === 'convergedRecordings' ? targets.recordings : targets.calls;
        add({
          ...orig,
          kind: 'replay (reformatted)',
          expect: 'replay',
          body,
          headers: headersFor(signBody(body, hook.secret)),
        });
      }
    } else if (roll < 0.85) {
      const isRec = r.chance(0.2);
      const env = isRec ? recording(i) : telephony(i);
      const own = isRec ? targets.recordings : targets.calls;
      const other = isRec ? targets.calls : targets.recordings;
      const body = Buffer.from(JSON.stringify(env));
      const good = signBody(body, own.secret);
      const variant = r.int(10);
      const forged = (kind: string, b: Buffer, sig: string | null) =>
        add({ kind, expect: 'forgery', body: b, headers: headersFor(sig) });
      if (variant === 0)
        forged(
          'random signature',
          body,
          Array.from({ length: 40 }, () => '0123456789abcdef'[r.int(16)]).join(''),
        );
      else if (variant === 1) forged('missing signature', body, null);
      else if (variant === 2) forged('empty signature', body, '');
      else if (variant === 3) forged('truncated signature', body, good.slice(0, 1 + r.int(39)));
      else if (variant === 4) forged('signature plus a character', body, `${good}0`);
      else if (variant === 5) {
        const tampered = Buffer.from(body);
        const at = r.int(tampered.length);
        tampered[at] = tampered[at]! ^ (1 + r.int(255));
        forged('tampered body', tampered, good);
      } else if (variant === 6) forged("the other webhook's secret", body, signBody(body, other.secret));
      else if (variant === 7) {
        // The other webhook's secret with the envelope claiming that webhook.
        const claimed = Buffer.from(JSON.stringify({ ...env, id: other.id }));
        forged("other webhook's secret and id", claimed, signBody(claimed, other.secret));
      } else if (variant === 8) {
        const claimed = Buffer.from(JSON.stringify({ ...env, id: other.id }));
        forged('own secret, other webhook id', claimed, signBody(claimed, own.secret));
      } else forged('sha1= prefix', body, `sha1=${good}`);
    } else if (roll < 0.97) {
      // Signed with the right secret, but not a delivery CallBridge can take.
      const variant = r.int(9);
      const signed = (kind: string, b: Buffer, hook: FuzzHook = targets.calls) =>
        add({ kind, expect: 'invalid', body: b, headers: headersFor(signBody(b, hook.secret)) });
      if (variant === 0)
        signed('not an object', Buffer.from(r.pick(['[]', '123', '"x"', 'null', 'true', '{}'])));
      else if (variant === 1) {
        const text = JSON.stringify(telephony(i));
        signed('truncated JSON', Buffer.from(text.slice(0, 1 + r.int(text.length - 2))));
      } else if (variant === 2)
        signed(
          'invalid UTF-8 outside strings',
          Buffer.concat([Buffer.from('{"resource":'), Buffer.from([0xff, 0xfe]), Buffer.from('}')]),
        );
      else if (variant === 3) {
        const env = telephony(i) as { data: Record<string, unknown> };
        delete env.data['callId'];
        signed('telephony without callId', Buffer.from(JSON.stringify(env)));
      } else if (variant === 4) {
        const env = telephony(i) as { data: Record<string, unknown> };
        env.data['eventTimestamp'] = r.pick(['gestern', '2026-13-45T99:00:00Z', '', 12]);
        signed('bad timestamp', Buffer.from(JSON.stringify(env)));
      } else if (variant === 5)
        signed('data not an object', Buffer.from(JSON.stringify({ ...telephony(i), data: 'x' })));
      else if (variant === 6)
        signed('unknown resource', Buffer.from(JSON.stringify({ ...telephony(i), resource: 'messages' })));
      else if (variant === 7) signed('empty body', Buffer.alloc(0));
      else
        signed(
          'BOM before JSON',
          Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(telephony(i)))]),
        );
    } else {
      // Over the body limit: refused before anything is read, signed or not.
      const big = telephony(i, { extra: 'x'.repeat(targets.bodyLimitBytes + r.int(1000)) });
      const body = Buffer.from(JSON.stringify(big));
      add({
        kind: 'over the body limit',
        expect: 'invalid',
        body,
        headers: headersFor(r.chance(0.5) ? signBody(body, targets.calls.secret) : null),
      });
    }
  }
  return out.slice(0, opts.count);
}

/** Posts every delivery with `concurrency` in flight; a connection error counts as status 0. */
export async function sendFuzz(
  url: string,
  deliveries: FuzzDelivery[],
  concurrency: number,
  onAnswer?: (d: FuzzDelivery, ms: number) => void,
): Promise<FuzzAnswer[]> {
  const answers: FuzzAnswer[] = new Array(deliveries.length);
  let next = 0;
  const worker = async () => {
    while (next < deliveries.length) {
      const d = deliveries[next++]!;
      const t0 = performance.now();
      try {
        const res = await fetch(`${url}/webhooks/webex`, {
          method: 'POST',
          headers: d.headers,
          body: new Uint8Array(d.body),
        });
        const text = await res.text();
        let json: { duplicate?: boolean; error?: string } = {};
        try {
          json = JSON.parse(text);
        } catch {}
        answers[d.n] = { status: res.status, duplicate: json.duplicate ?? null, error: json.error ?? null };
        onAnswer?.(d, performance.now() - t0);
      } catch (err) {
        answers[d.n] = { status: 0, duplicate: null, error: (err as Error).message };
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return answers;
}

export interface FuzzReport {
  sent: number;
  byExpect: Record<FuzzExpect, number>;
  acceptedForgeries: FuzzDelivery[];
  serverErrors: { d: FuzzDelivery; a: FuzzAnswer }[];
  /** Deliveries whose answer was not what their kind must get (e.g. a valid one refused). */
  wrongAnswers: { d: FuzzDelivery; a: FuzzAnswer }[];
  /** Authentic events, each must be stored once and not left pending. */
  uniqueEvents: number;
  appliedOnce: number;
  notApplied: string[];
  /** Events whose first-time answer (duplicate: false) came more or less than once. */
  firstAnswersWrong: string[];
  unexpectedRows: number;
  callsExpected: number;
  callsFound: number;
  recordingsExpected: number;
  recordingsFound: number;
}

/** Compares the answers and the database with what each delivery must have caused. */
export async function checkFuzz(
  db: Kysely<DB>,
  runId: string,
  deliveries: FuzzDelivery[],
  answers: FuzzAnswer[],
): Promise<FuzzReport> {
  const byExpect = { apply: 0, replay: 0, forgery: 0, invalid: 0 } as Record<FuzzExpect, number>;
  const acceptedForgeries: FuzzDelivery[] = [];
  const serverErrors: FuzzReport['serverErrors'] = [];
  const wrongAnswers: FuzzReport['wrongAnswers'] = [];
  const firsts = new Map<string, number>();
  for (const d of deliveries) {
    const a = answers[d.n]!;
    byExpect[d.expect]++;
    if (a.status >= 500 || a.status === 0) serverErrors.push({ d, a });
    if (d.expect === 'forgery') {
      if (a.status >= 200 && a.status < 300) acceptedForgeries.push(d);
      else if (a.status !== 401 && a.status !== 413) wrongAnswers.push({ d, a });
    } else if (d.expect === 'invalid') {
      if (a.status < 400 || a.status >= 500) wrongAnswers.push({ d, a });
    } else {
      if (a.status !== 200) wrongAnswers.push({ d, a });
      if (a.status === 200 && a.duplicate === false)
        firsts.set(d.dedupKey!, (firsts.get(d.dedupKey!) ?? 0) + 1);
    }
  }
  const keys = new Set(deliveries.filter((d) => d.expect === 'apply').map((d) => d.dedupKey!));
  const rows = await db.selectFrom('webhook_deliveries').select(['dedup_key', 'status']).execute();
  const stored = new Map(rows.map((r) => [r.dedup_key, r.status]));
  const notApplied = [...keys].filter((k) => {
    const s = stored.get(k);
    return s !== 'processed' && s !== 'ignored';
  });
  const unexpectedRows = rows.filter((r) => !keys.has(r.dedup_key)).length;
  const firstAnswersWrong = [...keys].filter((k) => firsts.get(k) !== 1);
  // Calls: every call touched by an applied event that has a usable number exists exactly once.
  const applied = deliveries.filter((d) => d.expect === 'apply');
  const callIds = new Set(
    applied.filter((d) => d.callId && d.kind !== 'number longer than E.164').map((d) => d.callId!),
  );
  const calls = await db
    .selectFrom('calls')
    .select(['webex_call_id'])
    .where('webex_call_id', 'like', `${runId}-call-%`)
    .execute();
  const recordingIds = new Set(applied.filter((d) => d.recordingId).map((d) => d.recordingId!));
  const recordings = await db
    .selectFrom('recordings')
    .select('webex_recording_id')
    .where('webex_recording_id', 'like', `${runId}-rec-%`)
    .execute();
  return {
    sent: deliveries.length,
    byExpect,
    acceptedForgeries,
    serverErrors,
    wrongAnswers,
    uniqueEvents: keys.size,
    appliedOnce: keys.size - notApplied.length,
    notApplied,
    firstAnswersWrong,
    unexpectedRows,
    callsExpected: callIds.size,
    callsFound: calls.length,
    recordingsExpected: recordingIds.size,
    recordingsFound: recordings.length,
  };
}
