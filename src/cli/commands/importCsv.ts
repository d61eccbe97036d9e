import type { Command } from 'commander';
import { importCsv } from '../../crm/csvImporter.ts';
import { recordLabel } from '../../crm/numberOwners.ts';
import { formatNumber } from '../../phone/phoneNumber.ts';
import { AppError } from '../../shared/errors.ts';
import { readInputFile, withDatabase } from '../runtime.ts';

export function registerImport(program: Command) {
  program
    .command('import <kind> <file>')
    .description(
      'Leads oder Kandidaten aus CSV importieren (kind: leads | candidates). Mit fehlerhaften Zeilen wird nichts importiert.',
    )
    .option('--skip-invalid', 'fehlerhafte Zeilen überspringen und den Rest importieren')
    .option(
      '--merge',
      'eine Zeile mit Nummer und Name (Leads: Firma) eines bestehenden Datensatzes in diesen übernehmen, statt einen zweiten anzulegen',
    )
    .addHelpText(
      'after',
      `
Spalten (Kopfzeile, Trennzeichen , ; oder Tab):
  leads:      firma*, ansprechpartner, email, stadt, notizen, telefon (auch telefon2, mobil, …)
  candidates: vorname* + nachname* (oder name*), email, position, status, stadt, notizen, telefon, mobil
Mehrere Nummern in einer Zelle mit | oder ; trennen.`,
    )
    .action(async (kind: string, file: string, o: { skipInvalid?: boolean; merge?: boolean }) => {
      if (kind !== 'leads' && kind !== 'candidates') {
        throw new AppError('invalid_input', `Unbekannte Art "${kind}"`, {
          hint: '`leads` oder `candidates` angeben.',
        });
      }
      const text = await readInputFile(file);
      await withDatabase(
        async ({ db }, config) => {
          const r = await importCsv(
            db,
            { defaultRegion: config.defaultRegion, minDigits: config.minNumberDigits },
            kind,
            text,
            {
              skipInvalid: o.skipInvalid ?? false,
              merge: o.merge ?? false,
            },
          );
          process.stdout.write(
            `${r.imported} von ${r.rows} Zeilen importiert${r.merged ? `, ${r.merged} in bestehende Datensätze übernommen` : ''}${r.skipped ? `, ${r.skipped} übersprungen` : ''}.\n`,
          );
          for (const d of r.duplicates)
            process.stdout.write(
              `  ${d.action === 'merged' ? 'übernommen' : 'doppelte Nummer'}: Zeile ${d.line}: ${formatNumber(d.e164)} ${d.action === 'merged' ? 'in' : 'gehört schon zu'} ${recordLabel(d.existing)}${d.action === 'created' ? ' (trotzdem angelegt; --merge übernimmt Zeilen mit gleichem Namen)' : ''}\n`,
            );
          for (const e of r.errors)
            process.stdout.write(
              `  übersprungen: Zeile ${e.line}${e.column ? `, Spalte ${e.column}` : ''}: ${e.reason}\n`,
            );
        },
        { create: true },
      );
    });
}
