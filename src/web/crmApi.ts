import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { requireUser, viewerOf } from '../auth/requestUser.ts';
import { getCallFor, listCalls } from '../calls/callQueries.ts';
import { createCandidate, getCandidate, listCandidates, updateCandidate } from '../crm/candidateStore.ts';
import { createLead, getLead, listLeads, updateLead } from '../crm/leadStore.ts';
import { candidateInput, leadInput } from '../crm/recordInput.ts';
import type { DB } from '../db/schema.ts';
import { q } from '../http/query.ts';
import { orEmpty } from '../http/validation.ts';
import type { PhoneRules } from '../phone/phoneNumber.ts';
import { NotFoundError } from '../shared/errors.ts';

const idParam = z.object({ id: z.string() });

const listQuery = z.object({ q: q.text(), limit: q.count(500), offset: q.count(1e9) });
const callsQuery = z.object({
  userId: q.text(),
  from: q.dayOrTime(),
  to: q.dayOrTime(),
  unmatched: q.flag(),
  limit: q.count(500),
  offset: q.count(1e9),
});

/** JSON API for scripts and the browser (session auth). */
export const crmApi: FastifyPluginAsyncZod<{ db: Kysely<DB>; phoneRules: PhoneRules }> = async (app, ctx) => {
  app.get('/api/calls', { config: { access: 'user' }, schema: { querystring: callsQuery } }, async (req) => {
    const viewer = viewerOf(requireUser(req));
    const query = req.query;
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

  app.get('/api/leads', { config: { access: 'user' }, schema: { querystring: listQuery } }, async (req) => {
    requireUser(req);
    const query = req.query;
    return listLeads(ctx.db, {
      search: query.q ?? '',
      limit: query.limit || 50,
      offset: query.offset ?? 0,
      phoneRules: ctx.phoneRules,
    });
  });
  app.post(
    '/api/leads',
    { config: { access: 'user' }, schema: { body: orEmpty(leadInput) } },
    async (req, reply) => {
      requireUser(req);
      return reply.status(201).send(await createLead(ctx.db, ctx.phoneRules, req.body));
    },
  );
  app.get<{ Params: { id: string } }>('/api/leads/:id', { config: { access: 'user' } }, async (req) => {
    requireUser(req);
    return getLead(ctx.db, req.params.id);
  });
  app.put(
    '/api/leads/:id',
    { config: { access: 'user' }, schema: { params: idParam, body: orEmpty(leadInput) } },
    async (req) => {
      requireUser(req);
      return updateLead(ctx.db, ctx.phoneRules, req.params.id, req.body);
    },
  );

  app.get(
    '/api/candidates',
    { config: { access: 'user' }, schema: { querystring: listQuery } },
    async (req) => {
      requireUser(req);
      const query = req.query;
      return listCandidates(ctx.db, {
        search: query.q ?? '',
        limit: query.limit || 50,
        offset: query.offset ?? 0,
        phoneRules: ctx.phoneRules,
      });
    },
  );
  app.post(
    '/api/candidates',
    { config: { access: 'user' }, schema: { body: orEmpty(candidateInput) } },
    async (req, reply) => {
      requireUser(req);
      return reply.status(201).send(await createCandidate(ctx.db, ctx.phoneRules, req.body));
    },
  );
  app.get<{ Params: { id: string } }>('/api/candidates/:id', { config: { access: 'user' } }, async (req) => {
    requireUser(req);
    return getCandidate(ctx.db, req.params.id);
  });
  app.put(
    '/api/candidates/:id',
    { config: { access: 'user' }, schema: { params: idParam, body: orEmpty(candidateInput) } },
    async (req) => {
      requireUser(req);
      return updateCandidate(ctx.db, ctx.phoneRules, req.params.id, req.body);
    },
  );
};
