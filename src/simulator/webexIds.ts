import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/** Webex ids are base64 of `ciscospark://us/<TYPE>/<uuid>`; clients treat them as opaque text. */
export function webexId(
  type: 'PEOPLE' | 'ORGANIZATION' | 'WEBHOOK' | 'CALL' | 'APPLICATION' | 'RECORDING' | 'LOCATION',
  uuid: string = randomUUID(),
): string {
  return Buffer.from(`ciscospark://us/${type}/${uuid}`).toString('base64').replace(/=+$/, '');
}

export const trackingId = (): string => `ROUTER_${randomUUID().toUpperCase()}`;

/** Webex-style error body (shared/webex/API.md §1). */
export function webexError(reply: FastifyReply, status: number, message: string) {
  return reply.status(status).send({ message, errors: [{ description: message }], trackingId: trackingId() });
}
