import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { requireAdmin, requireUser, viewerOf } from '../auth/requestUser.ts';
import { getCallFor } from '../calls/callQueries.ts';
import type { Config } from '../config/config.ts';
import type { DB } from '../db/schema.ts';
import { q } from '../http/query.ts';
import { orEmpty } from '../http/validation.ts';
import { normalizePhone, type PhoneRules } from '../phone/phoneNumber.ts';
import { callConsentState } from '../privacy/callConsentState.ts';
import {
  consentHistory,
  consentInput,
  consentRefusal,
  consentStateOf,
  recordConsent,
} from '../privacy/consentRecorder.ts';
import { getErasure, requestErasure } from '../privacy/personEraser.ts';
import { exportPerson } from '../privacy/personExporter.ts';
import type { Subject } from '../privacy/personTraces.ts';
import { assertRecordExists, type PersonRef } from '../privacy/subjects.ts';
import { NotFoundError, ValidationError } from '../shared/errors.ts';

/** A number typed by a person → E.164, else a German 400. */
export function phoneSubject(raw: string, rules: PhoneRules): Subject {
  const n = normalizePhone(raw, rules);
  if (n.kind !== 'number')
    throw new ValidationError(
      `„${raw}“ ist keine Telefonnummer`,
      undefined,
      'Die Nummer mit Vorwahl angeben, z. B. 0561 112233 oder +49 561 112233.',
    );
  return { phone: n.e164 };
}

const personParams = z.object({ type: z.string(), id: z.string() });

const erasureBody = z.union([
  z.object({ type: z.enum(['lead', 'candidate']), id: z.string().min(1).max(100) }).strict(),
  z.object({ phone: z.string().min(1).max(64) }).strict(),
]);

/** `lead` / `candidate` from a path, else a German 400. */
export function personRef(type: string, id: string): PersonRef {
  if (type !== 'lead' && type !== 'candidate')
    throw new ValidationError(`Unbekannte Art „${type}“`, undefined, 'lead oder candidate verwenden.');
  return { type, id };
}

/** JSON routes of the privacy domain (session auth). */
export const privacyApi: FastifyPluginAsyncZod<{
  db: Kysely<DB>;
  phoneRules: PhoneRules;
  config: Pick<Config, 'recordingConsentMode'>;
}> = async (app, ctx) => {
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

  app.post(
    '/api/privacy/consent/:type/:id',
    {
      config: { access: 'user', invalidInput: consentRefusal },
      schema: { params: personParams, body: orEmpty(consentInput) },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const person = personRef(req.params.type, req.params.id);
      const entry = await recordConsent(ctx.db, { person }, req.body, user.id);
      return reply.status(201).send(entry);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/calls/:id/consent',
    { config: { access: 'user' } },
    async (req) => {
      const call = await getCallFor(ctx.db, viewerOf(requireUser(req)), req.params.id);
      if (!call) throw new NotFoundError('Anruf');
      return callConsentState(ctx.db, ctx.config.recordingConsentMode, call.id);
    },
  );

  // From the call screen while the phone rings or the call runs: for the person on the call, or —
  // if the caller matches nobody — for this call's recording alone.
  app.post(
    '/api/calls/:id/consent',
    {
      config: { access: 'user', invalidInput: consentRefusal },
      schema: { params: z.object({ id: z.string() }), body: orEmpty(consentInput) },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const call = await getCallFor(ctx.db, viewerOf(user), req.params.id);
      if (!call) throw new NotFoundError('Anruf');
      const entry = await recordConsent(
        ctx.db,
        { person: call.match ? { type: call.match.type, id: call.match.id } : null, callId: call.id },
        req.body,
        user.id,
      );
      const state = await callConsentState(ctx.db, ctx.config.recordingConsentMode, call.id);
      return reply.status(201).send({ ...entry, state });
    },
  );

  app.get<{ Params: { type: string; id: string } }>(
    '/api/privacy/export/:type/:id',
    { config: { access: 'user' } },
    async (req, reply) => {
      requireUser(req);
      const person = personRef(req.params.type, req.params.id);
      await assertRecordExists(ctx.db, person);
      const data = await exportPerson(ctx.db, { person });
      return reply
        .header('content-disposition', `attachment; filename="auskunft-${person.type}-${person.id}.json"`)
        .header('cache-control', 'no-store')
        .send(data);
    },
  );
  // By number, for admins: it holds everything stored with any number a person types, calls and
  // unassigned recordings of other recruiters' lines included (the record export starts from a record
  // every recruiter shares; this one would open any line's inbox to anyone who knows a number).
  app.get(
    '/api/privacy/export',
    { config: { access: 'admin' }, schema: { querystring: z.object({ phone: q.text(64) }) } },
    async (req, reply) => {
      requireAdmin(req);
      const { phone } = req.query;
      if (!phone) throw new ValidationError('Nummer fehlt', undefined, '?phone=0561112233 angeben.');
      const data = await exportPerson(ctx.db, phoneSubject(phone, ctx.phoneRules));
      return reply.header('cache-control', 'no-store').send(data);
    },
  );

  app.post(
    '/api/privacy/erasures',
    {
      config: {
        access: 'admin',
        invalidInput: {
          message: 'Wen löschen? {"type": "lead"|"candidate", "id": "…"} oder {"phone": "…"} angeben.',
        },
      },
      schema: { body: orEmpty(erasureBody) },
    },
    async (req, reply) => {
      const admin = requireAdmin(req);
      const b = req.body;
      const subject: Subject =
        'phone' in b ? phoneSubject(b.phone, ctx.phoneRules) : { person: personRef(b.type, b.id) };
      const { id } = await requestErasure(ctx.db, subject, admin.id);
      return reply.status(202).send(await getErasure(ctx.db, id));
    },
  );
  app.get<{ Params: { id: string } }>(
    '/api/privacy/erasures/:id',
    { config: { access: 'admin' } },
    async (req) => {
      requireAdmin(req);
      return getErasure(ctx.db, req.params.id);
    },
  );
};
