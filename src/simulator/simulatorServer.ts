import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CallPlayer, type CallScenario } from './callPlayer.ts';
import { deliver, subscribersFor } from './deliverer.ts';
import { HandRungCalls, recordAfterCall, recordingChoices } from './handRungCalls.ts';
import { type OauthSettings, SimOauth } from './simOauth.ts';
import { type SimRecording, SimRecordings } from './simRecordings.ts';
import { DEFAULT_PEOPLE, type SeedPerson, type SimPerson, SimState, type SimWebhook } from './simState.ts';
import { registerTelephonyCalls } from './simTelephony.ts';
import { simulatorPage } from './simulatorPage.ts';
import { trackingId, webexId } from './webexIds.ts';

/** Creating a webhook needs the read scope of its resource (API.md §4). */
const RESOURCE_SCOPES: Record<string, string> = {
  telephony_calls: 'spark:calls_read',
  convergedRecordings: 'spark:recordings_read',
};

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

/** Webex-style error body (shared/webex/API.md §1). */
function webexError(reply: FastifyReply, status: number, message: string) {
  return reply.status(status).send({ message, errors: [{ description: message }], trackingId: trackingId() });
}

const webhookCreate = z.object({
  name: z.string().min(1),
  targetUrl: z.url(),
  resource: z.string().min(1),
  event: z.string().min(1),
  filter: z.string().optional(),
  secret: z.string().optional(),
  ownedBy: z.enum(['creator', 'org']).optional(),
});
const webhookUpdate = z.object({
  name: z.string().min(1),
  targetUrl: z.url(),
  secret: z.string().optional(),
  status: z.enum(['active', 'inactive']).optional(),
});

const faultsSchema = z
  .object({
    duplicate: z.boolean().optional(),
    outOfOrder: z.boolean().optional(),
    unsigned: z.boolean().optional(),
    forged: z.boolean().optional(),
    malformed: z.boolean().optional(),
    dropEnd: z.boolean().optional(),
  })
  .optional();
/** `{ faults }` posted to answer or hang up a call; the body may be left out. */
const faultsBody = z.object({ faults: faultsSchema }).loose().nullish();

