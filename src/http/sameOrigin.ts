import { AppError } from '../shared/errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Content types a page of another site may POST without a CORS preflight (HTML forms, sendBeacon). */
const SIMPLE_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

export interface OriginFacts {
  method: string;
  origin: string | undefined;
  referer: string | undefined;
  contentType: string | undefined;
}

const originOf = (url: string): string | null => {
  try {
    const o = new URL(url).origin;
    return o === 'null' ? null : o;
  } catch {
    return null;
  }
};

/**
 * Why a state-changing request is refused as cross-site, or null when it may pass. The browser states
 * where a request comes from in `Origin` (or, from older browsers, `Referer`); it must be CallBridge's
 * own origin. `Origin: null` (no-referrer pages, sandboxed frames, data: URLs) is refused. A request
 * without either header is refused when a page could have sent it without a CORS preflight (a form or
 * text/plain POST); non-simple requests (JSON, PUT/PATCH/DELETE) need a preflight that CallBridge
 * never grants, so only scripts outside a browser can send those and they may omit both headers.
 */
export function crossSiteReason(req: OriginFacts, expectedOrigin: string): string | null {
  if (SAFE_METHODS.has(req.method)) return null;
  if (req.origin !== undefined) {
    if (req.origin === 'null') return 'Origin: null';
    return originOf(req.origin) === expectedOrigin ? null : `Origin ${req.origin}`;
  }
  if (req.referer !== undefined) {
    const o = originOf(req.referer);
    return o === expectedOrigin ? null : `Referer ${o ?? 'ungültig'}`;
  }
  const type = (req.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (req.method === 'POST' && (type === '' || SIMPLE_TYPES.has(type))) return 'weder Origin noch Referer';
  return null;
}

export function crossSiteError(reason: string, expectedOrigin: string): AppError {
  return new AppError('cross_site_request', 'Anfrage von einer fremden Seite abgelehnt', {
    status: 403,
    hint: `CallBridge nimmt Formulare nur von seiner eigenen Adresse ${expectedOrigin} an (diese kam: ${reason}). CallBridge unter ${expectedOrigin} öffnen und es dort noch einmal versuchen.`,
  });
}
