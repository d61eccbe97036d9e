import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { pageUser, viewerOf } from '../../auth/requestUser.ts';
import { getCallFor } from '../../calls/callQueries.ts';
import { chooseCallRecord } from '../../calls/callRecordChooser.ts';
import type { Config } from '../../config/config.ts';
import { normalizeAll } from '../../crm/phoneIndex.ts';
import type { DB } from '../../db/schema.ts';
import { form } from '../../http/form.ts';
import { q } from '../../http/query.ts';
import { orEmpty } from '../../http/validation.ts';
import type { EventBus } from '../../live/eventBus.ts';
import { formatNumber, type PhoneRules } from '../../phone/phoneNumber.ts';
import { assignFromInbox } from '../../recordings/inboxAssigner.ts';
import { prefillFromRecording } from '../../recordings/inboxPrefill.ts';
import { assertRecordingVisible } from '../../recordings/recordingScope.ts';
import { html, type SafeHtml } from '../html.ts';
import { page } from '../layout.ts';
import { type FormErrors, type FormValues, fieldErrors, recordForm } from '../recordForm.ts';
import { prefillPreview } from '../sections/prefillPreview.ts';
import { duplicateNumberWarning } from '../sections/sharedNumbersSection.ts';
import { suggestionNotice } from '../sections/suggestionsSection.ts';
import { taskNotice } from '../sections/tasksSection.ts';
import { sendPage } from '../sendPage.ts';
import { recordDetailBody, recordNotices } from './recordDetailPage.ts';

import { candidateKind, type KindInput, leadKind, PAGE_SIZE, type RecordKind } from './recordPageKinds.ts';

export interface RecordPageDeps {
  db: Kysely<DB>;
  bus: EventBus;
  phoneRules: PhoneRules;
  /** The consent mode for the privacy card; the old backend a note filed from the inbox goes to. */
  config: Pick<Config, 'recordingConsentMode' | 'legacyBackendUrl'>;
}

const listQuery = z.object({ q: q.text(), seite: q.page() });
const newQuery = z.object({ telefon: q.text(), anruf: q.text(), aufnahme: q.text(100) });
const detailQuery = z.object({
  hinweis: q.text(40),
  anzahl: q.count(10_000),
  vorschlag: q.text(100),
  aufgabe: q.text(100),
});
const recordParams = z.object({ id: z.string() });
/** Every field of the record form, as text; which ones count is the kind's business (`toInput`). */
const recordFormBody = orEmpty(form.values());

