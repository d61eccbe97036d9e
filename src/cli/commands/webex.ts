import type { Command } from 'commander';
import { formatChecks, runDoctor } from '../../doctor/doctor.ts';
import { AppError } from '../../shared/errors.ts';
import { createLogger } from '../../shared/logger.ts';
import { formatDate, formatDateTime } from '../../web/format.ts';
import { connectionFindings } from '../../webex/connectionHealth.ts';
import { listConnections } from '../../webex/connectionStore.ts';
import { configureIntegration } from '../../webex/integrationSettings.ts';
import {
  inspectStoredSecrets,
  requireReadableSecrets,
  rotateKeys,
  secretKeyProblem,
} from '../../webex/keyRotation.ts';
import { generateKey, SecretBox } from '../../webex/secretBox.ts';
import type { WebexDeps } from '../../webex/webexContext.ts';
import { WebexTokens } from '../../webex/webexTokens.ts';
import { syncWebhooks, webhookStatusDe } from '../../webex/webhookSync.ts';
import { readSecret, table, withDatabase } from '../runtime.ts';

/**
 * `secrets`: the command opens stored tokens or secrets, so a key that cannot open them stops it up front
 * with what to do, rather than each Webex call failing on its own. `create`: see withDatabase.
 */
async function withWebex<T>(
  use: { secrets: boolean; create?: boolean },
  fn: (deps: WebexDeps, tokens: WebexTokens) => Promise<T>,
): Promise<T> {
  return withDatabase(
    async (database, config) => {
      const deps: WebexDeps = {
        db: database.db,
        box: new SecretBox(config.encryptionKey, config.previousEncryptionKeys),
        config,
        log: createLogger({ level: 'warn' }),
      };
      if (use.secrets) await requireReadableSecrets(deps);
      return fn(deps, new WebexTokens(deps));
    },
    { create: use.create ?? false },
  );
}

