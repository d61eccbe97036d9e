import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Check } from '../check.ts';

export async function intakeChecks(db: Kysely<DB>, add: (c: Check) => void) {
  const keys = await db.selectFrom('api_keys').select('id').where('revoked_at', 'is', null).execute();
  add(
    keys.length
      ? {
          id: 'api_keys',
          title: 'API-Schlüssel',
          status: 'ok',
          de: `${keys.length} aktiv`,
          en: `${keys.length} active`,
        }
      : {
          id: 'api_keys',
          title: 'API-Schlüssel',
          status: 'warn',
          de: 'keiner aktiv: Absender der Kompatibilitäts-Endpunkte bekommen 401',
          en: 'no API key: compatibility endpoints answer 401',
          fix: 'Falls ein alter Ablauf noch hierher sendet: einen Schlüssel mit `callbridge apikeys create NAME` anlegen.',
        },
  );
  const last = await db
    .selectFrom('webhook_deliveries')
    .select('received_at')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const pending = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  if (!last) {
    add({
      id: 'events',
      title: 'Eingegangene Ereignisse',
      status: 'warn',
      de: 'noch keine Zustellung von Webex erhalten',
      en: 'no delivery received yet',
      fix: 'Einen Testanruf machen; die Webhooks oben prüfen.',
    });
  } else {
    const hours = (Date.now() - Date.parse(last.received_at)) / 3600_000;
    add({
      id: 'events',
      title: 'Eingegangene Ereignisse',
      status: hours > 72 ? 'warn' : 'ok',
      de: `letzte Zustellung ${new Date(last.received_at).toLocaleString('de-DE', { timeZone: 'Europe/Berlin' })}${Number(pending.n) ? `, ${pending.n} warten auf Verarbeitung` : ''}`,
      en: `last delivery ${last.received_at}`,
    });
  }
}
