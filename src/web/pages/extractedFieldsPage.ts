import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { pageUser } from '../../auth/requestUser.ts';
import { getCandidate } from '../../crm/candidateStore.ts';
import { END_OF, FIELD_LABELS, WORK_MODELS } from '../../crm/extractedFields.ts';
import { correctExtractedFields, extractedFieldsForm } from '../../crm/extractedFieldsEditor.ts';
import type { DB, User } from '../../db/schema.ts';
import { form as formFields } from '../../http/form.ts';
import { orEmpty } from '../../http/validation.ts';
import { AppError } from '../../shared/errors.ts';
import { html, type SafeHtml } from '../html.ts';
import { page } from '../layout.ts';
import { sendPage } from '../sendPage.ts';

type Values = Record<string, string>;

function field(name: string, label: string, e: Values, control: SafeHtml, hint?: string) {
  return html`<div class="${e[name] ? 'has-error' : ''}"><label for="x-${name}">${label}</label>${control}${hint ? html`<div class="muted">${hint}</div>` : ''}${e[name] ? html`<div class="field-error">${e[name]}</div>` : ''}</div>`;
}
const input = (name: string, v: Values, type = 'text', extra = '') =>
  html`<input id="x-${name}" name="${name}" type="${type}" value="${v[name] ?? ''}" ${extra ? html`inputmode="${extra}"` : ''}>`;
const select = (name: string, v: Values, options: Record<string, string>) =>
  html`<select id="x-${name}" name="${name}">${Object.entries(options).map(([k, label]) => html`<option value="${k}" ${k === (v[name] ?? '') ? html`selected` : ''}>${label}</option>`)}</select>`;

function form(id: string, v: Values, e: Values): SafeHtml {
  return html`<form method="post" action="/kandidaten/${id}/gespraechsdaten" class="card" novalidate id="extracted-form">
${e['_form'] ? html`<p class="error-box" role="alert">${e['_form']}</p>` : ''}
<div class="form-grid">
${field('current_position', FIELD_LABELS['current_position']!, e, input('current_position', v))}
${field('current_employer', FIELD_LABELS['current_employer']!, e, input('current_employer', v))}
${field('current_salary_eur', 'Aktuelles Gehalt (brutto/Jahr)', e, input('current_salary_eur', v, 'text', 'numeric'), 'z. B. 55.000')}
${field('salary_min', 'Gehaltswunsch von', e, input('salary_min', v, 'text', 'numeric'))}
${field('salary_max', 'Gehaltswunsch bis', e, input('salary_max', v, 'text', 'numeric'), 'Ein fester Wunsch: nur „von“ ausfüllen.')}
${field('notice_amount', 'Kündigungsfrist', e, input('notice_amount', v, 'text', 'numeric'), 'Anzahl; leer = unbekannt')}
${field('notice_unit', 'Einheit', e, select('notice_unit', v, { '': '–', weeks: 'Wochen', months: 'Monate' }))}
${field('notice_end', 'Zum', e, select('notice_end', v, { '': '–', ...END_OF }))}
${field('available_from', FIELD_LABELS['available_from']!, e, input('available_from', v, 'date'))}
${field('willing_to_relocate', FIELD_LABELS['willing_to_relocate']!, e, select('willing_to_relocate', v, { '': 'unbekannt', ja: 'ja', nein: 'nein' }))}
${field('work_model', FIELD_LABELS['work_model']!, e, select('work_model', v, { '': 'unbekannt', ...WORK_MODELS }))}
${field('preferred_locations', FIELD_LABELS['preferred_locations']!, e, input('preferred_locations', v), 'Mit Komma trennen')}
${field('skills', FIELD_LABELS['skills']!, e, input('skills', v), 'Mit Komma trennen')}
</div>
<div class="actions"><button type="submit" class="primary">Speichern</button><a href="/kandidaten/${id}">Abbrechen</a></div>
</form>`;
}

const candidateParams = z.object({ id: z.string() });

/** "Gesprächsdaten korrigieren": every value calls filled in, editable by hand (with a history entry). */
export const extractedFieldsPage: FastifyPluginAsyncZod<{ db: Kysely<DB> }> = async (app, ctx) => {
  const send = (reply: FastifyReply, user: User, title: string, body: SafeHtml) =>
    sendPage(reply, page({ title, user, section: 'kandidaten' }, body));

  app.get(
    '/kandidaten/:id/gespraechsdaten',
    { config: { access: 'user' }, schema: { params: candidateParams } },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const c = await getCandidate(ctx.db, req.params.id);
      const title = `Gesprächsdaten von ${c.first_name} ${c.last_name}`;
      return send(
        reply,
        user,
        title,
        html`<h1>${title}</h1><p class="muted">Was Anrufe ergeben haben, korrigieren Sie hier von Hand; die Änderung steht danach im Verlauf.</p>${form(c.id, extractedFieldsForm(c), {})}`,
      );
    },
  );

  app.post(
    '/kandidaten/:id/gespraechsdaten',
    { config: { access: 'user' }, schema: { params: candidateParams, body: orEmpty(formFields.values()) } },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const values: Values = req.body;
      try {
        const { changed } = await correctExtractedFields(ctx.db, req.params.id, values, {
          userId: user.id,
          name: user.display_name,
        });
        return reply.redirect(
          `/kandidaten/${req.params.id}?hinweis=${changed.length ? 'korrigiert' : 'unveraendert'}`,
          303,
        );
      } catch (err) {
        if (!(err instanceof AppError) || err.status === 404) throw err;
        const errors: Values = {};
        for (const d of (err.details as { field: string; reason: string }[] | undefined) ?? [])
          errors[d.field || '_form'] ??= d.reason;
        if (!Object.keys(errors).length) errors['_form'] = err.message;
        const c = await getCandidate(ctx.db, req.params.id);
        const title = `Gesprächsdaten von ${c.first_name} ${c.last_name}`;
        return send(
          reply.status(400),
          user,
          title,
          html`<h1>${title}</h1><p class="error-box" role="alert">Nicht gespeichert: bitte die markierten Felder prüfen.</p>${form(c.id, values, errors)}`,
        );
      }
    },
  );
};
