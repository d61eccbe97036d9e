import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SimPerson, SimState, SimWebhook } from './simState.ts';
import { webexError, webexId } from './webexIds.ts';

type Auth = (req: FastifyRequest, reply: FastifyReply, scope?: string) => SimPerson | null;

/** Creating a webhook needs the read scope of its resource (API.md §4). */
const RESOURCE_SCOPES: Record<string, string> = {
  telephony_calls: 'spark:calls_read',
  convergedRecordings: 'spark:recordings_read',
};

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

/** Webhook registrations (API.md §4): list with paging, create with scope checks, get, update, delete. */
export function registerWebhooks(
  app: FastifyInstance,
  state: SimState,
  auth: Auth,
  hasScope: (req: FastifyRequest, scope: string) => boolean,
  log: (msg: string) => void,
) {
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
}
