import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { pageUser } from '../../auth/requestUser.ts';
import { recordSummary } from '../../calls/callView.ts';
import { listCandidates } from '../../crm/candidateStore.ts';
import { listLeads } from '../../crm/leadStore.ts';
import { recordLabel, recordPath } from '../../crm/numberOwners.ts';
import { matchNumber } from '../../crm/recordMatcher.ts';
import type { DB } from '../../db/schema.ts';
import type { CallExtraction } from '../../extraction/index.ts';
import { form } from '../../http/form.ts';
import { q as query } from '../../http/query.ts';
import { orEmpty } from '../../http/validation.ts';
import { formatNumber } from '../../phone/phoneNumber.ts';
import { moveAssignment } from '../../recordings/assignmentMover.ts';
import { assertRecordingVisible } from '../../recordings/recordingScope.ts';
import { AppError, NotFoundError, ValidationError } from '../../shared/errors.ts';
import { formatDateTime } from '../format.ts';
import { html } from '../html.ts';
import { page } from '../layout.ts';
import { sendPage } from '../sendPage.ts';

const recordingParams = z.object({ id: z.string() });

/** "Falsch zugeordnet?": a call's note, with its suggestions and tasks, moves to another record. */
export const moveAssignmentPage: FastifyPluginAsyncZod<{ db: Kysely<DB> }> = async (app, ctx) => {
  app.get(
    '/aufnahmen/:id/verschieben',
    {
      config: { access: 'user' },
      schema: { params: recordingParams, querystring: z.object({ q: query.text() }) },
    },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const q = (req.query.q ?? '').trim();
      await assertRecordingVisible(ctx.db, user, req.params.id);
      const rec = await ctx.db
        .selectFrom('recordings')
        .selectAll()
        .where('id', '=', req.params.id)
        .executeTakeFirst();
      if (!rec) throw new NotFoundError('Aufnahme');
      const current = await recordSummary(ctx.db, rec.record_type, rec.record_id);
      if (!current)
        throw new AppError('not_assigned', 'Dieser Anruf ist keinem Datensatz zugeordnet', {
          status: 409,
          hint: 'Anrufe ohne Datensatz ordnen Sie unter „Nicht zugeordnet“ zu.',
        });
      const entry = await ctx.db
        .selectFrom('timeline_entries')
        .select(['occurred_at', 'created_at', 'summary'])
        .where('recording_id', '=', rec.id)
        .executeTakeFirst();
      const ex = rec.extraction_json ? (JSON.parse(rec.extraction_json) as CallExtraction) : null;
      const sameNumber = rec.remote_number
        ? (await matchNumber(ctx.db, rec.remote_number)).filter((m) => m.id !== current.id)
        : [];
      const found = q
        ? [
            ...(await listCandidates(ctx.db, { search: q, limit: 10 })).items.map((c) => ({
              type: 'candidate' as const,
              id: c.id,
              title: `${c.first_name} ${c.last_name}`,
            })),
            ...(await listLeads(ctx.db, { search: q, limit: 10 })).items.map((l) => ({
              type: 'lead' as const,
              id: l.id,
              title: l.company,
            })),
          ].filter((o) => o.id !== current.id)
        : [];
      const option = (o: { type: 'lead' | 'candidate'; id: string; title: string }) =>
        html`<li><form method="post" action="/aufnahmen/${rec.id}/verschieben" class="inline"><input type="hidden" name="type" value="${o.type}"><input type="hidden" name="id" value="${o.id}"><button type="submit" class="button secondary">Zu ${recordLabel(o)} verschieben</button></form></li>`;
      const body = html`<h1>Anruf anderem Datensatz zuordnen</h1>
<div class="card"><p>Anruf vom ${formatDateTime(entry?.occurred_at ?? entry?.created_at ?? rec.created_at)}${rec.remote_number ? ` von ${formatNumber(rec.remote_number)}` : ''}, jetzt bei <a href="${recordPath(current)}">${recordLabel(current)}</a>.</p>
<p>${entry?.summary ?? ex?.summary ?? ''}</p>
<p class="muted">Die Notiz, der Link zum Anruf, offene Vorschläge und Aufgaben gehen mit; Angaben, die dieser Anruf beim bisherigen Kandidaten eingetragen hat, werden dort wieder geleert. Beide Datensätze vermerken die Verschiebung im Verlauf.</p></div>
${sameNumber.length ? html`<h2>Weitere Datensätze mit dieser Nummer</h2><ul class="assign-options">${sameNumber.map(option)}</ul>` : ''}
<form method="get" action="/aufnahmen/${rec.id}/verschieben" class="toolbar"><label>Datensatz suchen<input type="search" name="q" value="${q}" placeholder="Name, Firma oder Nummer"></label><button type="submit" class="button secondary">Suchen</button></form>
${q ? (found.length ? html`<ul class="assign-options" id="move-options">${found.map(option)}</ul>` : html`<p class="muted">Nichts gefunden für „${q}“.</p>`) : ''}
<p><a href="${recordPath(current)}">Abbrechen</a></p>`;
      return sendPage(reply, page({ title: 'Anruf verschieben', user, section: null }, body));
    },
  );

  app.post(
    '/aufnahmen/:id/verschieben',
    {
      config: { access: 'user' },
      schema: { params: recordingParams, body: orEmpty(z.object({ type: form.text(), id: form.text() })) },
    },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const b = req.body;
      const type = b.type === 'lead' ? 'lead' : b.type === 'candidate' ? 'candidate' : null;
      if (!type || !b.id) throw new ValidationError('Kein Datensatz gewählt', { field: 'id' });
      await assertRecordingVisible(ctx.db, user, req.params.id);
      await moveAssignment(
        ctx.db,
        req.params.id,
        { type, id: b.id },
        { userId: user.id, name: user.display_name },
      );
      return reply.redirect(`${recordPath({ type, id: b.id })}?hinweis=verschoben`, 303);
    },
  );
};
