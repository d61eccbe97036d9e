import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { requireUser, viewerOf } from '../auth/requestUser.ts';
import { dismissCallPopup } from '../calls/callDismissals.ts';
import { saveCallNoteDraft } from '../calls/callNoteDrafts.ts';
import { getCallFor } from '../calls/callQueries.ts';
import { chooseCallRecord } from '../calls/callRecordChooser.ts';
import type { DB } from '../db/schema.ts';
import { orEmpty } from '../http/validation.ts';
import type { EventBus } from '../live/eventBus.ts';
import { NotFoundError } from '../shared/errors.ts';

const idParam = z.object({ id: z.string() });

// The length is checked by saveCallNoteDraft, after the call is known to be the viewer's (else a 404).
const draftBody = z.object({ text: z.string() });
const recordBody = z.object({ type: z.enum(['lead', 'candidate']), id: z.string().min(1).max(100) });

/** What the call screen and the pop-ups do while a call runs: note drafts, closing, choosing the record. */
export const callScreenApi: FastifyPluginAsyncZod<{ db: Kysely<DB>; bus: EventBus }> = async (app, ctx) => {
  const deps = { db: ctx.db, bus: ctx.bus };
  const visibleCall = async (req: FastifyRequest & { params: { id: string } }) => {
    const user = requireUser(req);
    const call = await getCallFor(ctx.db, viewerOf(user), req.params.id);
    if (!call) throw new NotFoundError('Anruf');
    return { user, call };
  };

  app.put(
    '/api/calls/:id/draft',
    { config: { access: 'user' }, schema: { params: idParam, body: orEmpty(draftBody) } },
    async (req) => {
      const { user, call } = await visibleCall(req);
      const { text } = req.body;
      const draft = await saveCallNoteDraft(ctx.db, call.id, user.id, text);
      return { saved: draft !== null, updatedAt: draft?.updatedAt ?? null };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/calls/:id/dismiss',
    { config: { access: 'user' } },
    async (req) => {
      const { user, call } = await visibleCall(req);
      await dismissCallPopup(deps, user.id, call.id);
      return { dismissed: true };
    },
  );

  app.post(
    '/api/calls/:id/record',
    { config: { access: 'user' }, schema: { params: idParam, body: orEmpty(recordBody) } },
    async (req) => {
      const { call } = await visibleCall(req);
      return chooseCallRecord(deps, call.id, req.body);
    },
  );
};
