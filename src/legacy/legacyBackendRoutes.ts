import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { authenticateApiKey } from '../auth/apiKeys.ts';
import { type ThrottlePolicy, throttledApiKey } from '../auth/loginThrottle.ts';
import type { DB } from '../db/schema.ts';
import { type CallExtraction, callExtractionSchema, emptyExtraction } from '../extraction/index.ts';
import { normalizePhone, type PhoneRules } from '../phone/phoneNumber.ts';
import { applyCallNote } from '../recordings/callNoteApplier.ts';
import { newRecordingRow } from '../recordings/recordingRow.ts';
import { NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';

/** Whatever part of the call record an old script sends; the rest stays empty. No body: no fields. */
const partialRecord = callExtractionSchema.partial().loose();
const orNoFields = <S extends z.ZodType>(schema: S) => z.preprocess((v) => v ?? {}, schema);

const patchBody = orNoFields(
  /** A transcript sent along with the fields; anything but text is no transcript. */
  partialRecord.extend({ transcript: z.string().nullish().catch(null) }),
);
const unassignedBody = orNoFields(
  partialRecord.extend({
    phoneNumber: z.string().optional(),
    phone: z.string().optional(),
    number: z.string().optional(),
    transcript: z.string().optional(),
    callDate: z.string().optional(),
  }),
);

/** What the old scripts were told of a body that does not fit: "Body ungültig: <path>: <reason>; …". */
const refusal = { code: 'invalid_payload', message: 'Body ungültig', listProblems: true };

function toExtraction(fields: z.infer<typeof partialRecord>): CallExtraction {
  const base = emptyExtraction('candidate');
  const known = Object.fromEntries(Object.entries(fields).filter(([k]) => k in base));
  return {
    ...base,
    ...known,
    summary: typeof fields.summary === 'string' ? fields.summary : 'Notiz über die API',
  } as CallExtraction;
}

export interface LegacyBackendDeps {
  db: Kysely<DB>;
  /** How often wrong API keys from one address are tolerated (the login throttle's policy). */
  throttle: ThrottlePolicy;
  phoneRules: PhoneRules;
}

/**
 * The two calls the old workflow made to its backend, accepted here with the same paths and X-API-Key,
 * so scripts written for it keep working: PATCH a candidate with extracted fields (filled or suggested,
 * never overwritten), or park a call in "Nicht zugeordnete Anrufe".
 */
export const legacyBackendRoutes: FastifyPluginAsyncZod<LegacyBackendDeps> = async (app, ctx) => {
  const key = async (h: unknown, address: string) =>
    throttledApiKey(ctx.db, ctx.throttle, address, () =>
      authenticateApiKey(ctx.db, typeof h === 'string' ? h : undefined),
    );
  // The key before the body: a caller without one learns nothing of what a body must hold.
  app.addHook('preValidation', async (req) => {
    await key(req.headers['x-api-key'], req.ip);
  });

  app.patch(
    '/api/candidates/:id',
    {
      config: { access: 'apiKey', invalidInput: refusal },
      schema: { params: z.object({ id: z.string() }), body: patchBody },
    },
    async (req) => {
      const extraction = toExtraction(req.body);
      const result = await ctx.db.transaction().execute(async (trx) => {
        const exists = await trx
          .selectFrom('candidates')
          .select('id')
          .where('id', '=', req.params.id)
          .executeTakeFirst();
        if (!exists) throw new NotFoundError('Kandidat');
        return applyCallNote(trx, {
          recordingId: `api:${newId()}`,
          callId: null,
          target: { type: 'candidate', id: req.params.id },
          extraction,
          transcript: req.body.transcript ?? null,
        });
      });
      return { ok: true, filled: result.filled, suggestions: result.suggested };
    },
  );

  app.post(
    '/api/akquise/unassigned-calls',
    { config: { access: 'apiKey', invalidInput: refusal }, schema: { body: unassignedBody } },
    async (req, reply) => {
      const body = req.body;
      const raw = body.phoneNumber ?? body.phone ?? body.number ?? null;
      const n = normalizePhone(raw, ctx.phoneRules);
      const extraction = toExtraction(body);
      const now = new Date().toISOString();
      const id = newId();
      await ctx.db
        .insertInto('recordings')
        .values(
          newRecordingRow(
            {
              id,
              webex_recording_id: `api:${id}`,
              step: 'done',
              status: 'done',
              transcript: body.transcript ?? null,
              extraction_json: JSON.stringify(extraction),
              flags_json: '[]',
              call_date: body.callDate ?? now.slice(0, 10),
              remote_number: n.kind === 'number' ? n.e164 : null,
              inbox: 1,
              applied_at: now,
              done_at: now,
            },
            now,
          ),
        )
        .execute();
      return reply.status(201).send({ ok: true, id });
    },
  );
};
