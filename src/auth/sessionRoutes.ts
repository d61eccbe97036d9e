import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Config } from '../config/config.ts';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { policyOf, throttledLogin } from './loginThrottle.ts';
import { requireUser, SESSION_COOKIE } from './requestUser.ts';
import { login, logout } from './sessions.ts';
import { toPublic } from './userAccounts.ts';

const credentials = z.object({ username: z.string().min(1), password: z.string().min(1) });

/** Sets the session cookie; shared by the JSON API and the login page. */
/** What the cookie depends on: HTTPS (SECURE_COOKIES, else PUBLIC_URL) and the session's lifetime. */
export type CookieConfig = Pick<Config, 'secureCookies' | 'publicUrl' | 'sessionTtlHours'>;

export function setSessionCookie(ctx: { config: CookieConfig }, reply: FastifyReply, token: string) {
  const secure = ctx.config.secureCookies ?? ctx.config.publicUrl?.startsWith('https:') ?? false;
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: ctx.config.sessionTtlHours * 3600,
  });
}

/** JSON login for scripts and tests: `POST /api/session`, `GET /api/session`, `DELETE /api/session`. */
export const sessionRoutes: FastifyPluginAsyncZod<{
  db: Kysely<DB>;
  config: CookieConfig & Parameters<typeof policyOf>[0];
}> = async (app, ctx) => {
  app.post(
    '/api/session',
    {
      config: { access: 'public', invalidInput: { message: 'username und password werden benötigt' } },
      schema: { body: credentials },
    },
    async (req, reply) => {
      const { username, password } = req.body;
      const result = await throttledLogin(ctx.db, policyOf(ctx.config), { username, address: req.ip }, () =>
        login(ctx.db, username, password, ctx.config.sessionTtlHours),
      );
      if (!result) throw new AppError('login_failed', 'Benutzername oder Passwort falsch', { status: 401 });
      setSessionCookie(ctx, reply, result.token);
      return { user: toPublic(result.user) };
    },
  );
  app.get('/api/session', { config: { access: 'user' } }, async (req) => ({
    user: toPublic(requireUser(req)),
  }));
  app.delete('/api/session', { config: { access: 'public' } }, async (req, reply) => {
    await logout(ctx.db, req.cookies[SESSION_COOKIE]);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
};
