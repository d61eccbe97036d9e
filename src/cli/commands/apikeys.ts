import type { Command } from 'commander';
import { createApiKey, listApiKeys, revokeApiKey } from '../../auth/apiKeys.ts';
import { formatDateTime } from '../../web/format.ts';
import { table, withDatabase } from '../runtime.ts';

export function registerApiKeys(program: Command) {
  const keys = program
    .command('apikeys')
    .description('API-Schlüssel für die Kompatibilitäts-Endpunkte (X-API-Key)');
  keys
    .command('create <name>')
    .description('Schlüssel anlegen; er wird genau einmal angezeigt')
    .action(async (name: string) => {
      await withDatabase(
        async ({ db }) => {
          const { key } = await createApiKey(db, name);
          process.stdout.write(`${key}\n`);
          process.stderr.write(
            'Diesen Schlüssel jetzt sicher ablegen: CallBridge speichert nur seinen Hash.\n',
          );
        },
        { create: true },
      );
    });
  keys
    .command('list')
    .description('Schlüssel auflisten (ohne die Schlüssel selbst)')
    .action(async () => {
      await withDatabase(async ({ db }) => {
        const rows = await listApiKeys(db);
        process.stdout.write(
          `${table(
            rows.map((r) => ({
              name: r.name,
              präfix: r.prefix,
              status: r.revoked_at ? 'widerrufen' : 'aktiv',
              angelegt: formatDateTime(r.created_at),
              zuletzt_benutzt: r.last_used_at ? formatDateTime(r.last_used_at) : '–',
            })),
            ['name', 'präfix', 'status', 'angelegt', 'zuletzt_benutzt'],
          )}\n`,
        );
      });
    });
  keys
    .command('revoke <nameOrPrefix>')
    .description('Schlüssel widerrufen (Name, Präfix oder ID)')
    .action(async (id: string) => {
      await withDatabase(async ({ db }) => {
        const revoked = await revokeApiKey(db, id);
        process.stdout.write(`Schlüssel „${revoked.name}“ (${revoked.prefix}…) widerrufen.\n`);
      });
    });
}
