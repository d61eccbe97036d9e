import {
  WebexApiError,
  WebexForbidden,
  WebexNotFound,
  WebexRateLimited,
  WebexUnavailable,
} from './webexErrors.ts';

/** Where a client gets its bearer token; `forceRefresh` is called once when Webex answers 401. */
export interface TokenSource {
  accessToken(): Promise<string>;
  forceRefresh(rejected: string): Promise<string>;
  /** Called after every successful call (the status page shows the last one). */
  succeeded?(): void;
}

export interface WebexRequest {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
}

export interface WebexClient {
  request<T>(method: string, path: string, req?: WebexRequest): Promise<T>;
  /** Follows `Link: rel="next"` and returns all items of a list endpoint. */
  listAll<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T[]>;
}

/**
 * The one HTTP client for the Webex REST API (shared/webex/API.md §1). Errors come back typed: 401 gets
 * exactly one refresh and one retry, 403 → WebexForbidden, 404 → WebexNotFound, 429 → WebexRateLimited
 * with Retry-After, 5xx and network errors → WebexUnavailable (transient). Callers decide about retries.
 */
export function createWebexClient(opts: {
  baseUrl: string;
  tokens: TokenSource;
  fetch?: typeof fetch;
}): WebexClient {
  const doFetch = opts.fetch ?? fetch;
  const base = opts.baseUrl.replace(/\/+$/, '');

  async function send(method: string, url: string, token: string, req: WebexRequest): Promise<Response> {
    try {
      return await doFetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
        signal: AbortSignal.timeout(req.timeoutMs ?? 30_000),
      });
    } catch (err) {
      throw new WebexUnavailable((err as Error).message);
    }
  }

  async function call(method: string, url: string, req: WebexRequest): Promise<Response> {
    let token = await opts.tokens.accessToken();
    let res = await send(method, url, token, req);
    if (res.status === 401) {
      await res.arrayBuffer();
      token = await opts.tokens.forceRefresh(token);
      res = await send(method, url, token, req);
    }
    if (res.ok) {
      opts.tokens.succeeded?.();
      return res;
    }
    throw await errorOf(res);
  }

  const urlOf = (path: string, query?: Record<string, string | number | undefined>) => {
    const u = new URL(path.startsWith('http') ? path : `${base}${path.startsWith('/') ? '' : '/'}${path}`);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  };

  return {
    async request<T>(method: string, path: string, req: WebexRequest = {}): Promise<T> {
      const res = await call(method, urlOf(path, req.query), req);
      const text = await res.text();
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async listAll<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T[]> {
      const items: T[] = [];
      let next: string | null = urlOf(path, query);
      for (let page = 0; next && page < 100; page++) {
        const res = await call('GET', next, {});
        const body = (await res.json()) as { items?: T[] };
        items.push(...(body.items ?? []));
        next = nextLink(res.headers.get('link'));
      }
      return items;
    },
  };
}

function nextLink(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (m) return m[1]!;
  }
  return null;
}

async function errorOf(res: Response): Promise<WebexApiError> {
  let message = res.statusText;
  let trackingId: string | null = res.headers.get('trackingid');
  try {
    const body = (await res.json()) as { message?: string; trackingId?: string; error_description?: string };
    message = body.message ?? body.error_description ?? message;
    trackingId = body.trackingId ?? trackingId;
  } catch {
    // not JSON
  }
  switch (res.status) {
    case 401:
      return new WebexApiError('webex_unauthorized', `Webex lehnt das Token ab: ${message}`, {
        httpStatus: 401,
        trackingId,
        hint: 'Webex auf der Statusseite (/webex) neu verbinden.',
      });
    case 403:
      return new WebexForbidden(message, trackingId);
    case 404:
      return new WebexNotFound(message, trackingId);
    case 429: {
      const after = Number(res.headers.get('retry-after'));
      return new WebexRateLimited(Number.isFinite(after) && after >= 0 ? after : 60, trackingId);
    }
    default:
      if (res.status >= 500) return new WebexUnavailable(`${res.status} ${message}`, res.status, trackingId);
      return new WebexApiError('webex_error', `Webex antwortet ${res.status}: ${message}`, {
        httpStatus: res.status,
        trackingId,
      });
  }
}
