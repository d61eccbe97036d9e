import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { escapeHtml } from '../web/html.ts';
import { textQuery } from './simQuery.ts';
import type { SimPerson, SimState } from './simState.ts';
import { trackingId } from './webexIds.ts';

/** Everything a personal access token may do; OAuth tokens get what the user approved. */

/** What the consent page posts (`scope` is one checkbox per scope, so one or several values). */
const decisionForm = z
  .object({
    redirect_uri: z.string(),
    state: z.string().optional(),
    decision: z.string().optional(),
    personId: z.string().optional(),
    scope: z.union([z.string(), z.array(z.string())]).optional(),
  })
  .loose();

export const ALL_SCOPES = [
  'spark:calls_read',
  'spark:people_read',
  'spark:recordings_read',
  'spark:recordings_write',
  'spark-admin:recordings_read',
  'spark-admin:recordings_write',
];

interface Grant {
  personId: string;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
}
interface RefreshGrant extends Grant {
  replaced: boolean;
}

export interface OauthSettings {
  clientId: string;
  clientSecret: string;
  accessTokenLifetimeSec: number;
  refreshTokenLifetimeSec: number;
  /** Issue a new refresh token on every refresh (Webex may). */
  rotateRefreshTokens: boolean;
  /** A replaced refresh token stops working (assumed for Webex; see API.md §2). */
  invalidateReplacedRefreshTokens: boolean;
  /** Slow refresh answers, for crash tests: wait before Webex acts, or after it rotated but before it answers. */
  refreshDelayMs: number;
  refreshDelayPhase: 'before' | 'after';
}

/** The identity side of the simulator: authorize page, token endpoint, token validation (API.md §2). */
export class SimOauth {
  readonly settings: OauthSettings;
  readonly codes = new Map<string, Grant & { redirectUri: string; used: boolean }>();
  readonly accessTokens = new Map<string, Grant>();
  readonly refreshTokens = new Map<string, RefreshGrant>();
  tokenRequests = { authorization_code: 0, refresh_token: 0 };
  #state: SimState;

  constructor(state: SimState, settings: Partial<OauthSettings> = {}) {
    this.#state = state;
    this.settings = {
      clientId: settings.clientId ?? `C${randomBytes(16).toString('hex')}`,
      clientSecret: settings.clientSecret ?? randomBytes(24).toString('hex'),
      accessTokenLifetimeSec: settings.accessTokenLifetimeSec ?? 1_209_599,
      refreshTokenLifetimeSec: settings.refreshTokenLifetimeSec ?? 7_776_000,
      rotateRefreshTokens: settings.rotateRefreshTokens ?? true,
      invalidateReplacedRefreshTokens: settings.invalidateReplacedRefreshTokens ?? true,
      refreshDelayMs: settings.refreshDelayMs ?? 0,
      refreshDelayPhase: settings.refreshDelayPhase ?? 'before',
    };
  }

  /** The person and scopes behind a bearer token, or null for unknown, expired or revoked tokens. */
  authenticate(token: string): { person: SimPerson; scopes: string[] } | null {
    const personal = this.#state.personByToken(token);
    if (personal) return { person: personal, scopes: ALL_SCOPES };
    const g = this.accessTokens.get(token);
    if (!g || g.revoked || g.expiresAt <= Date.now()) return null;
    const person = this.#state.people.find((p) => p.id === g.personId);
    return person ? { person, scopes: g.scopes } : null;
  }

  revokeAll(personId?: string) {
    for (const map of [this.accessTokens, this.refreshTokens]) {
      for (const g of map.values()) if (!personId || g.personId === personId) g.revoked = true;
    }
  }

  expireAccessTokens(personId?: string) {
    for (const g of this.accessTokens.values()) if (!personId || g.personId === personId) g.expiresAt = 0;
  }

