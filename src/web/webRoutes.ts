import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../app/context.ts';

// Placeholder until the UI lands: the pages are built in src/web/.
export const webRoutes = (_ctx: AppContext): FastifyPluginAsync => async (app) => {
  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send('<!doctype html><title>CallBridge</title><h1>CallBridge</h1>'));
};
