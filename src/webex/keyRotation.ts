import { ConfigError } from '../shared/errors.ts';
import { purposeOf } from './connectionStore.ts';
import { SecretBox } from './secretBox.ts';
import type { WebexDeps } from './webexContext.ts';

/**
 * Re-encrypts every stored secret under the current ENCRYPTION_KEY. Values sealed with a key listed in
 * PREVIOUS_ENCRYPTION_KEYS are opened and sealed again; values already under the current key are left
 * alone, so running it twice is harmless. Each table is rewritten in one transaction.
 */
export async function rotateKeys(deps: WebexDeps): Promise<{ resealed: number; alreadyCurrent: number }> {
  const current = deps.box.currentKeyId;
  let resealed = 0;
  let alreadyCurrent = 0;
  const reseal = (value: string, purpose: string) => {
    if (SecretBox.keyIdOf(value) === current) {
      alreadyCurrent++;
      return value;
    }
    resealed++;
    return deps.box.seal(deps.box.open(value, purpose), purpose);
  };
  await deps.db.transaction().execute(async (trx) => {
    for (const r of await trx.selectFrom('webex_integration').selectAll().execute()) {
      const v = reseal(r.client_secret_enc, 'integration:client_secret');
      await trx
        .updateTable('webex_integration')
        .set({ client_secret_enc: v })
        .where('id', '=', r.id)
        .execute();
    }
    for (const c of await trx.selectFrom('webex_connections').selectAll().execute()) {
      await trx
        .updateTable('webex_connections')
        .set({
          access_token_enc: reseal(c.access_token_enc, purposeOf(c.id, 'access')),
          refresh_token_enc: reseal(c.refresh_token_enc, purposeOf(c.id, 'refresh')),
        })
        .where('id', '=', c.id)
        .execute();
    }
    for (const w of await trx.selectFrom('webex_webhooks').selectAll().execute()) {
      await trx
        .updateTable('webex_webhooks')
        .set({ secret_enc: reseal(w.secret_enc, `webhook:${w.id}`) })
        .where('id', '=', w.id)
        .execute();
    }
  });
  return { resealed, alreadyCurrent };
}

export interface StoredSecrets {
  /** Secrets in the database (integration, connection tokens, webhook secrets). */
  stored: number;
  /** Of those, sealed with a key that is neither ENCRYPTION_KEY nor in PREVIOUS_ENCRYPTION_KEYS. */
  unreadable: number;
  /** The ids of those keys (`v1.<id>.…`), so the admin can tell which old key is wanted. */
  unknownKeyIds: string[];
}

/** Looks at which key sealed each stored secret, without opening any. */
export async function inspectStoredSecrets(deps: Pick<WebexDeps, 'db' | 'box'>): Promise<StoredSecrets> {
  const [integration, connections, webhooks] = await Promise.all([
    deps.db.selectFrom('webex_integration').select('client_secret_enc').execute(),
    deps.db.selectFrom('webex_connections').select(['access_token_enc', 'refresh_token_enc']).execute(),
    deps.db.selectFrom('webex_webhooks').select('secret_enc').execute(),
  ]);
  const values = [
    ...integration.map((r) => r.client_secret_enc),
    ...connections.flatMap((c) => [c.access_token_enc, c.refresh_token_enc]),
    ...webhooks.map((w) => w.secret_enc),
  ];
  const unknown = values.filter((v) => !deps.box.hasKeyFor(v));
  return {
    stored: values.length,
    unreadable: unknown.length,
    unknownKeyIds: [...new Set(unknown.map((v) => SecretBox.keyIdOf(v) ?? '?'))],
  };
}

/**
 * What is wrong when stored secrets cannot be opened with the configured keys, said once and up front
 * (doctor, CLI, serve) instead of as "unbekannter Schlüssel" deep inside each Webex call; null when
 * every stored secret has its key.
 */
export function secretKeyProblem(secrets: StoredSecrets, box: SecretBox): ConfigError | null {
  if (secrets.unreadable === 0) return null;
  const ids = secrets.unknownKeyIds.join(', ');
  const which =
    secrets.unreadable < secrets.stored
      ? `${secrets.unreadable} von ${secrets.stored} Geheimnissen`
      : secrets.stored === 1
        ? 'das gespeicherte Geheimnis'
        : `alle ${secrets.stored} Geheimnisse`;
  const reconfigure =
    'Webex neu einrichten: Client-Secret mit `callbridge webex configure` (oder unter /webex) neu eingeben und „Mit Webex verbinden“ klicken.';
  if (!box.configured) {
    return new ConfigError(
      `ENCRYPTION_KEY fehlt: die gespeicherten Webex-Zugangsdaten können nicht entschlüsselt werden (${which}, Schlüssel ${ids})`,
      `ENCRYPTION_KEY auf den Schlüssel setzen, mit dem sie gespeichert wurden; oder einen neuen setzen (\`callbridge keys generate\`) und ${reconfigure}`,
      undefined,
      'encryption_key_missing',
    );
  }
  return new ConfigError(
    `ENCRYPTION_KEY passt nicht zu den gespeicherten Webex-Zugangsdaten (${which} mit Schlüssel ${ids} verschlüsselt, ENCRYPTION_KEY ist ${box.currentKeyId})`,
    `Den bisherigen Schlüssel in PREVIOUS_ENCRYPTION_KEYS eintragen (danach \`callbridge keys rotate\`); oder ${reconfigure}`,
    undefined,
    'encryption_key_mismatch',
  );
}

/** For commands that open stored secrets: stops with the key problem before any Webex call. */
export async function requireReadableSecrets(deps: Pick<WebexDeps, 'db' | 'box'>): Promise<void> {
  const problem = secretKeyProblem(await inspectStoredSecrets(deps), deps.box);
  if (problem) throw problem;
}
