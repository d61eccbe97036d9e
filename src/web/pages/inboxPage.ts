import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { pageUser } from '../../auth/requestUser.ts';
import type { Config } from '../../config/config.ts';
import { listCandidates } from '../../crm/candidateStore.ts';
import { listLeads } from '../../crm/leadStore.ts';
import { type MatchedRecord, matchNumber } from '../../crm/recordMatcher.ts';
import type { DB, Recording } from '../../db/schema.ts';
import type { CallExtraction } from '../../extraction/index.ts';
import { form } from '../../http/form.ts';
import { q as query } from '../../http/query.ts';
import { orEmpty } from '../../http/validation.ts';
import { formatNumber } from '../../phone/phoneNumber.ts';
import { assignFromInbox } from '../../recordings/inboxAssigner.ts';
import { assignAllOfNumber } from '../../recordings/inboxBulkAssigner.ts';
import {
  discardFromInbox,
  recentlyDiscarded,
  restoreToInbox,
  UNDO_MINUTES,
} from '../../recordings/inboxDiscarder.ts';
import { callOfRecording, callTimeOf } from '../../recordings/recordingCall.ts';
import { assertRecordingVisible, onlyVisibleRecordings } from '../../recordings/recordingScope.ts';
import { ValidationError } from '../../shared/errors.ts';
import { formatDateTime } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { page } from '../layout.ts';
import { sendPage } from '../sendPage.ts';

type Option = Pick<MatchedRecord, 'type' | 'id' | 'title'>;
interface Card {
  rec: Recording;
  ex: CallExtraction | null;
  callAt: string;
}
interface Group {
  number: string | null;
  cards: Card[];
  matches: MatchedRecord[];
}

const targetForm = z.object({ type: form.text(), id: form.text() });

const target = (b: z.infer<typeof targetForm>) => {
  const type = b.type === 'lead' ? 'lead' : b.type === 'candidate' ? 'candidate' : null;
  const id = b.id ?? '';
  if (!type || !id) throw new ValidationError('Kein Datensatz gewählt', { field: 'id' });
  return { type, id } as const;
};
const recordUrl = (t: { type: string; id: string }) =>
  `/${t.type === 'lead' ? 'leads' : 'kandidaten'}/${t.id}`;

/** One button per record: the group's number goes to it at once, or the single card. */
function assignButtons(g: Group, options: Option[], prefix: string): SafeHtml {
  const many = g.cards.length > 1 && g.number;
  return html`<ul class="assign-options">${options.map(
    (o) =>
      html`<li><form method="post" action="${many ? '/nicht-zugeordnet/nummer/zuordnen' : `/nicht-zugeordnet/${g.cards[0]!.rec.id}/zuordnen`}" class="inline">${many ? html`<input type="hidden" name="nummer" value="${g.number}">` : ''}<input type="hidden" name="type" value="${o.type}"><input type="hidden" name="id" value="${o.id}"><button type="submit" class="${prefix ? 'button' : 'link-button'}">${prefix}${many ? `Alle ${g.cards.length} Anrufe ` : ''}${o.type === 'lead' ? 'Lead' : 'Kandidat'}: ${o.title} zuordnen</button></form></li>`,
  )}</ul>`;
}

