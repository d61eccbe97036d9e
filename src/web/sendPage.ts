import type { FastifyReply } from 'fastify';
import type { SafeHtml } from './html.ts';

/** Every HTML response goes out here: the body is the output of `html`, so it is escaped already. */
export function sendPage(reply: FastifyReply, body: SafeHtml, status?: number): FastifyReply {
  if (status !== undefined) void reply.status(status);
  return reply.type('text/html; charset=utf-8').send(body.value);
}