  #issue(personId: string, scopes: string[], withRefresh: boolean) {
    const now = Date.now();
    const access = randomBytes(36).toString('base64url');
    this.accessTokens.set(access, {
      personId,
      scopes,
      expiresAt: now + this.settings.accessTokenLifetimeSec * 1000,
      revoked: false,
    });
    const body: Record<string, unknown> = {
      access_token: access,
      expires_in: this.settings.accessTokenLifetimeSec,
      token_type: 'Bearer',
      scope: scopes.join(' '),
    };
    if (withRefresh) {
      const refresh = randomBytes(36).toString('base64url');
      this.refreshTokens.set(refresh, {
        personId,
        scopes,
        expiresAt: now + this.settings.refreshTokenLifetimeSec * 1000,
        revoked: false,
        replaced: false,
      });
      body['refresh_token'] = refresh;
      body['refresh_token_expires_in'] = this.settings.refreshTokenLifetimeSec;
    }
    return body;
  }

  #refresh(token: string | undefined): { body: Record<string, unknown> } | { error: string } {
    const r = token ? this.refreshTokens.get(token) : undefined;
    if (
      !r ||
      r.revoked ||
      r.expiresAt <= Date.now() ||
      (r.replaced && this.settings.invalidateReplacedRefreshTokens)
    ) {
      return { error: 'The refresh token is invalid, expired, revoked or was replaced' };
    }
    if (this.settings.rotateRefreshTokens) {
      r.replaced = true;
      return { body: this.#issue(r.personId, r.scopes, true) };
    }
    const body = this.#issue(r.personId, r.scopes, false);
    return {
      body: {
        ...body,
        refresh_token: token,
        refresh_token_expires_in: Math.round((r.expiresAt - Date.now()) / 1000),
      },
    };
  }

  register(app: FastifyInstance) {
    const oauthError = (reply: FastifyReply, status: number, error: string, description: string) =>
      reply.status(status).send({ error, error_description: description, trackingId: trackingId() });

    app.get('/v1/authorize', async (req: FastifyRequest, reply) => {
      const q = textQuery.parse(req.query);
      if (q['client_id'] !== this.settings.clientId)
        return reply
          .status(400)
          .type('text/html; charset=utf-8')
          .send('<h1>Unbekannte Integration (client_id)</h1>');
      if (q['response_type'] !== 'code' || !q['redirect_uri'])
        return reply
          .status(400)
          .type('text/html; charset=utf-8')
          .send('<h1>response_type=code und redirect_uri nötig</h1>');
      const scopes = (q['scope'] ?? '').split(/\s+/).filter(Boolean);
      const esc = escapeHtml;
      // Admin scopes come from "Organisation verbinden": an admin signs in for that, a recruiter for a line.
      const forOrg = scopes.some((s) => s.startsWith('spark-admin:'));
      const people = this.#state.people;
      const preselected =
        (forOrg ? people.find((p) => p.admin) : people.find((p) => !p.admin))?.id ?? people[0]?.id;
      const choice = (p: SimPerson) =>
        `<label class="person"><input type="radio" name="personId" value="${esc(p.id)}"${p.id === preselected ? ' checked' : ''}> <strong>${esc(p.displayName)}</strong> · ${esc(p.emails[0] ?? '')} · ${p.admin ? 'Organisations-Admin' : `Leitung ${esc(p.phoneNumbers[0]?.value ?? '')}, Durchwahl ${esc(p.extension)}`}</label>`;
      return reply
        .type('text/html; charset=utf-8')
        .send(`<!doctype html><html lang="de"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Webex – Zugriff erlauben</title>
<style>body{font:15px system-ui,sans-serif;max-width:560px;margin:3rem auto;padding:0 1rem;color:#1d2733}label{display:block;margin:.3rem 0}fieldset{margin:0 0 1rem;border:1px solid #ccd;border-radius:6px}.note{color:#555;font-size:.9em}button{font:inherit;padding:.5rem 1.2rem;margin-right:.5rem;border-radius:6px;border:1px solid #0b6;background:#0b6;color:#fff;cursor:pointer}button.deny{background:#fff;color:#b3261e;border-color:#b3261e}</style>
<h1>Webex-Simulator: Zugriff erlauben?</h1><p>Eine Integration möchte in Ihrem Namen auf Webex zugreifen${forOrg ? ' – für die ganze Organisation (Aufnahmen und Webhooks aller Leitungen)' : ''}.</p>
<form method="post" action="/v1/authorize/decision">
<input type="hidden" name="redirect_uri" value="${esc(q['redirect_uri'])}"><input type="hidden" name="state" value="${esc(q['state'] ?? '')}">
<fieldset><legend>Bei Webex anmelden als</legend>${people.map(choice).join('')}
<p class="note">${forOrg ? 'Für „Organisation verbinden“ meldet sich ein Admin an; CallBridge übernimmt damit keine Leitung.' : 'Die Person, als die Sie sich anmelden, wird Ihre Leitung in CallBridge. Ist sie schon die Leitung eines anderen Benutzers, fragt CallBridge nach.'}</p></fieldset>
<fieldset><legend>Berechtigungen</legend>${scopes.map((s) => `<label><input type="checkbox" name="scope" value="${esc(s)}" checked> ${esc(s)}</label>`).join('')}</fieldset>
<p><button name="decision" value="approve" id="approve">Erlauben</button><button name="decision" value="deny" class="deny" id="deny">Ablehnen</button></p></form></html>`);
    });

    app.post('/v1/authorize/decision', async (req, reply) => {
      const b = decisionForm.parse(req.body ?? {});
      const redirect = new URL(String(b['redirect_uri']));
      const state = String(b['state'] ?? '');
      if (b['decision'] !== 'approve') {
        redirect.searchParams.set('error', 'access_denied');
        redirect.searchParams.set('state', state);
        return reply.redirect(redirect.toString(), 302);
      }
      const scopes = ([] as string[]).concat(b['scope'] ?? []);
      const code = randomBytes(24).toString('base64url');
      this.codes.set(code, {
        personId: String(b['personId']),
        scopes,
        redirectUri: String(b['redirect_uri']),
        expiresAt: Date.now() + 10 * 60_000,
        revoked: false,
        used: false,
      });
      redirect.searchParams.set('code', code);
      redirect.searchParams.set('state', state);
      return reply.redirect(redirect.toString(), 302);
    });

    const tokenRequest = z.object({
      grant_type: z.enum(['authorization_code', 'refresh_token']),
      client_id: z.string(),
      client_secret: z.string(),
      code: z.string().optional(),
      redirect_uri: z.string().optional(),
      refresh_token: z.string().optional(),
    });
    app.post('/v1/access_token', async (req, reply) => {
      const parsed = tokenRequest.safeParse(req.body);
      if (!parsed.success)
        return oauthError(
          reply,
          400,
          'invalid_request',
          'grant_type, client_id and client_secret are required',
        );
      const b = parsed.data;
      this.tokenRequests[b.grant_type]++;
      if (b.client_id !== this.settings.clientId || b.client_secret !== this.settings.clientSecret) {
        return oauthError(reply, 401, 'invalid_client', 'Client authentication failed');
      }
      if (b.grant_type === 'authorization_code') {
        const c = b.code ? this.codes.get(b.code) : undefined;
        if (!c || c.used || c.expiresAt <= Date.now())
          return oauthError(
            reply,
            400,
            'invalid_grant',
            'The authorization code is invalid, expired or was already used',
          );
        if (c.redirectUri !== b.redirect_uri)
          return oauthError(reply, 400, 'invalid_grant', 'redirect_uri does not match');
        c.used = true;
        return this.#issue(c.personId, c.scopes, true);
      }
      const delay = () => new Promise((res) => setTimeout(res, this.settings.refreshDelayMs));
      if (this.settings.refreshDelayMs && this.settings.refreshDelayPhase === 'before') {
        await delay();
        // 'before' models a request that died before Webex acted on it: a client gone by the end of
        // the delay rotates nothing, however long its restart took.
        if (req.raw.socket.destroyed) return reply.hijack();
      }
      const answer = this.#refresh(b.refresh_token);
      if (this.settings.refreshDelayMs && this.settings.refreshDelayPhase === 'after') await delay();
      if ('error' in answer) return oauthError(reply, 400, 'invalid_grant', answer.error);
      return answer.body;
    });
    app.get('/_sim/oauth', async () => ({ settings: this.settings, tokenRequests: this.tokenRequests }));
    app.post('/_sim/oauth', async (req) => {
      const b = z
        .object({
          accessTokenLifetimeSec: z.number().int().min(1).optional(),
          refreshTokenLifetimeSec: z.number().int().min(1).optional(),
          rotateRefreshTokens: z.boolean().optional(),
          invalidateReplacedRefreshTokens: z.boolean().optional(),
          refreshDelayMs: z.number().int().min(0).max(120_000).optional(),
          refreshDelayPhase: z.enum(['before', 'after']).optional(),
          revoke: z.boolean().optional(),
          expireAccessTokens: z.boolean().optional(),
          personId: z.string().optional(),
        })
        .parse(req.body ?? {});
      const { revoke, expireAccessTokens, personId, ...settings } = b;
      Object.assign(this.settings, settings);
      if (revoke) this.revokeAll(personId);
      if (expireAccessTokens) this.expireAccessTokens(personId);
      return { settings: this.settings, tokenRequests: this.tokenRequests };
    });
  }
}
