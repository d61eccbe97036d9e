import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { requireUser, viewerOf } from '../auth/requestUser.ts';
import { dismissCallPopup } from '../calls/callDismissals.ts';
import { saveCallNoteDraft } from '../calls/callNoteDrafts.ts';
import { MAX_NOTE_LENGTH } from '../calls/callNoteSaver.ts';
import { getCallFor } from '../calls/callQueries.ts';
import { chooseCallRecord } from '../calls/callRecordChooser.ts';
import type { RouteContext } from '../http/routeContext.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';

const draftBody = z.object({
  text: z.string().max(MAX_NOTE_LENGTH, `Notiz zu lang (höchstens ${MAX_NOTE_LENGTH} Zeichen)`),
});
const recordBody = z.object({ type: z.enum(['lead', 'candidate']), id: z.string().min(1).max(100) });

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body ?? {});
  if (!r.success)
    throw new ValidationError(
      r.error.issues[0]?.message && r.error.issues[0].code === 'too_big'
        ? r.error.issues[0].message
        : 'Eingaben ungültig',
      r.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), reason: i.message })),
    );
  return r.data;
}

/** What the call screen and the pop-ups do while a call runs: note drafts, closing, choosing the record. */
export const callScreenApi =
  (ctx: RouteContext): FastifyPluginAsync =>
  async (app) => {
    const deps = { db: ctx.db, bus: ctx.bus };
    const visibleCall = async (req: { user: unknown; params: { id: string } }) => {
      const user = requireUser(req as never);
      const call = await getCallFor(ctx.db, viewerOf(user), req.params.id);
      if (!call) throw new NotFoundError('Anruf');
      return { user, call };
    };

    app.put<{ Params: { id: string } }>(
      '/api/calls/:id/draft',
      { config: { access: 'user' } },
      async (req) => {
        const { user, call } = await visibleCall(req);
        const { text } = parse(draftBody, req.body);
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

    app.post<{ Params: { id: string } }>(
      '/api/calls/:id/record',
      { config: { access: 'user' } },
      async (req) => {
        const { call } = await visibleCall(req);
        return chooseCallRecord(deps, call.id, parse(recordBody, req.body));
      },
    );
  };
