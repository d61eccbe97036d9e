import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { getCallFor } from '../calls/callQueries.ts';
import { requireUser, viewerOf } from '../http/auth.ts';
import { consentHistory, consentStateOf, recordConsent } from '../privacy/consentRecorder.ts';
import type { PersonRef } from '../privacy/subjects.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';

/** `lead` / `candidate` from a path, else a German 400. */
export function personRef(type: string, id: string): PersonRef {
  if (type !== 'lead' && type !== 'candidate')
    throw new ValidationError(`Unbekannte Art „${type}“`, undefined, 'lead oder candidate verwenden.');
  return { type, id };
}

/** JSON routes of the privacy domain (session auth). */
export const privacyApi =
  (ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    app.get<{ Params: { type: string; id: string } }>(
      '/api/privacy/consent/:type/:id',
      { config: { access: 'user' } },
      async (req) => {
        requireUser(req);
        const person = personRef(req.params.type, req.params.id);
        const history = await consentHistory(ctx.db, person);
        return { ...(await consentStateOf(ctx.db, person)), history };
      },
    );

    app.post<{ Params: { type: string; id: string } }>(
      '/api/privacy/consent/:type/:id',
      { config: { access: 'user' } },
      async (req, reply) => {
        const user = requireUser(req);
        const person = personRef(req.params.type, req.params.id);
        const entry = await recordConsent(ctx.db, { person }, req.body ?? {}, user.id);
        return reply.status(201).send(entry);
      },
    );

    // From the call screen while the phone rings or the call runs: for the person on the call, or —
    // if the caller matches nobody — for this call's recording alone.
    app.post<{ Params: { id: string } }>(
      '/api/calls/:id/consent',
      { config: { access: 'user' } },
      async (req, reply) => {
        const user = requireUser(req);
        const call = await getCallFor(ctx.db, viewerOf(user), req.params.id);
        if (!call) throw new NotFoundError('Anruf');
        const entry = await recordConsent(
          ctx.db,
          { person: call.match ? { type: call.match.type, id: call.match.id } : null, callId: call.id },
          req.body ?? {},
          user.id,
        );
        return reply.status(201).send(entry);
      },
    );
  };
