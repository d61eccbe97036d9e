import type { Command } from 'commander';
import { withDatabase } from '../runtime.ts';

export function registerMigrate(program: Command) {
  program
    .command('migrate')
    .description('Datenbankschema auf den neuesten Stand bringen (serve tut das beim Start auch)')
    .action(async () => {
      await withDatabase(
        async (database) => {
          process.stdout.write(`Schema aktuell (${database.describe}).\n`);
        },
        { create: true },
      );
    });
}
