import type { FastifyPluginAsync } from 'fastify';
import { pendingMigrations, ping } from '../db/database.ts';
import type { RouteContext } from './routeContext.ts';

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: it can do its work). */
export function healthRoutes(state: { shuttingDown: boolean }) {
  return (ctx: RouteContext): FastifyPluginAsync =>
    async (app) => {
      app.get('/healthz', { config: { access: 'public' } }, async () => ({ status: 'ok' }));
      app.get('/readyz', { config: { access: 'public' } }, async (_req, reply) => {
        const checks: Record<string, string> = {};
        let ok = !state.shuttingDown;
        checks['shutdown'] = state.shuttingDown ? 'draining' : 'no';
        try {
          await ping(ctx.database);
          const pending = await pendingMigrations(ctx.database);
          checks['database'] = pending.length ? `migrations pending: ${pending.join(', ')}` : 'ok';
          if (pending.length) ok = false;
        } catch (err) {
          checks['database'] = `unreachable: ${(err as Error).message}`;
          ok = false;
        }
        return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not_ready', checks });
      });
    };
}
