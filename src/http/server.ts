import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { SESSION_COOKIE } from '../auth/requestUser.ts';
import { userForSession } from '../auth/sessions.ts';
import type { Config } from '../config/config.ts';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { enforceRouteAccess } from './access.ts';
import { withoutNul } from './nulBytes.ts';
import { isApiUrl, registerSecurityHeaders } from './securityHeaders.ts';
import { validationRefusal } from './validation.ts';

/** What the server itself needs: sessions from the database, its limits and proxies, the log. */
export interface ServerDeps {
  db: Kysely<DB>;
  log: Logger;
  config: Pick<Config, 'requestTimeoutMs' | 'trustProxy' | 'publicUrl' | 'webexApiUrl'>;
}

/** What a browser sees for an error or an unknown address; the HTML comes from web/ (passed in by app/). */
export interface ErrorPages {
  error(status: number, message: string, hint: string | null): { value: string };
  notFound(): { value: string };
}

/** A request's address for the log, without its query (what people typed: names, numbers). */
const logPath = (url: string): string => url.split('?')[0]!;

const wantsJson = (url: string, accept: string | undefined) =>
  isApiUrl(url) || !accept?.includes('text/html');

/**
 * The HTTP server with cross-cutting concerns only; each domain brings its routes as a plugin. Route
 * schemas are zod, run by fastify-type-provider-zod (plugins are typed `FastifyPluginAsyncZod`), and a
 * refused request is answered in German by `validationRefusal`.
 */
export async function buildServer(
  ctx: ServerDeps,
  pages: ErrorPages,
  /** Registers the route plugins, each with the dependencies it uses (app/start.ts). */
  routes: (app: FastifyInstance) => Promise<void>,
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    // Per-request lines would log every webhook and page at info; refusals and failures are logged below.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // Fastify's default is no limit at all: a client sending its body a byte a minute would hold a
    // connection forever. Node checks the deadline every `connectionsCheckingInterval`.
    requestTimeout: ctx.config.requestTimeoutMs,
    http: {
      requestTimeout: ctx.config.requestTimeoutMs,
      headersTimeout: Math.min(ctx.config.requestTimeoutMs, 20_000),
      connectionsCheckingInterval: Math.min(
        5_000,
        Math.max(250, Math.floor(ctx.config.requestTimeoutMs / 4)),
      ),
    },
    // Forwarded headers count only from the proxies TRUST_PROXY names; else anyone could pick their address.
    trustProxy: trustProxyOption(ctx.config.trustProxy),
    // On close: idle keep-alive connections go at once, requests in flight are finished.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // A malformed address (a %-escape cut off in a mail, an id pasted twice over) is refused by the
    // router before any hook or route: answered like every refusal, not with fastify's English JSON.
    frameworkErrors: (error, req, reply) => {
      securityHeaders(req, reply);
      return answerError(error, req, reply);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  const securityHeaders = registerSecurityHeaders(app, ctx.config);
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 5 * 1024 * 1024 });

  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.user = await userForSession(ctx.db, token);
  });
  app.addHook('preValidation', async (req) => {
    req.params = withoutNul(req.params);
    req.query = withoutNul(req.query);
    req.body = withoutNul(req.body);
  });
  // Same-origin check and login/role of every route, from the access each route declares.
  enforceRouteAccess(app, ctx.config.publicUrl);

  app.setErrorHandler((error, req, reply) => answerError(error, req, reply));
  function answerError(error: unknown, req: FastifyRequest, reply: FastifyReply) {
    const err = validationRefusal(error, req) ?? error;
    let status: number;
    let body: Record<string, unknown>;
    if (err instanceof AppError) {
      status = err.status;
      body = err.toJSON();
    } else {
      const e = err as { statusCode?: number; code?: string; message: string };
      status = e.statusCode && e.statusCode >= 400 ? e.statusCode : 500;
      body =
        status === 413
          ? { error: 'body_too_large', message: 'Anfrage zu groß' }
          : status < 500
            ? (FASTIFY_REFUSALS[e.code ?? ''] ?? {
                error: 'bad_request',
                message: 'Anfrage abgelehnt',
                hint: `Die Anfrage prüfen (${e.code ?? status}).`,
              })
            : { error: 'internal_error', message: 'Interner Fehler; Details stehen im Log.' };
    }
    // The path only: a query holds what people typed (names searched, numbers looked up).
    const path = logPath(req.url);
    if (status >= 500) req.log.error({ err, url: path }, 'request failed');
    else
      req.log.warn({ url: path, status, error: body['error'], reason: body['message'] }, 'request refused');
    const retryAt = (body['details'] as { retryAt?: string } | undefined)?.retryAt;
    if (status === 429 && retryAt)
      void reply.header(
        'retry-after',
        String(Math.max(1, Math.ceil((Date.parse(retryAt) - Date.now()) / 1000))),
      );
    if (wantsJson(req.url, req.headers.accept)) return reply.status(status).send(body);
    return reply
      .status(status)
      .type('text/html; charset=utf-8')
      .send(pages.error(status, String(body['message']), body['hint'] ? String(body['hint']) : null).value);
  }
  app.setNotFoundHandler((req, reply) => {
    const body = { error: 'not_found', message: `Keine Route für ${req.method} ${req.url.split('?')[0]}` };
    if (wantsJson(req.url, req.headers.accept)) return reply.status(404).send(body);
    return reply.status(404).type('text/html; charset=utf-8').send(pages.notFound().value);
  });

  await routes(app);
  return app;
}

/** What fastify's own parsers refuse, said in German (their messages are English and name internals). */
const FASTIFY_REFUSALS: Record<string, { error: string; message: string; hint: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    error: 'invalid_json',
    message: 'Der Body ist kein gültiges JSON',
    hint: 'Gültiges JSON senden, z. B. {"username": "…", "password": "…"}; Schlüssel wie __proto__ sind nicht erlaubt.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    error: 'empty_body',
    message: 'Leerer Body trotz Content-Type application/json',
    hint: 'Einen JSON-Body senden oder den Content-Type weglassen.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    error: 'unsupported_media_type',
    message: 'Dieses Format (Content-Type) nimmt CallBridge nicht an',
    hint: 'Als application/json oder application/x-www-form-urlencoded senden.',
  },
  FST_ERR_BAD_URL: {
    error: 'invalid_url',
    message: 'Die Adresse ist ungültig',
    hint: 'Die Adresse ist wohl beim Kopieren abgeschnitten worden (ein % ohne zwei Ziffern danach). Den Link vollständig kopieren oder die Seite von der Startseite aus öffnen.',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    error: 'url_too_long',
    message: 'Ein Teil der Adresse ist zu lang',
    hint: 'Den Link vollständig und nur einmal einfügen oder die Seite von der Startseite aus öffnen.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    error: 'invalid_content_length',
    message: 'Content-Length passt nicht zum Body',
    hint: 'Die Anfrage ohne falsche Content-Length erneut senden.',
  },
};

/** A hop count as the function fastify's types accept (its runtime takes the number too). */
const trustProxyOption = (tp: boolean | number | string) =>
  typeof tp === 'number' ? (_address: string, hop: number) => hop < tp : tp;
