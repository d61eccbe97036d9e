import type { Command } from 'commander';
import { openDatabase } from '../../db/database.ts';
import { copyData } from '../../db/dataCopier.ts';
import { backupSqlite } from '../../db/sqliteBackup.ts';
import { AppError } from '../../shared/errors.ts';
import { cliConfig, table } from '../runtime.ts';

export function registerData(program: Command) {
  program
    .command('backup <file>')
    .description('SQLite-Datenbank im laufenden Betrieb sichern (Online-Backup, mit Integritätsprüfung)')
    .action(async (file: string) => {
      const config = cliConfig();
      // Progress redrawn in place only makes sense on a terminal; in a log it would be one run-on line.
      const live = process.stderr.isTTY === true;
      const { pages } = await backupSqlite(
        config.databaseUrl,
        file,
        live ? (pct) => process.stderr.write(`\rSichere… ${pct} %`) : undefined,
      );
      if (live) process.stderr.write('\n');
      process.stdout.write(`Gesichert nach ${file} (${pages} Seiten, Integrität geprüft).\n`);
    });
  program
    .command('migrate-data')
    .description(
      'Alle Daten von einer Datenbank in eine leere andere kopieren (z. B. SQLite → PostgreSQL), mit Prüfsummen',
    )
    .requiredOption('--from <url>', 'Quelle, z. B. sqlite:./data/callbridge.db')
    .requiredOption('--to <url>', 'Ziel, z. B. postgres://user@host/callbridge (leer)')
    .action(async (o: { from: string; to: string }) => {
      // The target may be a new SQLite file; a source that does not exist is a mistyped --from.
      const source = openDatabase(o.from, { poolSize: 2, mustExist: true });
      const target = openDatabase(o.to, { poolSize: 2 });
      try {
        const reports = await copyData(source, target, (m) => process.stderr.write(`${m}\n`));
        process.stdout.write(
          `${table(
            reports.map((r) => ({
              tabelle: r.table,
              zeilen: r.rows,
              prüfsumme_quelle: r.sourceChecksum,
              prüfsumme_ziel: r.targetChecksum,
              status: r.ok ? 'ok' : 'ABWEICHUNG',
            })),
            ['tabelle', 'zeilen', 'prüfsumme_quelle', 'prüfsumme_ziel', 'status'],
          )}\n`,
        );
        const bad = reports.filter((r) => !r.ok);
        if (bad.length) {
          throw new AppError(
            'migration_mismatch',
            `Prüfsummen weichen ab: ${bad.map((b) => b.table).join(', ')}`,
            {
              hint: 'Nicht umstellen; die Zieldatenbank löschen und erneut ausführen.',
            },
          );
        }
        process.stdout.write(
          `Alle ${reports.length} Tabellen kopiert und geprüft (${source.describe} → ${target.describe}).\n`,
        );
      } finally {
        await Promise.all([source.close(), target.close()]);
      }
    });
}
