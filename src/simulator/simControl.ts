import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { CallPlayer, CallScenario } from './callPlayer.ts';
import { type DeliveryConfig, deliver } from './deliverer.ts';
import type { HandRungCalls } from './handRungCalls.ts';
import type { SimPerson, SimState } from './simState.ts';
import { simulatorPage } from './simulatorPage.ts';

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

/** The simulator's control surface (`/_sim/*`): play calls, send raw deliveries, faults, the human page. */
export function registerControlRoutes(
  app: FastifyInstance,
  deps: {
    state: SimState;
    player: CallPlayer;
    deliveryCfg: DeliveryConfig;
    rateLimit: { remaining: number; retryAfterSeconds: number };
    handRung: HandRungCalls;
    demoNumbers: { number: string; name?: string }[];
  },
) {
  const { state, player, deliveryCfg, rateLimit, handRung } = deps;
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
    reply.type('text/html; charset=utf-8').send(simulatorPage(state, deps.demoNumbers, handRung)),
  );
  app.get('/', async (_req, reply) => reply.redirect('/_sim'));
  app.post('/_sim/ui/call', async (req, reply) => {
    handRung.ring(req.body, personFor);
    return reply.redirect('/_sim#gestartet', 303);
  });
}
