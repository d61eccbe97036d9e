import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SimCall, SimPerson, SimState } from './simState.ts';

type Auth = (req: FastifyRequest, reply: FastifyReply, scope?: string) => SimPerson | null;

/** A call as the Call Controls API lists it (shared/webex/API.md §5: `id` instead of `callId`). */
function activeCall(c: SimCall) {
  return {
    id: c.callId,
    callSessionId: c.callSessionId,
    personality: c.personality,
    state: c.state,
    remoteParty: {
      ...(c.remoteName ? { name: c.remoteName } : {}),
      ...(c.remoteNumber ? { number: c.remoteNumber } : {}),
      privacyEnabled: c.remoteNumber === null,
      callType: 'external',
    },
    appearance: 1,
    created: c.created,
    ...(c.answered ? { answered: c.answered } : {}),
  };
}

/**
 * `GET /v1/telephony/calls`: the token owner's calls in progress (`spark:calls_read`). A call whose end
 * event was dropped (fault `dropEnd`) is over here too, as it would be at Webex.
 */
export function registerTelephonyCalls(app: FastifyInstance, state: SimState, auth: Auth) {
  app.get('/v1/telephony/calls', async (req, reply) => {
    const p = auth(req, reply, 'spark:calls_read');
    if (!p) return reply;
    const items = [...state.calls.values()]
      .filter((c) => c.personId === p.id && c.state !== 'disconnected')
      .map(activeCall);
    return { items };
  });
}
