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
      'z. B. `callbridge apikeys create n8n`',
    );
  const key = `${PREFIX}${randomToken(24)}`;
  const id = newId();
  await db.transaction().execute(async (trx) => {
    // Two active keys of one name cannot be told apart in the list, and revoking by name hit both.
    const taken = await trx
      .selectFrom('api_keys')
      .select(['prefix'])
      .where('name', '=', clean)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (taken) {
      throw new AppError(
        'api_key_name_taken',
        `Es gibt schon einen aktiven API-Schlüssel „${clean}“ (${taken.prefix}…)`,
        {
          status: 409,
          hint: `Einen anderen Namen wählen (z. B. ${clean}-2) oder den alten zuerst widerrufen: \`callbridge apikeys revoke ${taken.prefix}\`.`,
        },
      );
    }
    await trx
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
  });
  return { id, key };
}

export async function listApiKeys(db: Kysely<DB>) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .orderBy('created_at')
    .execute();
}

export interface RevokedApiKey {
  id: string;
  name: string;
  prefix: string;
}

/**
 * Revokes exactly one active key, found by id, prefix or name. When the words match several (keys of one
 * name from before names were unique, or a name that is another key's prefix) nothing is revoked: the
 * error lists them, so the admin picks one by prefix or id.
 */
export async function revokeApiKey(db: Kysely<DB>, idOrPrefix: string): Promise<RevokedApiKey> {
  const wanted = idOrPrefix.trim();
  return db.transaction().execute(async (trx) => {
    const matches = await trx
      .selectFrom('api_keys')
      .select(['id', 'name', 'prefix', 'created_at'])
      .where((eb) => eb.or([eb('id', '=', wanted), eb('prefix', '=', wanted), eb('name', '=', wanted)]))
      .where('revoked_at', 'is', null)
      .orderBy('created_at')
      .execute();
    if (matches.length === 0) throw new NotFoundError(`Aktiver API-Schlüssel ${wanted}`);
    if (matches.length > 1) {
      // An id is unique; by prefix the ids tell apart even keys whose prefixes happen to be the same.
      const samePrefix = new Set(matches.map((m) => m.prefix)).size < matches.length;
      throw new AppError(
        'api_key_ambiguous',
        `„${wanted}“ passt auf ${matches.length} aktive API-Schlüssel; keiner wurde widerrufen:\n${matches
          .map(
            (m) =>
              `  ${m.prefix}  ${m.name}  angelegt ${m.created_at.slice(0, 16).replace('T', ' ')}  (ID ${m.id})`,
          )
          .join('\n')}`,
        {
          status: 409,
          hint: `Den gemeinten Schlüssel mit seinem ${samePrefix ? 'ID' : 'Präfix'} widerrufen, z. B. \`callbridge apikeys revoke ${samePrefix ? matches[0]!.id : matches[0]!.prefix}\`.`,
          details: matches.map((m) => ({ id: m.id, name: m.name, prefix: m.prefix })),
        },
      );
    }
    const key = matches[0]!;
    await trx.updateTable('api_keys').set({ revoked_at: nowIso() }).where('id', '=', key.id).execute();
    return { id: key.id, name: key.name, prefix: key.prefix };
  });
}

/** Throws a 401 that says what is wrong: missing header, unknown key or revoked key. */
export async function authenticateApiKey(
  db: Kysely<DB>,
  key: string | undefined,
): Promise<{ id: string; name: string }> {
  if (!key) {
    throw new AppError('api_key_missing', 'Header X-API-Key fehlt', {
      status: 401,
      hint: 'Den mit `callbridge apikeys create NAME` erzeugten Schlüssel im Header X-API-Key senden.',
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
      hint: 'Den Schlüssel prüfen; vorhandene Schlüssel zeigt `callbridge apikeys list`.',
    });
  }
  if (row.revoked_at) {
    throw new AppError('api_key_revoked', 'X-API-Key wurde widerrufen', {
      status: 401,
      hint: 'Einen neuen Schlüssel mit `callbridge apikeys create NAME` anlegen.',
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
