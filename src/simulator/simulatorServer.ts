import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CallPlayer, type CallScenario } from './callPlayer.ts';
import { deliver, subscribersFor } from './deliverer.ts';
import { HandRungCalls, recordAfterCall, recordingChoices } from './handRungCalls.ts';
import { registerControlRoutes } from './simControl.ts';
import { type OauthSettings, SimOauth } from './simOauth.ts';
import { type SimRecording, SimRecordings } from './simRecordings.ts';
import { DEFAULT_PEOPLE, type SeedPerson, type SimPerson, SimState } from './simState.ts';
import { registerTelephonyCalls } from './simTelephony.ts';
import { registerWebhooks } from './simWebhooks.ts';
import { webexError } from './webexIds.ts';

export interface SimulatorOptions {
  oauth?: Partial<OauthSettings>;
  host?: string;
  port?: number;
  /** Failed deliveries in a row before a webhook turns inactive (Webex: about 100). */
  inactiveAfterFailures?: number;
  deliveryTimeoutMs?: number;
  /** Ring a demo call every N seconds from one of `demoNumbers` (0: off). */
  ringEverySeconds?: number;
  /** Numbers the demo rings from; with a transcript (WebVTT), an answered call also yields a recording. */
  demoNumbers?: { number: string; name?: string; transcript?: string }[];
  people?: SeedPerson[];
  log?: (msg: string) => void;
}

export interface RunningSimulator {
  url: string;
  oauth: SimOauth;
  recordings: SimRecordings;
  state: SimState;
  player: CallPlayer;
  server: FastifyInstance;
  close(): Promise<void>;
}

/**
 * A Webex stand-in that speaks HTTP like the real API (shared/webex/API.md): webhook registrations,
 * people, and signed telephony_calls deliveries of calls it plays. `/_sim/*` is its control surface.
 */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const state = new SimState(opts.people ?? DEFAULT_PEOPLE);
  const deliveryCfg = {
    inactiveAfterFailures: opts.inactiveAfterFailures ?? 100,
    timeoutMs: opts.deliveryTimeoutMs ?? 15_000,
  };
  const player = new CallPlayer(state, deliveryCfg);
  const log = opts.log ?? (() => {});
  const rateLimit = { remaining: 0, retryAfterSeconds: 1 };

  const app = Fastify({ logger: false });
  await app.register(formbody);
  // A malformed request to the simulator's API or its control endpoints is the caller's mistake: 400
  // with what is wrong, as Webex answers, never a 500 with a stack.
  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof z.ZodError)
      return webexError(
        reply,
        400,
        `Invalid request: ${err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')}`,
      );
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    return webexError(reply, status >= 400 ? status : 500, (err as Error).message);
  });

  const oauth = new SimOauth(state, opts.oauth);
  oauth.register(app);
  const scopesOf = new WeakMap<FastifyRequest, string[]>();
  /** The caller's person, or a Webex-style 401 (bad token) / 403 (scope not granted). */
  const auth = (req: FastifyRequest, reply: FastifyReply, scope?: string): SimPerson | null => {
    const h = req.headers.authorization ?? '';
    const token = h.startsWith('Bearer ') ? h.slice(7) : '';
    const who = token ? oauth.authenticate(token) : null;
    if (!who) {
      void webexError(
        reply,
        401,
        'The request requires a valid access token set in the Authorization request header.',
      );
      return null;
    }
    scopesOf.set(req, who.scopes);
    if (scope && !who.scopes.includes(scope)) {
      void webexError(reply, 403, `The access token is missing the scope ${scope}.`);
      return null;
    }
    return who.person;
  };
  const hasScope = (req: FastifyRequest, scope: string) => scopesOf.get(req)?.includes(scope) ?? false;
  const recordings = new SimRecordings(state);
  recordings.useScopeCheck(
    (req) => hasScope(req, 'spark:recordings_write') || hasScope(req, 'spark-compliance:recordings_write'),
  );
  let selfUrl = '';
  recordings.register(app, auth, () => selfUrl);
  registerTelephonyCalls(app, state, auth);
  const recordingNotifier = async (r: SimRecording) => {
    const data = {
      id: r.id,
      ownerId: r.ownerId,
      orgId: state.orgId,
      serviceType: 'calling',
      status: 'available',
    };
    const hooks = subscribersFor(state, 'convergedRecordings', 'created', r.ownerId, data);
    return Promise.all(hooks.map((h) => deliver(state, deliveryCfg, h, 'created', r.ownerId, data)));
  };
  recordings.useNotifier(recordingNotifier);
  const handRung = new HandRungCalls({
    state,
    player,
    recordings,
    notify: recordingNotifier,
    choices: recordingChoices(opts.demoNumbers ?? []),
  });

  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/v1/') && rateLimit.remaining > 0) {
      rateLimit.remaining--;
      reply.header('retry-after', String(rateLimit.retryAfterSeconds));
      return webexError(reply, 429, 'Too Many Requests');
    }
  });

  // ---- People ---------------------------------------------------------------------------------
  app.get('/v1/people/me', async (req, reply) => {
    const p = auth(req, reply, 'spark:people_read');
    if (!p) return reply;
    const { accessToken: _, ...person } = p;
    return { ...person, type: 'person', created: '2025-01-15T08:00:00.000Z' };
  });
  app.get<{ Params: { id: string } }>('/v1/people/:id', async (req, reply) => {
    if (!auth(req, reply, 'spark:people_read')) return reply;
    const p = state.people.find((x) => x.id === req.params.id);
    if (!p) return webexError(reply, 404, 'Person not found');
    const { accessToken: _, ...person } = p;
    return { ...person, type: 'person' };
  });
  registerWebhooks(app, state, auth, hasScope, log);
  registerControlRoutes(app, {
    state,
    player,
    deliveryCfg,
    rateLimit,
    handRung,
    demoNumbers: opts.demoNumbers ?? [],
  });

  await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
  const addr = app.server.address();
  const url = `http://${opts.host ?? '127.0.0.1'}:${typeof addr === 'object' && addr ? addr.port : opts.port}`;
  selfUrl = url;

  let ringTimer: NodeJS.Timeout | null = null;
  if (opts.ringEverySeconds && opts.ringEverySeconds > 0 && (opts.demoNumbers?.length ?? 0) > 0) {
    const numbers = opts.demoNumbers!;
    let n = 0;
    const ring = () => {
      if ([...state.calls.values()].some((c) => c.state !== 'disconnected')) return;
      const pick = numbers[n++ % numbers.length]!;
      const scenario: CallScenario = n % 4 === 0 ? 'missed' : 'answered';
      player
        .play({
          personId: state.people[0]!.id,
          from: pick.number,
          name: pick.name ?? null,
          scenario,
          stepDelayMs: 5000,
          talkMs: 8000,
        })
        .then(async ({ call }) => {
          if (scenario !== 'answered' || !pick.transcript) return;
          await recordAfterCall(recordings, recordingNotifier, call, pick.transcript);
        })
        .catch(() => {});
    };
    // The first call comes soon after start, so a newcomer sees a pop-up right after logging in.
    const first = setTimeout(ring, Math.min(opts.ringEverySeconds, 10) * 1000);
    first.unref();
    ringTimer = setInterval(ring, opts.ringEverySeconds * 1000);
  }

  return {
    url,
    oauth,
    recordings,
    state,
    player,
    server: app,
    async close() {
      if (ringTimer) clearInterval(ringTimer);
      await app.close();
    },
  };
}
