import type { Kysely } from 'kysely';
import type { Config } from '../../config/config.ts';
import type { DB } from '../../db/schema.ts';
import { createLogger } from '../../shared/logger.ts';
import { connectionFindings } from '../../webex/connectionHealth.ts';
import { listConnections } from '../../webex/connectionStore.ts';
import { loadIntegration } from '../../webex/integrationSettings.ts';
import { inspectStoredSecrets, secretKeyProblem } from '../../webex/keyRotation.ts';
import { SecretBox } from '../../webex/secretBox.ts';
import type { WebexDeps } from '../../webex/webexContext.ts';
import { WebexNotConnected, WebexUnavailable } from '../../webex/webexErrors.ts';
import { WebexTokens } from '../../webex/webexTokens.ts';
import type { Check } from '../check.ts';
import { recordingChecks } from './recordings.ts';
import { webhookChecks } from './webhooks.ts';

const PRODUCTION_WEBEX = /webexapis\.com/;

/** Public URL, proxy trust, the encryption key, the integration and, per connection, token, scopes, webhooks and recordings. */
export async function webexChecks(db: Kysely<DB>, config: Config, add: (c: Check) => void) {
  const real = PRODUCTION_WEBEX.test(config.webexApiUrl);
  if (!config.publicUrl) {
    add({
      id: 'public_url',
      title: 'Öffentliche URL',
      status: 'fail',
      de: 'PUBLIC_URL fehlt: Webex weiß nicht, wohin es Ereignisse schicken soll',
      en: 'PUBLIC_URL not set',
      fix: 'PUBLIC_URL auf die https-Adresse setzen, unter der Webex CallBridge erreicht, z. B. PUBLIC_URL=https://crm.example.de.',
    });
  } else {
    const u = new URL(config.publicUrl);
    const local =
      ['localhost', '127.0.0.1', '::1', '[::1]'].includes(u.hostname) || u.hostname.endsWith('.local');
    if (real && (u.protocol !== 'https:' || local)) {
      add({
        id: 'public_url',
        title: 'Öffentliche URL',
        status: 'fail',
        de: `${config.publicUrl} ist von Webex aus nicht erreichbar (https und ein öffentlicher Name nötig)`,
        en: 'public URL not reachable from Webex',
        fix: 'Die https-Adresse des Reverse-Proxys als PUBLIC_URL eintragen.',
      });
    } else {
      add({
        id: 'public_url',
        title: 'Öffentliche URL',
        status: 'ok',
        de: config.publicUrl,
        en: config.publicUrl,
      });
    }
  }
  if (config.trustProxy === true) {
    // Forwarded headers from anyone: per-address login limits could be dodged with X-Forwarded-For.
    add({
      id: 'trust_proxy',
      title: 'Reverse-Proxy',
      status: 'warn',
      de: 'TRUST_PROXY=true glaubt X-Forwarded-For von jedem Absender: Anmeldesperren je Adresse lassen sich umgehen',
      en: 'TRUST_PROXY=true trusts forwarded headers from any peer',
      fix: 'TRUST_PROXY auf die Adresse des Reverse-Proxys setzen, z. B. TRUST_PROXY=127.0.0.1 (siehe docs/security.md).',
    });
  }
  const box = new SecretBox(config.encryptionKey, config.previousEncryptionKeys);
  const secrets = await inspectStoredSecrets({ db, box });
  if (!config.encryptionKey && secrets.stored === 0) {
    add({
      id: 'encryption_key',
      title: 'Schlüssel',
      status: 'fail',
      de: 'ENCRYPTION_KEY fehlt: Webex-Zugangsdaten können nicht gespeichert werden',
      en: 'ENCRYPTION_KEY missing',
      fix: 'Einen Schlüssel mit `callbridge keys generate` erzeugen, als ENCRYPTION_KEY setzen und neu starten.',
    });
    return;
  }
  // A key that cannot open what is stored would make every check below fail with the same
  // "unbekannter Schlüssel"; said once, as what it is, and the Webex checks that need them skipped.
  const keyProblem = secretKeyProblem(secrets, box);
  if (keyProblem) {
    add({
      id: 'encryption_key',
      title: 'Schlüssel',
      status: 'fail',
      de: keyProblem.message,
      en: config.encryptionKey
        ? 'ENCRYPTION_KEY does not match the stored Webex credentials'
        : 'ENCRYPTION_KEY missing, stored Webex credentials unreadable',
      ...(keyProblem.hint ? { fix: keyProblem.hint } : {}),
    });
    return;
  }
  add({
    id: 'encryption_key',
    title: 'Schlüssel',
    status: 'ok',
    de: secrets.stored ? `passt zu den gespeicherten Geheimnissen (${secrets.stored})` : 'gesetzt',
    en: 'ENCRYPTION_KEY matches the stored secrets',
  });
  const deps: WebexDeps = { db, box, config, log: createLogger({ level: 'silent' }) };
  const integration = await loadIntegration(deps);
  if (!integration) {
    add({
      id: 'integration',
      title: 'Webex-Integration',
      status: 'fail',
      de: 'nicht eingerichtet',
      en: 'integration not configured',
      fix: 'Client-ID und Client-Secret unter /webex eintragen oder `callbridge webex configure` ausführen.',
    });
    return;
  }
  add({
    id: 'integration',
    title: 'Webex-Integration',
    status: 'ok',
    de: `Client-ID ${integration.clientId.slice(0, 12)}…`,
    en: 'configured',
  });
  const conns = await listConnections(deps);
  if (conns.length === 0) {
    add({
      id: 'connections',
      title: 'Webex-Verbindungen',
      status: 'fail',
      de: 'keine Verbindung',
      en: 'no connection',
      fix: 'Unter /webex „Mit Webex verbinden“ klicken.',
    });
    return;
  }
  const tokens = new WebexTokens(deps);
  for (const conn of conns) {
    const who = `${conn.kind === 'org' ? 'Organisation' : conn.display_name}`;
    const id = `connection:${conn.display_name}`;
    const client = tokens.clientFor(conn.id);
    try {
      await client.request('GET', '/people/me');
      add({
        id: `${id}:token`,
        title: `Token ${who}`,
        status: 'ok',
        de: 'gültig, erneuerbar',
        en: 'token works',
      });
    } catch (err) {
      const e = err as Error;
      // Webex down or not reachable from here says nothing about the login: reconnecting would not help.
      const unreachable = err instanceof WebexUnavailable;
      add({
        id: `${id}:token`,
        title: `Token ${who}`,
        status: 'fail',
        de:
          err instanceof WebexNotConnected || unreachable
            ? e.message
            : `Webex-Aufruf fehlgeschlagen: ${e.message}`,
        en:
          err instanceof WebexNotConnected
            ? 'reconnect needed (token expired or revoked)'
            : unreachable
              ? 'Webex unreachable'
              : 'Webex call failed',
        fix: unreachable
          ? `Netzverbindung von hier zu ${config.webexApiUrl} prüfen (Proxy, Firewall, WEBEX_API_URL) und doctor später erneut starten; die Verbindung bleibt gespeichert, neu verbinden ist nicht nötig.`
          : 'Webex unter /webex neu verbinden.',
      });
      continue;
    }
    const fresh =
      (await db.selectFrom('webex_connections').selectAll().where('id', '=', conn.id).executeTakeFirst()) ??
      conn;
    const findings = connectionFindings(fresh, config.tokenExpiryWarningDays);
    for (const f of findings) {
      add({
        id: `${id}:${f.code}`,
        title: `Verbindung ${who}`,
        status: f.level === 'error' ? 'fail' : 'warn',
        de: f.text,
        en: f.code.replace('_', ' '),
        fix: f.fix,
      });
    }
    if (findings.length === 0)
      add({
        id: `${id}:scopes`,
        title: `Berechtigungen ${who}`,
        status: 'ok',
        de: 'vollständig',
        en: 'all scopes granted',
      });
    await webhookChecks(deps, conn.id, client, who, add);
    await recordingChecks(client, who, id, add);
  }
}
