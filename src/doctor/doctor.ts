import { type Config, loadConfig } from '../config/config.ts';
import { type Database, openDatabase, pendingMigrations, ping } from '../db/database.ts';
import { privacyChecks } from '../privacy/privacyHealth.ts';
import { recordingPipelineCheck } from '../recordings/recordingHealth.ts';
import { AppError } from '../shared/errors.ts';
import type { Check, CheckStatus } from './check.ts';
import { intakeChecks } from './checks/intake.ts';
import { providerChecks } from './checks/providers.ts';
import { webexChecks } from './checks/webex.ts';
import { filePermissionCheck } from './filePermissions.ts';

export type { Check, CheckStatus } from './check.ts';

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

export function formatChecks(checks: Check[]): string {
  const icon: Record<CheckStatus, string> = { ok: '✓', warn: '!', fail: '✗', skip: '-' };
  return checks
    .map(
      (c) =>
        `${icon[c.status]} ${c.title}: ${c.de}${c.status !== 'ok' ? `\n    (${c.en})${c.fix ? `\n    → ${c.fix}` : ''}` : ''}`,
    )
    .join('\n');
}
