import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { authenticateApiKey } from '../auth/apiKeys.ts';
import { type ThrottlePolicy, throttledApiKey } from '../auth/loginThrottle.ts';
import { EVERYONE_ACTOR } from '../calls/callAudience.ts';
import type { DB } from '../db/schema.ts';
import { normalizePhone, type PhoneRules } from '../phone/phoneNumber.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { DeliveryIntake } from '../webhooks/deliveryIntake.ts';

/**
 * What the old no-code workflow posted: the caller's number and whatever it had of the call. Field
 * names varied between workflow versions, so the usual spellings are all accepted.
 */
const incomingCallBody = z
  .object({
    phoneNumber: z.string().optional(),
    phone: z.string().optional(),
    number: z.string().optional(),
    callerNumber: z.string().optional(),
    caller: z.string().optional(),
    from: z.string().optional(),
    callId: z.string().min(1).optional(),
    personId: z.string().min(1).optional(),
    actorPersonId: z.string().min(1).optional(),
    name: z.string().optional(),
    callerName: z.string().optional(),
    timestamp: z.string().optional(),
    eventType: z.string().optional(),
  })
  .loose();
/** No body at all: no fields (answered "Telefonnummer fehlt"). */
const incomingCall = z.preprocess((v) => v ?? {}, incomingCallBody);

export interface CompatRouteDeps {
  db: Kysely<DB>;
  intake: DeliveryIntake;
  /** How often wrong API keys from one address are tolerated (the login throttle's policy). */
  throttle: ThrottlePolicy;
  phoneRules: PhoneRules;
}

/** `POST /api/akquise/events/incoming-call` with X-API-Key, kept so a team can switch over step by step. */
export const compatRoutes: FastifyPluginAsyncZod<CompatRouteDeps> = async (app, deps) => {
  const { db, intake } = deps;
  // The key before the body: a caller without one learns nothing of what a body must hold.
  app.addHook('preValidation', async (req) => {
    const key = req.headers['x-api-key'];
    await throttledApiKey(db, deps.throttle, req.ip, () =>
      authenticateApiKey(db, typeof key === 'string' ? key : undefined),
    );
  });
  app.post(
    '/api/akquise/events/incoming-call',
    {
      config: {
        access: 'apiKey',
        invalidInput: { code: 'invalid_payload', message: 'Body ungültig', listProblems: true },
      },
      schema: { body: incomingCall },
    },
    async (req, reply) => {
      const b = req.body;
      const number = b.phoneNumber ?? b.phone ?? b.number ?? b.callerNumber ?? b.caller ?? b.from;
      if (!number) {
        throw new AppError('number_missing', 'Telefonnummer fehlt', {
          hint: 'Die Nummer des Anrufers als "phoneNumber" senden (auch angenommen: phone, number, callerNumber, caller, from).',
        });
      }
      const normalized = normalizePhone(number, deps.phoneRules);
      if (normalized.kind === 'ignored' && normalized.reason === 'too_long') {
        throw new AppError('number_too_long', 'Telefonnummer zu lang: höchstens 15 Ziffern (E.164)', {
          hint: 'Die Nummer des Anrufers mit Ländervorwahl senden, z. B. +49 30 123456.',
        });
      }
      const ts =
        b.timestamp && !Number.isNaN(Date.parse(b.timestamp))
          ? new Date(b.timestamp).toISOString()
          : new Date().toISOString();
      const envelope = {
        id: null,
        resource: 'telephony_calls',
        event: 'created',
        data: {
          eventType: b.eventType ?? 'alerting',
          eventTimestamp: ts,
          callId: b.callId ?? `compat-${newId()}`,
          actorPersonId: b.actorPersonId ?? b.personId ?? EVERYONE_ACTOR,
          personality: 'terminator',
          remoteParty: {
            number,
            name: b.name ?? b.callerName ?? null,
            privacyEnabled: false,
            callType: 'external',
          },
        },
      };
      const delivery = intake.parse(envelope);
      const result = await intake.take(delivery, JSON.stringify(envelope));
      const ignored = result.status === 'ignored';
      return reply.status(ignored ? 200 : 202).send({
        accepted: !ignored,
        duplicate: result.duplicate,
        ...(ignored ? { ignored: result.outcome } : {}),
      });
    },
  );
};
