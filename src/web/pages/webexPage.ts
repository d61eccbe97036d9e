import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageUser, SESSION_COOKIE } from '../../auth/requestUser.ts';
import type { Config } from '../../config/config.ts';
import type { WebexConnection } from '../../db/schema.ts';
import { q as query } from '../../http/query.ts';
import { orEmpty } from '../../http/validation.ts';
import { AppError } from '../../shared/errors.ts';
import { connectionFindings } from '../../webex/connectionHealth.ts';
import { listConnections, visibleTo } from '../../webex/connectionStore.ts';
import { configureIntegration, loadIntegration } from '../../webex/integrationSettings.ts';
import { LineTaken, lineFindings } from '../../webex/lineOwnership.ts';
import { callbackUrl, finishConnect, startConnect } from '../../webex/oauthFlow.ts';
import { noticeQuery, verifiedNotice } from '../../webex/statusNotice.ts';
import type { WebexService } from '../../webex/webexService.ts';
import { UPKEEP_ACTION_DE, webhookStatusDe } from '../../webex/webhookSync.ts';
import { html } from '../html.ts';
import { page } from '../layout.ts';
import { sendPage } from '../sendPage.ts';
import { linesSection, lineTakenPage } from './webexLinePages.ts';

const dt = (iso: string | null) =>
  iso
    ? new Intl.DateTimeFormat('de-DE', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'Europe/Berlin',
      }).format(new Date(iso))
    : '–';

/** Where browsers and Webex reach this instance: PUBLIC_URL, else what the browser used. */
const publicBase = (ctx: { config: Pick<Config, 'publicUrl'> }, req: FastifyRequest) =>
  ctx.config.publicUrl ?? `${req.protocol}://${req.host}`;

const integrationBody = orEmpty(
  z.object({
    clientId: z.string().default(''),
    /** Empty keeps the stored secret (the field is never filled in). */
    clientSecret: z.string().default(''),
  }),
);

const startBody = orEmpty(
  z.object({
    kind: z.enum(['user', 'org']).default('user'),
    /** Set by the "Leitung übernehmen" button of the line-taken page: the Webex person id. */
    takeover: z.string().trim().min(1).max(200).optional(),
  }),
);

const pageQuery = z.object({
  verbunden: query.text(),
  hinweis: query.text(),
  sync: query.text(),
  warnung: query.text(),
  sig: query.text(),
});

const callbackQuery = z.object({
  state: query.text(),
  code: query.text(4000),
  error: query.text(),
  error_description: query.text(2000),
});

export interface WebexPageDeps {
  webex: WebexService;
  config: Pick<Config, 'publicUrl' | 'webhookSecret' | 'tokenExpiryWarningDays'>;
}

