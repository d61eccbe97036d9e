import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { healthRoutes } from './healthRoutes.ts';

describe('/readyz', () => {
  it('says the database is unreachable without telling the public where it lives or who logs in', async () => {
    // A real PostgreSQL client pointed at a port where nothing listens.
    const database = openDatabase('postgres://callbridge_ops:geheim@127.0.0.1:1/crm_prod');
    const lines: string[] = [];
    const app = Fastify({
      logger: { level: 'error', stream: { write: (l: string) => void lines.push(l) } },
    });
    await app.register(healthRoutes, { database, state: { shuttingDown: false } });
    const res = await app.inject({ url: '/readyz' });
    await app.close();
    await database.close();

    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      status: 'not_ready',
      checks: { shutdown: 'no', database: 'unreachable (details in the log)' },
    });
    for (const secret of ['127.0.0.1', 'callbridge_ops', 'crm_prod', 'geheim', 'ECONNREFUSED'])
      expect(res.body).not.toContain(secret);
    // The operator still finds the reason.
    expect(lines.join('')).toContain('readiness: database unreachable');
  });
});
