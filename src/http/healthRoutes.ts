import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../db/database.ts';
import { pendingMigrations, ping } from '../db/database.ts';

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: it can do its work). */
export const healthRoutes: FastifyPluginAsync<{
  database: Database;
  state: { shuttingDown: boolean };
}> = async (app, { database, state }) => {
  app.get('/healthz', { config: { access: 'public' } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' } }, async (req, reply) => {
    const checks: Record<string, string> = {};
    let ok = !state.shuttingDown;
    checks['shutdown'] = state.shuttingDown ? 'draining' : 'no';
    try {
      await ping(database);
      const pending = await pendingMigrations(database);
      checks['database'] = pending.length ? `migrations pending: ${pending.join(', ')}` : 'ok';
      if (pending.length) ok = false;
    } catch (err) {
      // Anyone may ask /readyz: the driver's text (host, port, user, file path) goes to the log only.
      req.log.error({ err }, 'readiness: database unreachable');
      checks['database'] = 'unreachable (details in the log)';
      ok = false;
    }
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not_ready', checks });
  });
};
