import type { Kysely } from 'kysely';
import { type Config, loadConfig } from '../config/config.ts';
import { type Database, openDatabase, pendingMigrations, ping } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { privacyChecks } from '../privacy/privacyHealth.ts';
import { recordingPipelineCheck } from '../recordings/recordingHealth.ts';
import { AppError } from '../shared/errors.ts';
import { createLogger } from '../shared/logger.ts';
import { connectionFindings } from '../webex/connectionHealth.ts';
import { listConnections } from '../webex/connectionStore.ts';
import { loadIntegration } from '../webex/integrationSettings.ts';
import { inspectStoredSecrets, secretKeyProblem } from '../webex/keyRotation.ts';
import { deleteRecording, getRecordingDetails, listRecordingsPage } from '../webex/recordingsApi.ts';
import { SecretBox } from '../webex/secretBox.ts';
import type { WebexDeps } from '../webex/webexContext.ts';
import { WebexForbidden, WebexNotConnected, WebexNotFound, WebexUnavailable } from '../webex/webexErrors.ts';
import { WebexTokens } from '../webex/webexTokens.ts';
import { filePermissionCheck } from './filePermissions.ts';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface Check {
  id: string;
  title: string;
  status: CheckStatus;
  /** German for the admin; English for logs, tickets and search engines. */
  de: string;
  en: string;
  fix?: string;
}

const PRODUCTION_WEBEX = /webexapis\.com/;

/**
 * `callbridge doctor`: checks, in order, what CallBridge needs to work and says for each failure what to
 * do next. It reads and asks; the only change it can cause is a token refresh that was due anyway.
 */
export async function runDoctor(env: Record<string, string | undefined>): Promise<Check[]> {
  const checks: Check[] = [];
  const add = (c: Check) => checks.push(c);

  let config: Config;
  try {
    config = loadConfig({ env });
    add({ id: 'config', title: 'Konfiguration', status: 'ok', de: 'gültig', en: 'valid' });
  } catch (err) {
    add({
      id: 'config',
      title: 'Konfiguration',
      status: 'fail',
      de: (err as Error).message,
      en: 'configuration invalid',
      fix: 'Die genannten Werte korrigieren.',
    });
    return checks;
  }

  await providerChecks(config, add);

  let database: Database | null = null;
  try {
    let pending: string[];
    try {
      // Doctor only looks: a database file that does not exist is a wrong DATABASE_URL, not one to create.
      database = openDatabase(config.databaseUrl, { poolSize: 2, mustExist: true });
      await ping(database);
      pending = await pendingMigrations(database);
    } catch (err) {
      add({
        id: 'database',
        title: 'Datenbank',
        status: 'fail',
        de: err instanceof AppError ? err.message : `nicht erreichbar: ${(err as Error).message}`,
        en: err instanceof AppError ? err.code.replaceAll('_', ' ') : 'database unreachable',
        fix: err instanceof AppError && err.hint ? err.hint : 'DATABASE_URL prüfen und ob der Server läuft.',
      });
      return checks;
    }
    add(
      pending.length
        ? {
            id: 'database',
            title: 'Datenbank',
            status: 'fail',
            de: `erreichbar, aber Migrationen fehlen: ${pending.join(', ')}`,
            en: 'migrations pending',
            fix: '`callbridge migrate` ausführen (oder den Dienst einmal starten).',
          }
        : {
            id: 'database',
            title: 'Datenbank',
            status: 'ok',
            de: `${database.describe}, Schema aktuell`,
            en: 'reachable and migrated',
          },
    );
    add(filePermissionCheck(config, env));
    if (pending.length) return checks;
    const { db } = database;
    // Each group on its own: one that breaks off is named as itself (not as the database), and the
    // groups after it still run.
    await group('webex', 'Webex-Prüfungen', add, () => webexChecks(db, config, add));
    await group('intake', 'Eingang', add, () => intakeChecks(db, add));
    await group('recordings', 'Aufnahmen', add, async () => {
      add(await recordingPipelineCheck(db));
    });
    await group('privacy', 'Datenschutz', add, async () => {
      for (const c of await privacyChecks(db, config)) add(c);
    });
  } finally {
    await database?.close();
  }
  return checks;
}

async function group(id: string, title: string, add: (c: Check) => void, run: () => Promise<void>) {
  try {
    await run();
  } catch (err) {
    add({
      id,
      title,
      status: 'fail',
      de: `Prüfung abgebrochen: ${(err as Error).message}`,
      en: `${id} checks aborted`,
      ...(err instanceof AppError && err.hint ? { fix: err.hint } : {}),
    });
  }
}

const PROVIDER_PROBE_TIMEOUT_MS = 5_000;

/**
 * Which transcription and extraction provider is configured, whether the key is there, and whether the
 * base URL answers (GET /models: cheap, no audio or tokens; any HTTP answer counts as reachable).
 */
