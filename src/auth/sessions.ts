import type { Kysely } from 'kysely';
import type { DB, User } from '../db/schema.ts';
import { nowIso } from '../shared/ids.ts';
import { randomToken, sha256 } from '../shared/tokens.ts';
import { verifyPassword } from './passwords.ts';

// Compared against when the username is unknown, so a wrong name costs as long as a wrong password.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export async function login(
  db: Kysely<DB>,
  username: string,
  password: string,
  ttlHours: number,
): Promise<{ token: string; user: User } | null> {
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled) return null;
  const token = randomToken();
  const now = new Date();
  await db
    .insertInto('sessions')
    .values({
      id_hash: sha256(token),
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + ttlHours * 3600_000).toISOString(),
    })
    .execute();
  return { token, user };
}

export async function userForSession(db: Kysely<DB>, token: string | undefined): Promise<User | null> {
  if (!token) return null;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.id_hash', '=', sha256(token))
    .where('sessions.expires_at', '>', nowIso())
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
  return row ?? null;
}

export async function logout(db: Kysely<DB>, token: string | undefined): Promise<void> {
  if (token) await db.deleteFrom('sessions').where('id_hash', '=', sha256(token)).execute();
}

export async function purgeExpiredSessions(db: Kysely<DB>): Promise<number> {
  const res = await db.deleteFrom('sessions').where('expires_at', '<=', nowIso()).executeTakeFirst();
  return Number(res.numDeletedRows);
}
