import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/**
 * Security headers on every response (helmet): a CSP without inline scripts, no framing,
 * nosniff, same-origin referrers, HSTS when PUBLIC_URL is https; and `Cache-Control: no-store` on
 * everything a logged-in user sees, so Back after "Abmelden" cannot show a CRM page from the cache.
 */
function oauthOrigins(webexApiUrl: string): string[] {
  const api = new URL(webexApiUrl);
  return api.hostname.endsWith('webexapis.com') ? [api.origin, 'https://*.webex.com'] : [api.origin];
}

export function registerSecurityHeaders(
  app: FastifyInstance,
  opts: { publicUrl?: string | undefined; webexApiUrl: string },
): void {
  const https = opts.publicUrl?.startsWith('https:') ?? false;
  // Built once: @fastify/helmet builds the whole middleware (options checked, CSP string joined) anew for
  // every request, which cost the webhook → pop-up path ~8 % (docs/benchmarks.md). The headers are the same.
  const setHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Pages still carry a few style="" attributes; they cannot run code. <style> elements stay refused.
        styleSrc: ["'self'"],
        styleSrcAttr: ["'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        // "Mit Webex verbinden" posts to us and is redirected to Webex's consent page, which Webex
        // redirects on to its login (idbroker*.webex.com); Chromium checks form-action on every redirect.
        formAction: ["'self'", ...oauthOrigins(opts.webexApiUrl)],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (req, reply, done) =>
    setHeaders(req.raw, reply.raw, (err) => done(err as Error | undefined)),
  );
  app.addHook('onSend', async (req, reply) => {
    const access = req.routeOptions.config.access;
    if (req.user || access === 'user' || access === 'admin') {
      if (!req.url.startsWith('/assets/')) void reply.header('cache-control', 'no-store');
    }
  });
}