async function providerChecks(config: Config, add: (c: Check) => void) {
  const services = [
    {
      id: 'transcription',
      title: 'Transkription',
      prefix: 'TRANSCRIPTION',
      provider: config.transcriptionProvider,
      baseUrl: config.transcriptionBaseUrl,
      apiKey: config.transcriptionApiKey,
      builtIn: config.transcriptionProvider === 'webex' ? 'Webex-Transkript (kein eigener Dienst)' : null,
    },
    {
      id: 'extraction',
      title: 'Auswertung',
      prefix: 'EXTRACTION',
      provider: config.extractionProvider,
      baseUrl: config.extractionBaseUrl,
      apiKey: config.extractionApiKey,
      builtIn: config.extractionProvider === 'rules' ? 'Regeln (offline, kein Dienst)' : null,
    },
  ];
  await Promise.all(
    services.map(async (s) => {
      const base = { id: `provider:${s.id}`, title: s.title };
      if (s.builtIn) {
        add({ ...base, status: 'ok', de: s.builtIn, en: `${s.provider} (built in)` });
        return;
      }
      const key = s.apiKey ? 'Schlüssel gesetzt' : 'ohne Schlüssel';
      const said = `${s.provider}, ${s.baseUrl}, ${key}`;
      let status: number;
      try {
        const res = await fetch(`${s.baseUrl.replace(/\/+$/, '')}/models`, {
          headers: s.apiKey ? { authorization: `Bearer ${s.apiKey}` } : {},
          signal: AbortSignal.timeout(PROVIDER_PROBE_TIMEOUT_MS),
        });
        await res.body?.cancel();
        status = res.status;
      } catch (err) {
        const e = err as Error & { cause?: { message?: string } };
        add({
          ...base,
          status: 'fail',
          de: `${said}: nicht erreichbar (${e.name === 'TimeoutError' ? `keine Antwort in ${PROVIDER_PROBE_TIMEOUT_MS / 1000} s` : (e.cause?.message ?? e.message)})`,
          en: `${s.prefix.toLowerCase()} provider unreachable`,
          fix: `${s.prefix}_BASE_URL prüfen und ob dieser Rechner den Dienst erreicht (Proxy, Firewall).`,
        });
        return;
      }
      if (status === 401 || status === 403) {
        add({
          ...base,
          status: 'fail',
          de: `${said}: Dienst lehnt ${s.apiKey ? 'den Schlüssel' : 'Anfragen ohne Schlüssel'} ab (${status})`,
          en: `${s.prefix.toLowerCase()} provider refuses the key`,
          fix: `${s.prefix}_API_KEY ${s.apiKey ? 'prüfen' : 'setzen'}.`,
        });
        return;
      }
      add({ ...base, status: 'ok', de: `${said}, erreichbar`, en: `${s.provider} reachable` });
    }),
  );
}