export function registerWebex(program: Command) {
  const webex = program.command('webex').description('Webex-Verbindung: Integration, Verbindungen, Webhooks');
  webex
    .command('configure')
    .description(
      'Client-ID und Client-Secret der Webex-Integration speichern (Secret wird abgefragt, verschlüsselt gespeichert)',
    )
    .requiredOption('--client-id <id>', 'Client-ID von developer.webex.com')
    .action(async (o: { clientId: string }) => {
      const secret = await readSecret('Client-Secret: ');
      // Overwrites the integration, so it also repairs one sealed under a lost key.
      await withWebex({ secrets: false, create: true }, async (deps) => {
        await configureIntegration(deps, o.clientId, secret);
        const redirect = deps.config.publicUrl
          ? `${deps.config.publicUrl.replace(/\/+$/, '')}/oauth/webex/callback`
          : '<PUBLIC_URL>/oauth/webex/callback';
        process.stdout.write(
          `Integration gespeichert. Redirect-URI bei Webex: ${redirect}\nJetzt im Browser unter /webex „Mit Webex verbinden“ klicken.\n`,
        );
      });
    });
  webex
    .command('status')
    .description('Verbindungen mit Berechtigungen, Ablaufdatum und Warnungen')
    .option('--json', 'als JSON')
    .action(async (o: { json?: boolean }) => {
      await withWebex({ secrets: false }, async (deps) => {
        const conns = await listConnections(deps);
        const keyProblem = secretKeyProblem(await inspectStoredSecrets(deps), deps.box);
        const rows = conns.map((c) => ({
          wer: c.display_name,
          art: c.kind === 'org' ? 'Organisation' : 'Leitung',
          status: c.status === 'active' ? 'aktiv' : 'Neu verbinden nötig',
          gültig_bis: formatDate(c.refresh_expires_at),
          zuletzt_ok: formatDateTime(c.last_success_at),
          warnungen: connectionFindings(c, deps.config.tokenExpiryWarningDays).map((f) => f.text),
        }));
        if (o.json) return void process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        if (keyProblem) process.stdout.write(`! ${keyProblem.message}\n  → ${keyProblem.hint}\n`);
        if (rows.length === 0)
          return void process.stdout.write('Keine Webex-Verbindung. Im Browser unter /webex verbinden.\n');
        process.stdout.write(`${table(rows, ['wer', 'art', 'status', 'gültig_bis', 'zuletzt_ok'])}\n`);
        for (const r of rows) for (const w of r.warnungen) process.stdout.write(`! ${w}\n`);
      });
    });
  const hooks = webex.command('webhooks').description('Webhooks bei Webex');
  hooks
    .command('list')
    .description('Die von CallBridge registrierten Webhooks mit Status bei Webex')
    .action(async () => {
      await withWebex({ secrets: true }, async (deps, tokens) => {
        const rows: Record<string, unknown>[] = [];
        for (const c of await listConnections(deps)) {
          const stored = await deps.db
            .selectFrom('webex_webhooks')
            .selectAll()
            .where('connection_id', '=', c.id)
            .execute();
          let remote: { id: string; status?: string; targetUrl: string }[] = [];
          let error = '';
          try {
            remote = await tokens.clientFor(c.id).listAll('/webhooks', { max: 100 });
          } catch (err) {
            error = (err as Error).message;
          }
          for (const s of stored) {
            const r = remote.find((x) => x.id === s.id);
            rows.push({
              verbindung: c.display_name,
              ressource: s.resource,
              ziel: r?.targetUrl ?? s.target_url,
              status: error ? `unbekannt (${error})` : r ? webhookStatusDe(r.status) : 'fehlt bei Webex',
            });
          }
        }
        process.stdout.write(`${table(rows, ['verbindung', 'ressource', 'ziel', 'status'])}\n`);
      });
    });
  hooks
    .command('sync')
    .description(
      'Fehlende Webhooks anlegen, abweichende reparieren, inaktive reaktivieren, veraltete löschen',
    )
    .action(async () => {
      await withWebex({ secrets: true }, async (deps, tokens) => {
        let failed = false;
        for (const c of await listConnections(deps)) {
          if (c.status !== 'active') {
            process.stdout.write(`${c.display_name}: übersprungen (Neu verbinden nötig)\n`);
            continue;
          }
          try {
            const r = await syncWebhooks(deps, tokens, c);
            process.stdout.write(
              `${c.display_name}: ${r.actions.length ? r.actions.join('; ') : 'alles in Ordnung'}\n`,
            );
            for (const w of r.warnings) process.stdout.write(`! ${c.display_name}: ${w}\n`);
          } catch (err) {
            failed = true;
            process.stdout.write(`${c.display_name}: Fehler – ${(err as Error).message}\n`);
          }
        }
        if (failed) process.exitCode = 1;
      });
    });

  const keys = program.command('keys').description('Schlüssel für gespeicherte Geheimnisse (ENCRYPTION_KEY)');
  keys
    .command('generate')
    .description('Einen neuen zufälligen Schlüssel ausgeben (für ENCRYPTION_KEY)')
    .action(() => {
      process.stdout.write(`${generateKey()}\n`);
    });
  keys
    .command('rotate')
    .description(
      'Alle Geheimnisse unter dem aktuellen ENCRYPTION_KEY neu verschlüsseln (alte Schlüssel in PREVIOUS_ENCRYPTION_KEYS)',
    )
    .addHelpText(
      'after',
      `
Ablauf:
  1. callbridge keys generate                     → neuer Schlüssel
  2. ENCRYPTION_KEY=<neu> PREVIOUS_ENCRYPTION_KEYS=<alt> setzen (Dienst läuft damit weiter)
  3. callbridge keys rotate                       → alles unter <neu>
  4. PREVIOUS_ENCRYPTION_KEYS entfernen`,
    )
    .action(async () => {
      await withWebex({ secrets: true }, async (deps) => {
        if (!deps.box.configured)
          throw new AppError('encryption_key_missing', 'ENCRYPTION_KEY fehlt', {
            hint: 'ENCRYPTION_KEY auf den neuen Schlüssel setzen, den alten in PREVIOUS_ENCRYPTION_KEYS.',
          });
        const r = await rotateKeys(deps);
        process.stdout.write(
          `${r.resealed} Geheimnisse neu verschlüsselt, ${r.alreadyCurrent} waren schon unter dem aktuellen Schlüssel.\n`,
        );
      });
    });

  program
    .command('doctor')
    .description(
      'Prüft Konfiguration, Datenbank, Webex-Verbindung, Berechtigungen, Webhooks und Aufnahmen; sagt, was zu tun ist',
    )
    .option('--json', 'Ergebnis als JSON')
    .action(async (o: { json?: boolean }) => {
      const checks = await runDoctor(process.env);
      process.stdout.write(
        o.json
          ? `${JSON.stringify({ ok: !checks.some((c) => c.status === 'fail'), checks }, null, 2)}\n`
          : `${formatChecks(checks)}\n`,
      );
      if (checks.some((c) => c.status === 'fail')) process.exitCode = 1;
    });
}
