import type { FastifyPluginAsync } from 'fastify';
import { requireUser, viewerOf } from '../auth/requestUser.ts';
import { getCallFor, listCalls } from '../calls/callQueries.ts';
import { createCandidate, getCandidate, listCandidates, updateCandidate } from '../crm/candidateStore.ts';
import { createLead, getLead, listLeads, updateLead } from '../crm/leadStore.ts';
import { candidateInput, leadInput } from '../crm/recordInput.ts';
import { parseQuery, q } from '../http/query.ts';
import type { RouteContext } from '../http/routeContext.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';

const parse = <T>(
  schema: {
    safeParse: (
      v: unknown,
    ) =>
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  body: unknown,
): T => {
  const r = schema.safeParse(body ?? {});
  if (!r.success) {
    throw new ValidationError(
      'Eingaben ungültig',
      r.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), reason: i.message })),
    );
  }
  return r.data;
};
const listQuery = { q: q.text(), limit: q.count(500), offset: q.count(1e9) };
const callsQuery = {
  userId: q.text(),
  from: q.dayOrTime(),
  to: q.dayOrTime(),
  unmatched: q.flag(),
  limit: q.count(500),
  offset: q.count(1e9),
};

/** JSON API for scripts and the browser (session auth). */
export const crmApi =
  (ctx: RouteContext): FastifyPluginAsync =>
  async (app) => {
    app.get('/api/calls', { config: { access: 'user' } }, async (req) => {
      const viewer = viewerOf(requireUser(req));
      const query = parseQuery(callsQuery, req.query);
      return listCalls(ctx.db, viewer, {
        userId: query.userId || undefined,
        from: query.from || undefined,
        to: query.to || undefined,
        unmatchedOnly: query.unmatched === true,
        limit: query.limit || 50,
        offset: query.offset ?? 0,
      });
    });
    app.get<{ Params: { id: string } }>('/api/calls/:id', { config: { access: 'user' } }, async (req) => {
      const call = await getCallFor(ctx.db, viewerOf(requireUser(req)), req.params.id);
      if (!call) throw new NotFoundError('Anruf');
      return call;
    });

    app.get('/api/leads', { config: { access: 'user' } }, async (req) => {
      requireUser(req);
      const query = parseQuery(listQuery, req.query);
      return listLeads(ctx.db, {
        search: query.q ?? '',
        limit: query.limit || 50,
        offset: query.offset ?? 0,
        phoneRules: ctx.phoneRules,
      });
    });
    app.post('/api/leads', { config: { access: 'user' } }, async (req, reply) => {
      requireUser(req);
      return reply.status(201).send(await createLead(ctx.db, ctx.phoneRules, parse(leadInput, req.body)));
    });
    app.get<{ Params: { id: string } }>('/api/leads/:id', { config: { access: 'user' } }, async (req) => {
      requireUser(req);
      return getLead(ctx.db, req.params.id);
    });
    app.put<{ Params: { id: string } }>('/api/leads/:id', { config: { access: 'user' } }, async (req) => {
      requireUser(req);
      return updateLead(ctx.db, ctx.phoneRules, req.params.id, parse(leadInput, req.body));
    });

    app.get('/api/candidates', { config: { access: 'user' } }, async (req) => {
      requireUser(req);
      const query = parseQuery(listQuery, req.query);
      return listCandidates(ctx.db, {
        search: query.q ?? '',
        limit: query.limit || 50,
        offset: query.offset ?? 0,
        phoneRules: ctx.phoneRules,
      });
    });
    app.post('/api/candidates', { config: { access: 'user' } }, async (req, reply) => {
      requireUser(req);
      return reply
        .status(201)
        .send(await createCandidate(ctx.db, ctx.phoneRules, parse(candidateInput, req.body)));
    });
    app.get<{ Params: { id: string } }>(
      '/api/candidates/:id',
      { config: { access: 'user' } },
      async (req) => {
        requireUser(req);
        return getCandidate(ctx.db, req.params.id);
      },
    );
    app.put<{ Params: { id: string } }>(
      '/api/candidates/:id',
      { config: { access: 'user' } },
      async (req) => {
        requireUser(req);
        return updateCandidate(ctx.db, ctx.phoneRules, req.params.id, parse(candidateInput, req.body));
      },
    );
  };
