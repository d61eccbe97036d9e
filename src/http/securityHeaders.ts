import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Security headers on every response (helmet): a CSP without inline scripts, no framing,
 * nosniff, same-origin referrers, HSTS when PUBLIC_URL is https; and `Cache-Control: no-store` on
 * everything a logged-in user sees, so Back after "Abmelden" cannot show a CRM page from the cache.
 */
function oauthOrigins(webexApiUrl: string): string[] {
  const api = new URL(webexApiUrl);
  return api.hostname.endsWith('webexapis.com') ? [api.origin, 'https://*.webex.com'] : [api.origin];
}

/**
 * Answers no browser renders as a page: JSON, webhook acknowledgements, the event stream. They get the
 * headers that still matter for them (no framing, no sniffing, no cross-site reads, no referrer, HSTS);
 * the page set's legacy headers and long CSP would only add ~500 bytes to every webhook answer, which
 * Webex and the pop-up path (docs/benchmarks.md) pay for on each call.
 */
/** The headers helmet sets for these options (they depend on nothing in the request). */
function headersOf(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failed: unknown = null;
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err) => {
    failed = err ?? null;
  });
  if (failed) throw failed;
  return headers;
}

export const isApiUrl = (url: string): boolean =>
  url.startsWith('/api/') || url.startsWith('/webhooks/') || url.startsWith('/v1/');

export function registerSecurityHeaders(
  app: FastifyInstance,
  opts: { publicUrl?: string | undefined; webexApiUrl: string },
): (req: FastifyRequest, reply: FastifyReply) => void {
  const https = opts.publicUrl?.startsWith('https:') ?? false;
  const hsts = https ? { maxAge: 31_536_000, includeSubDomains: false } : false;
  // Computed once, as header values: @fastify/helmet builds the whole middleware (options checked, CSP
  // string joined) anew for every request, and even helmet's own middleware walks a dozen functions per
  // request for values that never change here (docs/benchmarks.md).
  const pageHeaders = headersOf({
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
    strictTransportSecurity: hsts,
    crossOriginEmbedderPolicy: false,
  });
  const apiHeaders = headersOf({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: hsts,
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
  // On the reply, not the raw response: fastify writes them with its own in one go. The event stream,
  // which writes its head itself, takes them from `reply.getHeaders()`.
  const apply = (req: FastifyRequest, reply: FastifyReply) => {
    void reply.headers(isApiUrl(req.url) ? apiHeaders : pageHeaders);
  };
  app.addHook('onRequest', (req, reply, done) => {
    apply(req, reply);
    done();
  });
  app.addHook('onSend', (req, reply, payload, done) => {
    const access = req.routeOptions.config.access;
    if (req.user || access === 'user' || access === 'admin') {
      if (!req.url.startsWith('/assets/')) void reply.header('cache-control', 'no-store');
    }
    done(null, payload);
  });
  // For answers given without the hooks (the router's refusal of a malformed address).
  return apply;
}