function card(c: Card): SafeHtml {
  const ex = c.ex;
  const facts = ex
    ? [
        ex.currentPosition,
        ex.currentEmployer,
        ex.currentSalaryEur ? `Gehalt ${new Intl.NumberFormat('de-DE').format(ex.currentSalaryEur)} €` : null,
        ex.noticePeriod
          ? `Kündigungsfrist ${ex.noticePeriod.amount} ${ex.noticePeriod.unit === 'weeks' ? 'Wochen' : 'Monate'}`
          : null,
      ].filter(Boolean)
    : [];
  return html`<article class="inbox-card" data-recording-id="${c.rec.id}">
  <div class="muted">Anruf vom ${formatDateTime(c.callAt)}</div>
  <p>${ex?.summary ?? ''}</p>
  ${facts.length ? html`<p class="muted">${facts.join(' · ')}</p>` : ''}
  <div class="inline-actions">
    ${
      ex?.callType === 'client'
        ? html`<a class="button secondary" href="/leads/neu?aufnahme=${c.rec.id}">Neuen Lead anlegen</a>
    <a class="button secondary" href="/kandidaten/neu?aufnahme=${c.rec.id}">Neuen Kandidaten anlegen</a>`
        : html`<a class="button secondary" href="/kandidaten/neu?aufnahme=${c.rec.id}">Neuen Kandidaten anlegen</a>
    <a class="button secondary" href="/leads/neu?aufnahme=${c.rec.id}">Neuen Lead anlegen</a>`
    }
    <details class="confirm"><summary>Verwerfen</summary>
      <form method="post" action="/nicht-zugeordnet/${c.rec.id}/verwerfen" class="inline"><span>Diesen Anruf wirklich verwerfen? Er verschwindet aus der Liste; ${UNDO_MINUTES} Minuten lang können Sie das rückgängig machen.</span> <button type="submit" class="button secondary">Ja, verwerfen</button></form>
    </details>
  </div>
</article>`;
}

function group(g: Group, q: string, searchIn: string | null, found: Option[] | null): SafeHtml {
  const key = g.number ?? g.cards[0]!.rec.id;
  const showFound = found && (searchIn === null || searchIn === key);
  return html`<section class="card inbox-item number-group" data-number="${g.number ?? ''}">
  <h2 style="margin-top:0">${g.number ? formatNumber(g.number) : 'Unbekannte Nummer'}${g.cards.length > 1 ? ` · ${g.cards.length} Anrufe` : ''}</h2>
  ${g.matches.length ? html`<div class="warning-box matches-now"><strong>Zu dieser Nummer gibt es jetzt ${g.matches.length === 1 ? 'einen Datensatz' : `${g.matches.length} Datensätze`}:</strong>${assignButtons(g, g.matches, '')}</div>` : ''}
  <form method="get" action="/nicht-zugeordnet" class="toolbar"><input type="hidden" name="gruppe" value="${key}"><label>Datensatz suchen<input type="search" name="q" value="${searchIn === key || searchIn === null ? q : ''}" placeholder="Name, Firma oder Nummer"></label><button type="submit" class="button secondary">Suchen</button></form>
  ${showFound ? (found.length ? assignButtons(g, found, '') : html`<p class="muted">Nichts gefunden für „${q}“.</p>`) : ''}
  ${g.cards.map(card)}
</section>`;
}

const inboxQuery = z.object({
  q: query.text(),
  gruppe: query.text(100),
  verworfen: query.text(100),
  zurueck: query.flag(),
});
const recordingParams = z.object({ id: z.string() });