function kindPages(kind: RecordKind): FastifyPluginAsyncZod<RecordPageDeps> {
  return async (app, ctx) => {
    app.get(
      kind.path,
      { config: { access: 'user' }, schema: { querystring: listQuery } },
      async (req, reply) => {
        const user = pageUser(req, reply);
        if (!user) return reply;
        const query = req.query;
        const search = (query.q ?? '').trim();
        const pageNo = query.seite ?? 1;
        const { rows, count, total } = await kind.list(ctx, search, (pageNo - 1) * PAGE_SIZE);
        const qs = (p: number) => new URLSearchParams({ q: search, seite: String(p) }).toString();
        return sendPage(
          reply,
          page(
            { title: kind.plural, user, section: kind.section },
            html`<h1>${kind.plural}</h1>
<form method="get" action="${kind.path}" class="toolbar">
  <label>Suche<input type="search" name="q" value="${search}" placeholder="Name, Firma, Stadt oder Nummer"></label>
  <button type="submit" class="primary">Suchen</button>
  <a class="button secondary" href="${kind.path}/neu">${kind.singular} anlegen</a>
</form>
${
  count === 0
    ? html`<div class="empty">${total > 0 ? html`Seite ${pageNo} gibt es nicht (${total} ${kind.plural}). <a href="${kind.path}?${qs(1)}">Zur ersten Seite</a>` : search ? `Nichts gefunden für „${search}“.` : html`Noch keine ${kind.plural}. <a href="${kind.path}/neu">${kind.singular} anlegen</a> oder <a href="/import">per CSV importieren</a>.`}</div>`
    : html`${rows}<div class="pager">${pageNo > 1 ? html`<a href="${kind.path}?${qs(pageNo - 1)}">← Zurück</a>` : ''}<span class="muted">${total} ${kind.plural}</span>${pageNo * PAGE_SIZE < total ? html`<a href="${kind.path}?${qs(pageNo + 1)}">Weiter →</a>` : ''}</div>`
}`,
          ),
        );
      },
    );

    /** The form to create a record (`id` null) or to edit record `id`. */
    const formPage = (
      user: NonNullable<ReturnType<typeof pageUser>>,
      id: string | null,
      values: FormValues,
      errors: FormErrors,
      more: { hidden?: FormValues; warning?: SafeHtml | null; preface?: SafeHtml | null } = {},
    ) => {
      const title = id ? `${kind.singular} bearbeiten` : `${kind.singular} anlegen`;
      const action = id ? `${kind.path}/${id}/bearbeiten` : `${kind.path}/neu`;
      return page(
        { title, user, section: kind.section },
        html`<h1>${title}</h1>${more.preface ?? ''}${recordForm(action, kind.fields, values, errors, 'Speichern', more.hidden ?? {}, kind.path, more.warning ?? null)}`,
      );
    };

    const noticesFor = async (id: string, query: z.infer<typeof detailQuery>) => {
      const notices = recordNotices(query);
      if (kind.type === 'candidate' && query.vorschlag)
        notices.push(await suggestionNotice(ctx.db, id, query.vorschlag, query.hinweis === 'rueckgaengig'));
      if (query.aufgabe) notices.push(await taskNotice(ctx.db, query.aufgabe, 'datensatz'));
      return notices;
    };

    /** A number another record has: the form comes back with a warning until it is confirmed. */
    const duplicateCheck = async (input: KindInput, values: FormValues, self?: string) => {
      const e164s = normalizeAll(input.phones, ctx.phoneRules).map((n) => n.e164);
      const confirmed = (values['bestaetigteNummern'] ?? '').split(' ').filter(Boolean);
      return duplicateNumberWarning(ctx, e164s, self ? { type: kind.type, id: self } : undefined, confirmed);
    };

    app.get(
      `${kind.path}/neu`,
      { config: { access: 'user' }, schema: { querystring: newQuery } },
      async (req, reply) => {
        const user = pageUser(req, reply);
        if (!user) return reply;
        const query = req.query;
        if (query.aufnahme) {
          await assertRecordingVisible(ctx.db, user, query.aufnahme);
          const pre = await prefillFromRecording(ctx.db, query.aufnahme, kind.type);
          const values: FormValues = {
            ...pre.values,
            phones: pre.values['phones'] ? formatNumber(pre.values['phones']) : '',
          };
          return sendPage(
            reply,
            formPage(
              user,
              null,
              values,
              {},
              { hidden: { aufnahme: pre.recordingId }, preface: prefillPreview(pre) },
            ),
          );
        }
        const values: FormValues = { phones: query.telefon ? formatNumber(query.telefon) : '' };
        return sendPage(
          reply,
          formPage(user, null, values, {}, { hidden: query.anruf ? { anruf: query.anruf } : {} }),
        );
      },
    );

    app.post(
      `${kind.path}/neu`,
      { config: { access: 'user' }, schema: { body: recordFormBody } },
      async (req, reply) => {
        const user = pageUser(req, reply);
        if (!user) return reply;
        const values: FormValues = req.body;
        const callId = values['anruf'];
        const recordingId = values['aufnahme'];
        const keep: FormValues = {
          ...(callId ? { anruf: callId } : {}),
          ...(recordingId ? { aufnahme: recordingId } : {}),
        };
        // The form's hidden field could name any recording: only one this user may see (404 otherwise).
        if (recordingId) await assertRecordingVisible(ctx.db, user, recordingId);
        let preface: SafeHtml | null = null;
        try {
          // The call must still wait in the inbox, or the new record would not get its note.
          if (recordingId)
            preface = prefillPreview(await prefillFromRecording(ctx.db, recordingId, kind.type));
          const input = kind.toInput(values);
          const dup = await duplicateCheck(input, values);
          if (dup)
            return sendPage(
              reply.status(409),
              formPage(
                user,
                null,
                values,
                {},
                {
                  hidden: { ...keep, bestaetigteNummern: dup.numbers.join(' ') },
                  warning: dup.warning,
                  preface,
                },
              ),
            );
          const record = await input.create(ctx);
          if (recordingId) {
            await assignFromInbox(ctx.db, recordingId, { type: kind.type, id: record.id }, ctx.config, {
              userId: user.id,
              name: user.display_name,
            });
            return reply.redirect(`${kind.path}/${record.id}?hinweis=angelegt`, 303);
          }
          if (callId && (await getCallFor(ctx.db, viewerOf(user), callId))) {
            // Open pop-ups and call screens of the call show the new record at once.
            await chooseCallRecord({ db: ctx.db, bus: ctx.bus }, callId, {
              type: kind.type,
              id: record.id,
            });
            return reply.redirect(`/anrufe/${callId}`, 303);
          }
          return reply.redirect(`${kind.path}/${record.id}`, 303);
        } catch (err) {
          const errors = fieldErrors(err, kind.fields);
          return sendPage(reply.status(400), formPage(user, null, values, errors, { hidden: keep, preface }));
        }
      },
    );

    app.get(
      `${kind.path}/:id`,
      { config: { access: 'user' }, schema: { params: recordParams, querystring: detailQuery } },
      async (req, reply) => {
        const user = pageUser(req, reply);
        if (!user) return reply;
        const d = await kind.details(ctx, req.params.id);
        const body = await recordDetailBody(
          ctx,
          user,
          { type: kind.type, id: req.params.id, path: kind.path, ...d },
          await noticesFor(req.params.id, req.query),
        );
        return sendPage(reply, page({ title: d.title, user, section: kind.section }, body));
      },
    );

    app.get(
      `${kind.path}/:id/bearbeiten`,
      { config: { access: 'user' }, schema: { params: recordParams } },
      async (req, reply) => {
        const user = pageUser(req, reply);
        if (!user) return reply;
        const values = await kind.toValues(ctx, req.params.id);
        return sendPage(reply, formPage(user, req.params.id, values, {}));
      },
    );

    app.post(
      `${kind.path}/:id/bearbeiten`,
      { config: { access: 'user' }, schema: { params: recordParams, body: recordFormBody } },
      async (req, reply) => {
        const user = pageUser(req, reply);
        if (!user) return reply;
        const values: FormValues = req.body;
        try {
          const input = kind.toInput(values);
          const dup = await duplicateCheck(input, values, req.params.id);
          if (dup)
            return sendPage(
              reply.status(409),
              formPage(
                user,
                req.params.id,
                values,
                {},
                { hidden: { bestaetigteNummern: dup.numbers.join(' ') }, warning: dup.warning },
              ),
            );
          await input.update(ctx, req.params.id);
          return reply.redirect(`${kind.path}/${req.params.id}`, 303);
        } catch (err) {
          return sendPage(
            reply.status(400),
            formPage(user, req.params.id, values, fieldErrors(err, kind.fields)),
          );
        }
      },
    );
  };
}

export const leadPages = kindPages(leadKind);
export const candidatePages = kindPages(candidateKind);