async function webexChecks(db: Kysely<DB>, config: Config, add: (c: Check) => void) {
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

interface RemoteHook {
  id: string;
  resource: string;
  targetUrl: string;
  status?: string;
  secret?: string;
}

async function webhookChecks(
  deps: WebexDeps,
  connectionId: string,
  client: ReturnType<WebexTokens['clientFor']>,
  who: string,
  add: (c: Check) => void,
) {
  const stored = await deps.db
    .selectFrom('webex_webhooks')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .execute();
  let remote: RemoteHook[];
  try {
    remote = await client.listAll<RemoteHook>('/webhooks', { max: 100 });
  } catch (err) {
    add({
      id: `webhooks:${who}`,
      title: `Webhooks ${who}`,
      status: 'fail',
      de: `können nicht gelesen werden: ${(err as Error).message}`,
      en: 'cannot list webhooks',
    });
    return;
  }
  const target = deps.config.publicUrl ? `${deps.config.publicUrl.replace(/\/+$/, '')}/webhooks/webex` : null;
  for (const resource of ['telephony_calls', 'convergedRecordings']) {
    const row = stored.find((s) => s.resource === resource);
    const hook = row ? remote.find((r) => r.id === row.id) : undefined;
    const base = { id: `webhooks:${who}:${resource}`, title: `Webhook ${resource} (${who})` };
    if (!row || !hook) {
      add({
        ...base,
        status: 'fail',
        de: 'fehlt bei Webex – Ereignisse kommen nicht an',
        en: 'webhook missing',
        fix: '`callbridge webex webhooks sync` ausführen.',
      });
    } else if (hook.status && hook.status !== 'active') {
      add({
        ...base,
        status: 'fail',
        de: `inaktiv (Webex hat ihn nach fehlgeschlagenen Zustellungen abgeschaltet)`,
        en: 'webhook inactive',
        fix: '`callbridge webex webhooks sync` ausführen; prüfen, ob CallBridge unter PUBLIC_URL erreichbar ist.',
      });
    } else if (target && hook.targetUrl !== target) {
      add({
        ...base,
        status: 'fail',
        de: `zeigt auf ${hook.targetUrl} statt ${target}`,
        en: 'webhook points elsewhere',
        fix: '`callbridge webex webhooks sync` ausführen.',
      });
    } else if (
      hook.secret !== undefined &&
      hook.secret !== deps.box.open(row.secret_enc, `webhook:${row.id}`)
    ) {
      add({
        ...base,
        status: 'fail',
        de: 'Secret stimmt nicht überein – Zustellungen werden abgelehnt',
        en: 'webhook secret mismatch',
        fix: '`callbridge webex webhooks sync` ausführen.',
      });
    } else {
      add({ ...base, status: 'ok', de: 'aktiv, zeigt hierher, Secret stimmt', en: 'active' });
    }
  }
}

async function recordingChecks(
  client: ReturnType<WebexTokens['clientFor']>,
  who: string,
  id: string,
  add: (c: Check) => void,
) {
  try {
    const [first] = await listRecordingsPage(client, { max: 1 });
    if (first) {
      const details = await getRecordingDetails(client, first.id);
      const link = details.temporaryDirectDownloadLinks?.audioDownloadLink;
      if (!link) {
        add({
          id: `${id}:download`,
          title: `Aufnahmen laden (${who})`,
          status: 'fail',
          de: 'Webex liefert keine Download-Links (Admin-Token oder „Prevent Downloading“ aktiv)',
          en: 'no temporary download links',
          fix: 'Die Leitung des Recruiters selbst verbinden (nicht den Admin) oder im Control Hub das Herunterladen erlauben.',
        });
      } else {
        const res = await fetch(link, {
          headers: { range: 'bytes=0-0' },
          signal: AbortSignal.timeout(15_000),
        });
        await res.arrayBuffer();
        add(
          res.ok
            ? {
                id: `${id}:download`,
                title: `Aufnahmen laden (${who})`,
                status: 'ok',
                de: 'Testdownload erfolgreich',
                en: 'test download ok',
              }
            : {
                id: `${id}:download`,
                title: `Aufnahmen laden (${who})`,
                status: 'fail',
                de: `Testdownload scheitert (${res.status}${res.status === 403 ? ': Link abgelaufen oder verweigert' : ''})`,
                en: `test download failed ${res.status}`,
                fix: 'Links gelten 3 Stunden; bleibt der Fehler, Webex unter /webex neu verbinden.',
              },
        );
      }
    } else {
      add({
        id: `${id}:download`,
        title: `Aufnahmen laden (${who})`,
        status: 'ok',
        de: 'Liste lesbar (keine Aufnahme zum Testen vorhanden)',
        en: 'list readable',
      });
    }
  } catch (err) {
    const forbidden = err instanceof WebexForbidden;
    add({
      id: `${id}:download`,
      title: `Aufnahmen laden (${who})`,
      status: 'fail',
      de: forbidden
        ? 'Aufnahmen können nicht geladen werden – Berechtigung spark:recordings_read fehlt'
        : `Aufnahmen nicht lesbar: ${(err as Error).message}`,
      en: forbidden ? 'missing spark:recordings_read' : 'recordings not readable',
      fix: 'Webex unter /webex neu verbinden und alle Berechtigungen erlauben.',
    });
  }
  // Dry run: deleting an id that cannot exist answers 404 when deleting is allowed, 403 when it is not.
  try {
    await deleteRecording(client, 'callbridge-doctor-dry-run');
    add({
      id: `${id}:delete`,
      title: `Aufnahmen löschen (${who})`,
      status: 'warn',
      de: 'unerwartete Antwort auf den Probe-Löschaufruf',
      en: 'unexpected answer to dry-run delete',
    });
  } catch (err) {
    if (err instanceof WebexNotFound) {
      add({
        id: `${id}:delete`,
        title: `Aufnahmen löschen (${who})`,
        status: 'ok',
        de: 'erlaubt (Probe ohne echte Aufnahme)',
        en: 'delete permitted (dry run)',
      });
    } else if (err instanceof WebexForbidden) {
      add({
        id: `${id}:delete`,
        title: `Aufnahmen löschen (${who})`,
        status: 'fail',
        de: 'Aufnahmen können nicht gelöscht werden (DSGVO) – Berechtigung spark:recordings_write fehlt',
        en: '403 on delete: missing spark:recordings_write',
        fix: 'Webex unter /webex neu verbinden und „spark:recordings_write“ erlauben.',
      });
    } else {
      add({
        id: `${id}:delete`,
        title: `Aufnahmen löschen (${who})`,
        status: 'warn',
        de: `Probe nicht möglich: ${(err as Error).message}`,
        en: 'dry-run delete not possible',
      });
    }
  }
}

async function intakeChecks(db: Kysely<DB>, add: (c: Check) => void) {
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

export function formatChecks(checks: Check[]): string {
  const icon: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✗', skip: '-' };
  return checks
    .map(
      (c) =>
        `${icon[c.status]} ${c.title}: ${c.de}${c.status !== 'ok' ? `\n    (${c.en})${c.fix ? `\n    → ${c.fix}` : ''}` : ''}`,
    )
    .join('\n');
}
