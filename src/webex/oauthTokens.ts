import { z } from 'zod';
import { WebexUnavailable } from './webexErrors.ts';

/** Webex's token response (API.md §2). Lifetimes are read from every response, never assumed. */
const tokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.coerce.number().positive().optional(),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponse>;

/** Webex said no (400/401): the code or refresh token is dead, or the client credentials are wrong. */
export class OauthRejected extends Error {
  readonly status: number;
  readonly oauthError: string;
  constructor(status: number, oauthError: string, description: string) {
    super(`${oauthError}: ${description}`);
    this.status = status;
    this.oauthError = oauthError;
  }
}

export async function requestToken(baseUrl: string, form: Record<string, string>): Promise<TokenResponse> {
  let res: Response;
  try {
    res = await fetch(`${baseUrl.replace(/\/+$/, '')}/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    throw new WebexUnavailable((err as Error).message);
  }
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text);
  } catch {
    // some proxies answer HTML
  }
  if (res.status === 400 || res.status === 401) {
    // OAuth-style or Webex-style error body; the exact shape is unconfirmed, so take what is there.
    const err = String(body['error'] ?? (res.status === 401 ? 'invalid_client' : 'invalid_grant'));
    const desc = String(body['error_description'] ?? body['message'] ?? res.statusText);
    throw new OauthRejected(res.status, err, desc);
  }
  if (!res.ok)
    throw new WebexUnavailable(
      `token endpoint ${res.status}`,
      res.status,
      (body['trackingId'] as string) ?? null,
    );
  const parsed = tokenResponse.safeParse(body);
  if (!parsed.success) throw new WebexUnavailable('token endpoint answered without a usable token');
  return parsed.data;
}
