import { AppError, ValidationError } from '../shared/errors.ts';
import type { WebexDeps } from './webexContext.ts';

const ROW = 'default';

/** Stores the Webex integration's client id and (sealed) secret, entered once by an admin. */
export async function configureIntegration(
  deps: WebexDeps,
  clientId: string,
  clientSecret: string,
): Promise<void> {
  const id = clientId.trim();
  const secret = clientSecret.trim();
  // Webex's ids and secrets are about 65 characters; the bounds keep a pasted document out of the row.
  if (id.length > 200)
    throw new ValidationError('Client-ID ist zu lang (höchstens 200 Zeichen)', { field: 'clientId' });
  if (!/^[A-Za-z0-9_-]{8,}$/.test(id))
    throw new ValidationError('Client-ID sieht nicht wie eine Webex-Client-ID aus', { field: 'clientId' });
  if (secret.length < 8)
    throw new ValidationError('Client-Secret fehlt oder ist zu kurz', { field: 'clientSecret' });
  if (secret.length > 500)
    throw new ValidationError('Client-Secret ist zu lang (höchstens 500 Zeichen)', { field: 'clientSecret' });
  const sealed = deps.box.seal(secret, 'integration:client_secret');
  const now = new Date().toISOString();
  await deps.db
    .insertInto('webex_integration')
    .values({ id: ROW, client_id: id, client_secret_enc: sealed, updated_at: now })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ client_id: id, client_secret_enc: sealed, updated_at: now }),
    )
    .execute();
}

export async function loadIntegration(
  deps: WebexDeps,
): Promise<{ clientId: string; clientSecret: string } | null> {
  const row = await deps.db
    .selectFrom('webex_integration')
    .selectAll()
    .where('id', '=', ROW)
    .executeTakeFirst();
  if (!row) return null;
  return {
    clientId: row.client_id,
    clientSecret: deps.box.open(row.client_secret_enc, 'integration:client_secret'),
  };
}

export async function requireIntegration(
  deps: WebexDeps,
): Promise<{ clientId: string; clientSecret: string }> {
  const i = await loadIntegration(deps);
  if (!i) {
    throw new AppError('integration_missing', 'Webex-Integration ist nicht eingerichtet', {
      hint: 'Client-ID und Client-Secret auf der Statusseite (/webex) eintragen oder `callbridge webex configure` ausführen.',
    });
  }
  return i;
}