/** The Webex page, the integration form and the OAuth connect flow a browser goes through. */
export const webexPage: FastifyPluginAsyncZod<WebexPageDeps> = async (app, ctx) => {
  const { webex } = ctx;
  const deps = webex.deps;

  app.get(
    '/webex',
    { config: { access: 'user' }, schema: { querystring: pageQuery } },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const q = verifiedNotice(req.cookies[SESSION_COOKIE], req.query);
      const integration = deps.box.configured ? await loadIntegration(deps) : null;
      const allConns = await listConnections(deps);
      const conns = allConns.filter((c) => visibleTo(user, c));
      const handMadeWebhooks = Boolean(ctx.config.webhookSecret);
      const ownLine = lineFindings(user, allConns, { handMadeWebhooks });
      const hooks = await deps.db.selectFrom('webex_webhooks').selectAll().execute();
      const log = await deps.db
        .selectFrom('webex_upkeep_log')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(10)
        .execute();
      const isAdmin = user.role === 'admin';
      const lineRows = isAdmin
        ? (
            await deps.db
              .selectFrom('users')
              .selectAll()
              .where('disabled', '=', 0)
              .orderBy('username')
              .execute()
          ).map((u) => ({
            username: u.username,
            displayName: u.display_name,
            role: u.role,
            person: u.webex_person_id
              ? (allConns.find((c) => c.kind === 'user' && c.person_id === u.webex_person_id)?.display_name ??
                `${u.webex_person_id.slice(0, 16)}…`)
              : null,
            findings: lineFindings(u, allConns, { handMadeWebhooks }),
          }))
        : [];
      const body = html`<h1>Webex-Verbindung</h1>
${ownLine.map((f) => html`<p class="warning-box" role="alert" id="line-warning">${f.text} ${f.fix}</p>`)}
${
  user.webex_person_id && ownLine.length === 0
    ? html`<p class="muted" id="own-line">Ihre Leitung: ${allConns.find((c) => c.kind === 'user' && c.person_id === user.webex_person_id)?.display_name ?? 'Webex-Person verknüpft'}. Anrufe dieser Webex-Person erscheinen bei Ihnen als Pop-up.</p>`
    : ''
}
${q['verbunden'] ? html`<p class="flash" role="status">Mit Webex verbunden.${q['hinweis'] ? ` ${q['hinweis']}` : ''}</p>` : ''}
${q['sync'] ? html`<p class="flash" role="status">Webhooks geprüft: ${q['sync']}</p>` : ''}
${q['warnung'] ? html`<p class="warning-box" role="alert" id="sync-warning">${q['warnung']}</p>` : ''}
${!deps.box.configured ? html`<p class="error-box" role="alert">Kein ENCRYPTION_KEY konfiguriert: CallBridge kann keine Webex-Zugangsdaten speichern. Schlüssel mit <code>callbridge keys generate</code> erzeugen und als ENCRYPTION_KEY setzen.</p>` : ''}
${!ctx.config.publicUrl ? html`<p class="error-box" role="alert">PUBLIC_URL ist nicht gesetzt: Webhooks können nicht registriert werden.</p>` : ''}
<section class="card">
  <h2 style="margin-top:0">Verbindungen</h2>
  ${
    conns.length === 0
      ? html`<p class="muted" id="no-connection">Noch keine Verbindung. Verbinden Sie Ihre Webex-Leitung, damit Anrufe und Aufnahmen ankommen.</p>`
      : html`<table><thead><tr><th>Wer</th><th>Art</th><th>Berechtigungen</th><th>Anmeldung gültig bis</th><th>Zuletzt erfolgreich</th><th>Status</th></tr></thead><tbody>${conns.map(
          (
            c,
          ) => html`<tr><td>${c.display_name}<br><span class="muted">${c.email ?? ''}</span></td><td>${c.kind === 'org' ? 'Organisation' : 'Eigene Leitung'}</td>
<td><span class="muted">${c.scopes.split(' ').join(', ')}</span></td><td>${dt(c.refresh_expires_at)}</td><td>${dt(c.last_success_at)}</td>
<td>${c.status === 'active' ? html`<span class="badge connected">Aktiv</span>` : html`<span class="badge missed">Neu verbinden nötig</span>`}</td></tr>`,
        )}</tbody></table>`
  }
  <ul class="findings" id="findings">${conns.flatMap((c) => connectionFindings(c, ctx.config.tokenExpiryWarningDays)).map((f) => html`<li class="${f.level}">${f.text}</li>`)}</ul>
  ${
    integration
      ? html`<div class="actions">
    ${
      isAdmin
        ? html`<form method="post" action="/oauth/webex/start" class="inline"><input type="hidden" name="kind" value="org"><button type="submit" class="primary" id="connect-org">Organisation verbinden</button></form>
    <form method="post" action="/oauth/webex/start" class="inline"><input type="hidden" name="kind" value="user"><button type="submit" class="button secondary" id="connect-user">Eigene Leitung verbinden</button></form>`
        : html`<form method="post" action="/oauth/webex/start" class="inline"><input type="hidden" name="kind" value="user"><button type="submit" class="primary" id="connect-user">Mit Webex verbinden</button></form>`
    }
    ${conns.length && isAdmin ? html`<form method="post" action="/webex/webhooks/sync" class="inline"><button type="submit" class="button secondary">Webhooks prüfen und reparieren</button></form>` : ''}
  </div>`
      : html`<p class="muted">Ein Admin muss zuerst die Webex-Integration eintragen.</p>`
  }
  ${
    integration
      ? isAdmin
        ? html`<p class="muted" id="connect-explained">„Organisation verbinden“ holt Aufnahmen und Webhooks der ganzen Organisation und übernimmt keine Leitung. „Eigene Leitung verbinden“ macht die Webex-Person, als die Sie sich bei Webex anmelden, zu Ihrer Leitung; ist sie schon die Leitung eines anderen Benutzers, fragt CallBridge nach.</p>`
        : html`<p class="muted" id="connect-explained">Melden Sie sich bei Webex mit Ihrer eigenen Anmeldung an: die Webex-Person wird Ihre Leitung, ihre Anrufe erscheinen bei Ihnen als Pop-up.</p>`
      : ''
  }
</section>
${isAdmin ? linesSection(lineRows) : ''}
${
  isAdmin
    ? html`<section class="card"><h2 style="margin-top:0">Webex-Integration</h2>
<p class="muted">Redirect-URI, die bei der Integration auf developer.webex.com eingetragen sein muss: <code>${callbackUrl(publicBase(ctx, req))}</code></p>
<form method="post" action="/webex/integration" class="stack">
  <label for="clientId">Client-ID</label><input id="clientId" name="clientId" type="text" value="${integration?.clientId ?? ''}" autocomplete="off">
  <label for="clientSecret">Client-Secret</label><input id="clientSecret" name="clientSecret" type="password" placeholder="${integration ? '(gespeichert – nur zum Ändern eingeben)' : ''}" autocomplete="off">
  <div class="actions"><button type="submit" class="primary">Speichern</button></div>
</form></section>
<section class="card"><h2 style="margin-top:0">Webhooks bei Webex</h2>
${hooks.length ? html`<table><thead><tr><th>Ressource</th><th>Ziel</th><th>Status</th><th>Geprüft</th></tr></thead><tbody>${hooks.map((h) => html`<tr><td>${h.resource}</td><td>${h.target_url}</td><td>${webhookStatusDe(h.status)}</td><td>${dt(h.checked_at)}</td></tr>`)}</tbody></table>` : html`<p class="muted">Noch keine Webhooks registriert.</p>`}
<h2>Letzte Wartung</h2>
${log.length ? html`<ul>${log.map((l) => html`<li>${dt(l.at)}: ${UPKEEP_ACTION_DE[l.action] ?? l.action} – ${l.detail}</li>`)}</ul>` : html`<p class="muted">Noch nichts geschehen.</p>`}
</section>`
    : ''
}`;
      return sendPage(reply, page({ title: 'Webex', user, section: 'webex' }, body));
    },
  );

  app.post(
    '/webex/integration',
    {
      config: {
        access: 'admin',
        invalidInput: {
          message: 'Ungültige Angaben zur Webex-Integration',
          hint: 'Client-ID und Client-Secret auf der Webex-Seite (/webex) erneut eingeben.',
        },
      },
      schema: { body: integrationBody },
    },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      if (user.role !== 'admin') throw new AppError('forbidden', 'Nur für Administratoren', { status: 403 });
      const b = req.body;
      const existing = await loadIntegration(deps);
      await configureIntegration(deps, b.clientId, b.clientSecret || existing?.clientSecret || '');
      return reply.redirect('/webex', 303);
    },
  );

  app.post(
    '/oauth/webex/start',
    {
      config: {
        access: 'user',
        invalidInput: {
          message: 'Ungültige Anfrage zum Verbinden',
          hint: 'Auf der Webex-Seite (/webex) erneut auf „Mit Webex verbinden“ klicken.',
        },
      },
      schema: { body: startBody },
    },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      const { kind, takeover } = req.body;
      if (kind === 'org' && user.role !== 'admin')
        throw new AppError('forbidden', 'Nur Admins verbinden die Organisation', { status: 403 });
      if (takeover && user.role !== 'admin')
        throw new AppError('forbidden', 'Nur Admins übernehmen die Leitung eines anderen Benutzers', {
          status: 403,
          hint: 'Bei Webex mit Ihrer eigenen Anmeldung verbinden.',
        });
      const url = await startConnect(deps, {
        userId: user.id,
        sessionToken: req.cookies[SESSION_COOKIE]!,
        kind,
        publicBase: publicBase(ctx, req),
        takeoverPersonId: takeover ?? null,
      });
      return reply.redirect(url, 303);
    },
  );

  app.get(
    '/oauth/webex/callback',
    { config: { access: 'user' }, schema: { querystring: callbackQuery } },
    async (req, reply) => {
      const user = pageUser(req, reply);
      if (!user) return reply;
      let conn: WebexConnection;
      try {
        conn = await finishConnect(deps, {
          query: req.query,
          sessionToken: req.cookies[SESSION_COOKIE]!,
          publicBase: publicBase(ctx, req),
        });
      } catch (err) {
        // A browser gets the choices; an API client the German error with its details.
        if (err instanceof LineTaken && !(req.headers.accept ?? '').includes('application/json'))
          return sendPage(reply.status(409), lineTakenPage(user, err.line));
        throw err;
      }
      const notice: Record<string, string> = { verbunden: '1' };
      try {
        const r = await webex.syncOne(conn.id);
        if (r.actions.length) notice['hinweis'] = `Webhooks: ${r.actions.join('; ')}`;
        if (r.warnings.length) notice['warnung'] = r.warnings.join('; ');
      } catch (err) {
        notice['warnung'] = `Webhooks konnten nicht registriert werden: ${(err as Error).message}`;
      }
      return reply.redirect(`/webex?${noticeQuery(req.cookies[SESSION_COOKIE]!, notice)}`, 303);
    },
  );

  app.post('/webex/webhooks/sync', { config: { access: 'admin' } }, async (req, reply) => {
    const user = pageUser(req, reply);
    if (!user) return reply;
    const { reports, errors } = await webex.upkeep();
    const done = reports.flatMap((r) => r.actions).join('; ');
    const problems = [
      ...reports.flatMap((r) => r.warnings),
      ...errors.map((e) => `Fehler: ${e.message}`),
    ].join('; ');
    const notice: Record<string, string> = {};
    if (done || !problems) notice['sync'] = done || 'alles in Ordnung';
    if (problems) notice['warnung'] = problems;
    return reply.redirect(`/webex?${noticeQuery(req.cookies[SESSION_COOKIE]!, notice)}`, 303);
  });
};
