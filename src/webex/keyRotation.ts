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