export const inboxPage: FastifyPluginAsyncZod<{
  db: Kysely<DB>;
  /** Where a note filed from the inbox is forwarded to (the old backend), if anywhere. */
  config: Pick<Config, 'legacyBackendUrl'>;
}> = async (app, ctx) => {
  const send = (reply: FastifyReply, user: NonNullable<ReturnType<typeof pageUser>>, body: SafeHtml) =>
    sendPage(reply, page({ title: 'Nicht zugeordnete Anrufe', user, section: 'eingang' }, body));

  app.get(
    '/nicht-zugeordnet',
    { config: { access: 'user' }, schema: { querystring: inboxQuery } },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const qs = req.query;
      const q = (qs.q ?? '').trim();
      const searchIn = qs.gruppe ?? null;
      const rows = await onlyVisibleRecordings(ctx.db.selectFrom('recordings').selectAll(), user)
        .where('inbox', '=', 1)
        .orderBy('created_at', 'desc')
        .limit(200)
        .execute();
      const groups = new Map<string, Group>();
      for (const rec of rows) {
        const key = rec.remote_number ?? `id:${rec.id}`;
        let g = groups.get(key);
        if (!g) {
          g = {
            number: rec.remote_number,
            cards: [],
            matches: rec.remote_number ? await matchNumber(ctx.db, rec.remote_number) : [],
          };
          groups.set(key, g);
        }
        g.cards.push({
          rec,
          ex: rec.extraction_json ? (JSON.parse(rec.extraction_json) as CallExtraction) : null,
          callAt: callTimeOf(rec, await callOfRecording(ctx.db, rec)),
        });
      }
      let found: Option[] | null = null;
      if (q) {
        const [leads, candidates] = await Promise.all([
          listLeads(ctx.db, { search: q, limit: 10 }),
          listCandidates(ctx.db, { search: q, limit: 10 }),
        ]);
        found = [
          ...candidates.items.map((c) => ({
            type: 'candidate' as const,
            id: c.id,
            title: `${c.first_name} ${c.last_name}`,
          })),
          ...leads.items.map((l) => ({ type: 'lead' as const, id: l.id, title: l.company })),
        ];
      }
      const discarded = await recentlyDiscarded(ctx.db, user);
      const justDiscarded = qs.verworfen ? discarded.find((d) => d.id === qs.verworfen) : undefined;
      const body = html`<h1>Nicht zugeordnete Anrufe</h1>
${justDiscarded ? html`<div class="flash" role="status" id="discard-notice">Anruf ${justDiscarded.remote_number ? `von ${formatNumber(justDiscarded.remote_number)} ` : ''}verworfen. <form method="post" action="/nicht-zugeordnet/${justDiscarded.id}/zurueckholen" class="inline"><button type="submit" class="button secondary">Rückgängig</button></form> <span class="muted">(${UNDO_MINUTES} Minuten lang möglich)</span></div>` : ''}
${qs.zurueck ? html`<p class="flash" role="status">Der Anruf ist wieder in der Liste.</p>` : ''}
${
  groups.size === 0
    ? html`<div class="empty">Keine offenen Anrufe. Gesprächsnotizen, die keinem Kandidaten oder Lead zugeordnet werden konnten, warten hier.</div>`
    : [...groups.values()].map((g) => group(g, q, searchIn, found))
}
${
  discarded.length && !justDiscarded
    ? html`<h2>Kürzlich verworfen</h2><ul class="card task-list" id="recently-discarded">${discarded.map(
        (d) =>
          html`<li>${d.remote_number ? formatNumber(d.remote_number) : 'Unbekannte Nummer'} · verworfen ${formatDateTime(d.discarded_at)} <form method="post" action="/nicht-zugeordnet/${d.id}/zurueckholen" class="inline"><button type="submit" class="link-button">Rückgängig</button></form></li>`,
      )}</ul>`
    : ''
}`;
      return send(reply, user, body);
    },
  );

  app.post(
    '/nicht-zugeordnet/:id/zuordnen',
    { config: { access: 'user' }, schema: { params: recordingParams, body: orEmpty(targetForm) } },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const t = target(req.body);
      await assertRecordingVisible(ctx.db, user, req.params.id);
      await assignFromInbox(ctx.db, req.params.id, t, ctx.config, {
        userId: user.id,
        name: user.display_name,
      });
      return reply.redirect(`${recordUrl(t)}?hinweis=zugeordnet`, 303);
    },
  );

  app.post(
    '/nicht-zugeordnet/nummer/zuordnen',
    { config: { access: 'user' }, schema: { body: orEmpty(targetForm.extend({ nummer: form.text() })) } },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const b = req.body;
      const t = target(b);
      const n = await assignAllOfNumber(ctx.db, b.nummer ?? '', t, ctx.config, user);
      return reply.redirect(`${recordUrl(t)}?hinweis=zugeordnet&anzahl=${n}`, 303);
    },
  );

  app.post(
    '/nicht-zugeordnet/:id/verwerfen',
    { config: { access: 'user' }, schema: { params: recordingParams } },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      await assertRecordingVisible(ctx.db, user, req.params.id);
      await discardFromInbox(ctx.db, req.params.id, user.id);
      return reply.redirect(`/nicht-zugeordnet?verworfen=${encodeURIComponent(req.params.id)}`, 303);
    },
  );

  app.post(
    '/nicht-zugeordnet/:id/zurueckholen',
    { config: { access: 'user' }, schema: { params: recordingParams } },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      await assertRecordingVisible(ctx.db, user, req.params.id);
      await restoreToInbox(ctx.db, req.params.id);
      return reply.redirect('/nicht-zugeordnet?zurueck=1', 303);
    },
  );
};
