import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { newId, nowIso } from '../shared/ids.ts';
import { randomToken, sha256 } from '../shared/tokens.ts';

const PREFIX = 'cbk_';

/** Creates a key for the compatibility endpoints. The key is returned once; only its hash is kept. */
export async function createApiKey(db: Kysely<DB>, name: string): Promise<{ id: string; key: string }> {
  const clean = name.trim();
  if (!clean)
    throw new ValidationError(
      'Name des API-Schlüssels fehlt',
      undefined,
      'e.g. `callbridge apikeys create n8n`',
    );
  const key = `${PREFIX}${randomToken(24)}`;
  const id = newId();
  await db
    .insertInto('api_keys')
    .values({
      id,
      name: clean,
      prefix: key.slice(0, 10),
      key_hash: sha256(key),
      created_at: nowIso(),
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
  return { id, key };
}

export async function listApiKeys(db: Kysely<DB>) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .orderBy('created_at')
    .execute();
}

export async function revokeApiKey(db: Kysely<DB>, idOrPrefix: string): Promise<void> {
  const res = await db
    .updateTable('api_keys')
    .set({ revoked_at: nowIso() })
    .where((eb) =>
      eb.or([eb('id', '=', idOrPrefix), eb('prefix', '=', idOrPrefix), eb('name', '=', idOrPrefix)]),
    )
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw new NotFoundError(`Aktiver API-Schlüssel ${idOrPrefix}`);
}

/** Throws a 401 that says what is wrong: missing header, unknown key or revoked key. */
export async function authenticateApiKey(
  db: Kysely<DB>,
  key: string | undefined,
): Promise<{ id: string; name: string }> {
  if (!key) {
    throw new AppError('api_key_missing', 'Header X-API-Key fehlt', {
      status: 401,
      hint: 'Send the key created with `callbridge apikeys create NAME` in the X-API-Key header.',
    });
  }
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'revoked_at', 'last_used_at'])
    .where('key_hash', '=', sha256(key))
    .executeTakeFirst();
  if (!row) {
    throw new AppError('api_key_invalid', 'X-API-Key ist unbekannt', {
      status: 401,
      hint: 'Check the key; list keys with `callbridge apikeys list`.',
    });
  }
  if (row.revoked_at) {
    throw new AppError('api_key_revoked', 'X-API-Key wurde widerrufen', {
      status: 401,
      hint: 'Create a new key with `callbridge apikeys create NAME`.',
    });
  }
  // Record use at most once a minute so a burst of calls does not turn into a burst of writes.
  const now = Date.now();
  if (!row.last_used_at || now - Date.parse(row.last_used_at) > 60_000) {
    await db
      .updateTable('api_keys')
      .set({ last_used_at: new Date(now).toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
  return { id: row.id, name: row.name };
}
