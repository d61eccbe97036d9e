import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.ts';
import { crossSiteError, crossSiteReason } from './sameOrigin.ts';

/**
 * Who may call a route. Every route says it in its options, `{ config: { access: 'user' } }`:
 * - `public`:  anyone (login, assets, health); unsafe methods still need a same-origin request.
 * - `user`:    a logged-in recruiter or admin (session cookie); same-origin check on unsafe methods.
 * - `admin`:   a logged-in admin; same-origin check on unsafe methods.
 * - `webhook`: Webex deliveries, authenticated by their signature in the route; no cookie, no origin check.
 * - `apiKey`:  old scripts with `X-API-Key`, checked in the route; no cookie, no origin check.
 * A route without a valid declaration stops the start (see docs/security.md).
 */
export const ACCESS_LEVELS = ['public', 'user', 'admin', 'webhook', 'apiKey'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Every route with its declared access, as registered (for the route-by-route tests). */
    routeAccess: RouteAccess[];
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

/** Routes that authenticate by a cookie and therefore must come from CallBridge's own pages. */
const COOKIE_ROUTES = new Set<Access>(['public', 'user', 'admin']);

const wantsPage = (req: FastifyRequest) =>
  !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');

/**
 * Collects the declared access of every route and enforces it in one place, before any route code runs:
 * first the same-origin check for unsafe requests, then the login and role.
 * `expectedOrigin` is PUBLIC_URL's origin, else the request's own (behind a trusted proxy: the forwarded).
 */
export function enforceRouteAccess(app: FastifyInstance, publicUrl: string | undefined): void {
  const table: RouteAccess[] = [];
  app.decorate('routeAccess', table);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!access || !(ACCESS_LEVELS as readonly string[]).includes(access)) {
      throw new Error(
        `Route ${methods.join(',')} ${route.url} declares no access: add { config: { access: ${ACCESS_LEVELS.map((a) => `'${a}'`).join(' | ')} } } to its options (docs/security.md)`,
      );
    }
    for (const method of methods) table.push({ method, url: route.url, access });
  });

  const fixedOrigin = publicUrl ? new URL(publicUrl).origin : null;
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const access = req.routeOptions.config.access;
    if (!access) return; // no route: the 404 handler answers
    if (COOKIE_ROUTES.has(access)) {
      const expected = fixedOrigin ?? `${req.protocol}://${req.host}`;
      const reason = crossSiteReason(
        {
          method: req.method,
          origin: req.headers.origin,
          referer: req.headers.referer,
          contentType: req.headers['content-type'],
        },
        expected,
      );
      if (reason) {
        req.log.warn({ url: req.url.split('?')[0], reason }, 'cross-site request refused');
        throw crossSiteError(reason, expected);
      }
    }
    if (access !== 'user' && access !== 'admin') return;
    if (!req.user) {
      if (wantsPage(req)) {
        const next = req.method === 'GET' ? req.url : '/';
        return reply.redirect(`/login?next=${encodeURIComponent(next)}`, req.method === 'GET' ? 302 : 303);
      }
      throw new AppError('not_logged_in', 'Nicht angemeldet', {
        status: 401,
        hint: 'Unter /login anmelden (oder POST /api/session).',
      });
    }
    if (access === 'admin' && req.user.role !== 'admin') {
      throw new AppError('forbidden', 'Nur für Administratoren', {
        status: 403,
        hint: 'Eine Administratorin oder einen Administrator bitten.',
      });
    }
  });
}
