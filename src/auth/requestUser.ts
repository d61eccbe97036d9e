import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
  }
}

export const SESSION_COOKIE = 'cb_session';

export interface Viewer {
  id: string;
  isAdmin: boolean;
}

export const viewerOf = (u: User): Viewer => ({ id: u.id, isAdmin: u.role === 'admin' });

/** For JSON routes: the logged-in user or a 401 that says how to log in. */
export function requireUser(req: FastifyRequest): User {
  if (!req.user) {
    throw new AppError('not_logged_in', 'Nicht angemeldet', {
      status: 401,
      hint: 'Zuerst unter /login anmelden.',
    });
  }
  return req.user;
}

export function requireAdmin(req: FastifyRequest): User {
  const u = requireUser(req);
  if (u.role !== 'admin') throw new AppError('forbidden', 'Nur für Administratoren', { status: 403 });
  return u;
}

/** For pages: the logged-in user, or a redirect to the login page that comes back here. */
export function pageUser(req: FastifyRequest, reply: FastifyReply): User | null {
  if (req.user) return req.user;
  void reply.redirect(`/login?next=${encodeURIComponent(req.url)}`);
  return null;
}
