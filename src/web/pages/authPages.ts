import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { policyOf, TooManyAttempts, throttledLogin } from '../../auth/loginThrottle.ts';
import { SESSION_COOKIE } from '../../auth/requestUser.ts';
import { type CookieConfig, setSessionCookie } from '../../auth/sessionRoutes.ts';
import { login, logout } from '../../auth/sessions.ts';
import type { DB } from '../../db/schema.ts';
import { form } from '../../http/form.ts';
import { orEmpty } from '../../http/validation.ts';
import { html } from '../html.ts';
import { page } from '../layout.ts';
import { sendPage } from '../sendPage.ts';

const HOME = '/anrufe';

const loginForm = orEmpty(z.object({ username: form.text(), password: form.text(), next: form.text() }));
/** `safeNext` decides what a `next` is worth, a list included. */
const loginQuery = z.object({ next: z.unknown().optional() });

/**
 * Only paths of this site: never send a user to another host after login. Browsers read `/\host` or a
 * path with a tab in it as `//host`, so the path is resolved as a browser would and kept only if it stays.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/')) return HOME;
  const base = 'http://callbridge.invalid';
  try {
    const url = new URL(next, base);
    if (url.origin !== base) return HOME;
    // Dot segments resolve away: "/.//host" becomes the path "//host", which is another host again.
    if (url.pathname.startsWith('//')) return HOME;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return HOME;
  }
}

function loginPage(next: string, error: string | null, username = '') {
  return page(
    { title: 'Anmelden', user: null },
    html`<div class="login card">
  <h1>CallBridge</h1>
  ${error ? html`<p class="error-box" role="alert">${error}</p>` : ''}
  <form method="post" action="/login" class="stack">
    <input type="hidden" name="next" value="${next}">
    <label for="username">Benutzername</label><input id="username" name="username" type="text" value="${username}" autocomplete="username" autofocus required>
    <label for="password">Passwort</label><input id="password" name="password" type="password" autocomplete="current-password" required>
    <div class="actions"><button type="submit" class="primary">Anmelden</button></div>
  </form>
</div>`,
  );
}

export const authPages: FastifyPluginAsyncZod<{
  db: Kysely<DB>;
  config: CookieConfig & Parameters<typeof policyOf>[0];
}> = async (app, ctx) => {
  app.get(
    '/login',
    { config: { access: 'public' }, schema: { querystring: loginQuery } },
    async (req, reply) => {
      const next = safeNext(req.query.next);
      if (req.user) return reply.redirect(next);
      return sendPage(reply, loginPage(next, null));
    },
  );
  app.post('/login', { config: { access: 'public' }, schema: { body: loginForm } }, async (req, reply) => {
    const b = req.body;
    const next = safeNext(b.next);
    const username = b.username ?? '';
    const password = b.password ?? '';
    let result: Awaited<ReturnType<typeof login>>;
    try {
      result =
        username && password
          ? await throttledLogin(ctx.db, policyOf(ctx.config), { username, address: req.ip }, () =>
              login(ctx.db, username, password, ctx.config.sessionTtlHours),
            )
          : null;
    } catch (err) {
      if (!(err instanceof TooManyAttempts)) throw err;
      req.log.warn({ address: req.ip }, 'login refused: too many failed attempts');
      return sendPage(
        reply.status(429).header('retry-after', String(err.retryAfterSeconds)),
        loginPage(next, err.message, username),
      );
    }
    if (!result) {
      req.log.info('login failed');
      return sendPage(reply.status(401), loginPage(next, 'Benutzername oder Passwort falsch.', username));
    }
    setSessionCookie(ctx, reply, result.token);
    return reply.redirect(next, 303);
  });
  app.post('/logout', { config: { access: 'public' } }, async (req, reply) => {
    await logout(ctx.db, req.cookies[SESSION_COOKIE]);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });
};
