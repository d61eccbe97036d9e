import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB, User } from '../db/schema.ts';
import { AppError, ValidationError } from '../shared/errors.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { hashPassword, passwordProblem } from './passwords.ts';

export type PublicUser = Omit<User, 'password_hash'>;

const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{2,64}$/, 'Benutzername: 2–64 Zeichen a–z, 0–9, . _ -');

export function toPublic(u: User): PublicUser {
  const { password_hash: _, ...rest } = u;
  return rest;
}

/** Before asking for a password: the name is valid and free, and the Webex person is nobody else's. */
export async function assertUserCanBeAdded(
  db: Kysely<DB>,
  input: { username: string; webexPersonId?: string | null },
): Promise<void> {
  const username = usernameSchema.safeParse(input.username);
  if (!username.success) throw new ValidationError(username.error.issues[0]!.message);
  const existing = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username.data)
    .executeTakeFirst();
  if (existing)
    throw new AppError('user_exists', `Benutzer ${username.data} gibt es schon`, {
      status: 409,
      hint: `Einen anderen Namen wählen; das Passwort ändert \`callbridge users passwd ${username.data}\`.`,
    });
  if (input.webexPersonId) await assertPersonFree(db, input.webexPersonId, null);
}

export async function addUser(
  db: Kysely<DB>,
  input: {
    username: string;
    password: string;
    displayName?: string;
    role?: 'admin' | 'recruiter';
    webexPersonId?: string | null;
  },
): Promise<PublicUser> {
  const username = usernameSchema.safeParse(input.username);
  if (!username.success) throw new ValidationError(username.error.issues[0]!.message);
  const problem = passwordProblem(input.password);
  if (problem) throw new ValidationError(problem);
  await assertUserCanBeAdded(db, input);
  const now = nowIso();
  const user: User = {
    id: newId(),
    username: username.data,
    display_name: input.displayName?.trim() || username.data,
    password_hash: await hashPassword(input.password),
    role: input.role ?? 'recruiter',
    webex_person_id: input.webexPersonId ?? null,
    disabled: 0,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('users').values(user).execute();
  return toPublic(user);
}

async function assertPersonFree(db: Kysely<DB>, personId: string, exceptUserId: string | null) {
  const other = await db
    .selectFrom('users')
    .select('username')
    .where('webex_person_id', '=', personId)
    .$if(exceptUserId !== null, (q) => q.where('id', '!=', exceptUserId!))
    .executeTakeFirst();
  if (other) {
    throw new AppError('person_taken', `Die Webex-Person ist schon die Leitung von ${other.username}`, {
      status: 409,
      hint: `Erst die Verknüpfung von ${other.username} lösen (\`callbridge users link ${other.username}\` ohne ID), dann erneut verknüpfen.`,
    });
  }
}

export async function findUser(db: Kysely<DB>, username: string): Promise<User> {
  const u = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
  if (!u) throw await unknownUser(db, username);
  return u;
}

const NAMES_SHOWN = 10;

/** A mistyped name is the usual cause, so the refusal names the users there are. */
async function unknownUser(db: Kysely<DB>, username: string): Promise<AppError> {
  const names = (
    await db
      .selectFrom('users')
      .select('username')
      .orderBy('username')
      .limit(NAMES_SHOWN + 1)
      .execute()
  ).map((r) => r.username);
  const hint = !names.length
    ? 'Es gibt noch keine Benutzer; anlegen mit `callbridge users add NAME`.'
    : names.length > NAMES_SHOWN
      ? `Vorhandene Benutzer: ${names.slice(0, NAMES_SHOWN).join(', ')}, … (alle zeigt \`callbridge users list\`).`
      : `Vorhandene Benutzer: ${names.join(', ')} (siehe \`callbridge users list\`).`;
  return new AppError('user_not_found', `Einen Benutzer „${username.trim()}“ gibt es nicht.`, {
    status: 404,
    hint,
  });
}

export async function listUsers(db: Kysely<DB>): Promise<PublicUser[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(toPublic);
}

export async function setPassword(db: Kysely<DB>, username: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw new ValidationError(problem);
  const u = await findUser(db, username);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: await hashPassword(password), updated_at: nowIso() })
      .where('id', '=', u.id)
      .execute();
    // A new password ends every open session of that user.
    await trx.deleteFrom('sessions').where('user_id', '=', u.id).execute();
  });
}

export async function setDisabled(db: Kysely<DB>, username: string, disabled: boolean): Promise<void> {
  const u = await findUser(db, username);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ disabled: disabled ? 1 : 0, updated_at: nowIso() })
      .where('id', '=', u.id)
      .execute();
    if (disabled) await trx.deleteFrom('sessions').where('user_id', '=', u.id).execute();
  });
}

export async function linkWebexPerson(
  db: Kysely<DB>,
  username: string,
  personId: string | null,
): Promise<void> {
  const u = await findUser(db, username);
  if (personId) await assertPersonFree(db, personId, u.id);
  await db
    .updateTable('users')
    .set({ webex_person_id: personId, updated_at: nowIso() })
    .where('id', '=', u.id)
    .execute();
}