const playSchema = z.object({
  from: z.string().nullable().optional(),
  name: z.string().nullable().optional(),
  personId: z.string().optional(),
  direction: z.enum(['incoming', 'outgoing']).optional(),
  scenario: z.enum(['answered', 'missed', 'ringing']).optional(),
  stepDelayMs: z.number().int().min(0).max(60_000).optional(),
  talkMs: z.number().int().min(0).max(600_000).optional(),
  wait: z.boolean().optional(),
  faults: faultsSchema,
});

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

  // ---- Webhooks -------------------------------------------------------------------------------
  const visible = (h: SimWebhook, p: SimPerson) => h.createdBy === p.id || h.ownedBy === 'org';
  const publicHook = ({ failures: _, ...h }: SimWebhook) => h;

  app.get<{ Querystring: { max?: string; ownedBy?: string; cursor?: string } }>(
    '/v1/webhooks',
    async (req, reply) => {
      const p = auth(req, reply);
      if (!p) return reply;
      const all = [...state.webhooks.values()].filter(
        (h) => visible(h, p) && (!req.query.ownedBy || h.ownedBy === req.query.ownedBy),
      );
      const max = Math.min(Number(req.query.max ?? 100) || 100, 1000);
      const start = Number(req.query.cursor ?? 0) || 0;
      const page = all.slice(start, start + max);
      if (start + max < all.length) {
        const next = new URL(`${req.protocol}://${req.headers.host}/v1/webhooks`);
        next.searchParams.set('max', String(max));
        next.searchParams.set('cursor', String(start + max));
        if (req.query.ownedBy) next.searchParams.set('ownedBy', req.query.ownedBy);
        reply.header('link', `<${next}>; rel="next"`);
      }
      return { items: page.map(publicHook) };
    },
  );
  app.post('/v1/webhooks', async (req, reply) => {
    const p = auth(req, reply);
    if (!p) return reply;
    const body = webhookCreate.safeParse(req.body);
    if (!body.success)
      return webexError(
        reply,
        400,
        `Invalid webhook: ${body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    const needed = RESOURCE_SCOPES[body.data.resource];
    if (needed && !hasScope(req, needed)) {
      return webexError(reply, 403, `Creating a ${body.data.resource} webhook needs the scope ${needed}.`);
    }
    const hook: SimWebhook = {
      id: webexId('WEBHOOK'),
      ...body.data,
      ownedBy: body.data.ownedBy ?? 'creator',
      status: 'active',
      created: new Date().toISOString(),
      orgId: state.orgId,
      createdBy: p.id,
      appId: state.appId,
      failures: 0,
    };
    state.webhooks.set(hook.id, hook);
    log(`webhook created: ${hook.resource} → ${hook.targetUrl}`);
    return publicHook(hook);
  });
  app.get<{ Params: { id: string } }>('/v1/webhooks/:id', async (req, reply) => {
    const p = auth(req, reply);
    if (!p) return reply;
    const h = state.webhooks.get(req.params.id);
    if (!h || !visible(h, p)) return webexError(reply, 404, 'Webhook not found');
    return publicHook(h);
  });
  app.put<{ Params: { id: string } }>('/v1/webhooks/:id', async (req, reply) => {
    const p = auth(req, reply);
    if (!p) return reply;
    const h = state.webhooks.get(req.params.id);
    if (!h || !visible(h, p)) return webexError(reply, 404, 'Webhook not found');
    const body = webhookUpdate.safeParse(req.body);
    if (!body.success)
      return webexError(
        reply,
        400,
        `Invalid webhook update: ${body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    if (body.data.status === 'inactive') return webexError(reply, 400, 'status can only be set to active');
    h.name = body.data.name;
    h.targetUrl = body.data.targetUrl;
    if (body.data.secret !== undefined) h.secret = body.data.secret;
    if (body.data.status === 'active') {
      h.status = 'active';
      h.failures = 0;
    }
    return publicHook(h);
  });
  app.delete<{ Params: { id: string } }>('/v1/webhooks/:id', async (req, reply) => {
    const p = auth(req, reply);
    if (!p) return reply;
    const h = state.webhooks.get(req.params.id);
    if (!h || !visible(h, p)) return webexError(reply, 404, 'Webhook not found');
    state.webhooks.delete(h.id);
    return reply.status(204).send();
  });

  // ---- Control surface ------------------------------------------------------------------------
  const personFor = (personId: string | undefined): SimPerson => {
    const p = personId ? state.people.find((x) => x.id === personId) : state.people[0];
    if (!p) throw Object.assign(new Error(`unknown personId ${personId}`), { statusCode: 400 });
    return p;
  };

  app.get('/_sim/state', async () => ({
    orgId: state.orgId,
    people: state.people,
    webhooks: [...state.webhooks.values()],
    calls: [...state.calls.values()].slice(-50),
  }));
  app.get('/_sim/deliveries', async () => ({ items: state.deliveries.slice(-200) }));

  app.post('/_sim/calls', async (req, reply) => {
    const body = playSchema.safeParse(req.body ?? {});
    if (!body.success)
      return reply
        .status(400)
        .send({ error: body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    const b = body.data;
    const person = personFor(b.personId);
    const input = {
      personId: person.id,
      from: b.from === undefined ? '+4930123456' : b.from,
      name: b.name ?? null,
      direction: b.direction ?? 'incoming',
      scenario: (b.scenario ?? 'answered') as CallScenario,
      stepDelayMs: b.stepDelayMs ?? 0,
      ...(b.talkMs !== undefined ? { talkMs: b.talkMs } : {}),
      faults: b.faults ?? {},
    };
    if (b.wait === false) {
      const playing = player.play(input);
      playing.catch(() => {});
      return reply.status(202).send({ started: true });
    }
    const { call, deliveries } = await player.play(input);
    return { callId: call.callId, callSessionId: call.callSessionId, personId: call.personId, deliveries };
  });
  app.post<{ Params: { id: string } }>('/_sim/calls/:id/answer', async (req, reply) => {
    try {
      return {
        deliveries: await player.answer(req.params.id, faultsBody.parse(req.body)?.faults ?? {}),
      };
    } catch (err) {
      return reply.status(409).send({ error: (err as Error).message });
    }
  });
  app.post<{ Params: { id: string } }>('/_sim/calls/:id/hangup', async (req, reply) => {
    try {
      return {
        deliveries: await player.hangup(req.params.id, faultsBody.parse(req.body)?.faults ?? {}),
      };
    } catch (err) {
      return reply.status(409).send({ error: (err as Error).message });
    }
  });
  /** Sends an arbitrary body to a webhook's target, signed, unsigned or forged: for trying out intake. */
  app.post('/_sim/deliveries/raw', async (req, reply) => {
    const b = z
      .object({
        webhookId: z.string().optional(),
        body: z.string(),
        signature: z.enum(['valid', 'invalid', 'none']).optional(),
      })
      .safeParse(req.body);
    if (!b.success) return reply.status(400).send({ error: 'expected {webhookId?, body, signature?}' });
    const hook = b.data.webhookId ? state.webhooks.get(b.data.webhookId) : [...state.webhooks.values()][0];
    if (!hook) return reply.status(404).send({ error: 'no such webhook' });
    return deliver(
      state,
      deliveryCfg,
      hook,
      'created',
      hook.createdBy,
      {},
      { rawBody: b.data.body, signature: b.data.signature ?? 'valid' },
    );
  });
  app.post('/_sim/faults', async (req) => {
    const b = z
      .object({
        rateLimitNext: z.number().int().min(0).optional(),
        retryAfterSeconds: z.number().int().min(0).optional(),
      })
      .parse(req.body ?? {});
    if (b.rateLimitNext !== undefined) rateLimit.remaining = b.rateLimitNext;
    if (b.retryAfterSeconds !== undefined) rateLimit.retryAfterSeconds = b.retryAfterSeconds;
    return { rateLimit };
  });

  // Human control page: ring a call with a click.
  app.get('/_sim', async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(simulatorPage(state, opts.demoNumbers ?? [], handRung)),
  );
  app.get('/', async (_req, reply) => reply.redirect('/_sim'));
  app.post('/_sim/ui/call', async (req, reply) => {
    handRung.ring(req.body, personFor);
    return reply.redirect('/_sim#gestartet', 303);
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
