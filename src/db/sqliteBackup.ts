import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { AppError } from '../shared/errors.ts';
import { ensurePrivateFile } from '../shared/privateFiles.ts';

/**
 * A consistent copy of a live SQLite database using SQLite's online backup API: the service keeps
 * running and writing while the copy is made, and the copy is a complete, openable database.
 */
export async function backupSqlite(
  databaseUrl: string,
  destination: string,
  onProgress?: (pct: number) => void,
): Promise<{ pages: number }> {
  if (!databaseUrl.startsWith('sqlite:')) {
    throw new AppError('backup_unsupported', 'callbridge backup sichert SQLite-Datenbanken', {
      hint: 'Für PostgreSQL pg_dump verwenden (siehe docs/deploy.md).',
    });
  }
  const source = resolve(databaseUrl.slice('sqlite:'.length));
  if (!existsSync(source)) throw new AppError('backup_source_missing', `Datenbank ${source} gibt es nicht`);
  const dest = resolve(destination);
  if (existsSync(dest)) throw new AppError('backup_exists', `${dest} existiert schon; nichts überschrieben`);
  // A copy of everything: created readable by its owner only, like the database itself.
  ensurePrivateFile(dest);
  const db = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
  try {
    let pages = 0;
    try {
      await db.backup(dest, {
        progress: ({ totalPages, remainingPages }) => {
          pages = totalPages;
          onProgress?.(totalPages ? Math.round(((totalPages - remainingPages) / totalPages) * 100) : 100);
          return 200;
        },
      });
    } catch (err) {
      // Not a half-written copy (nor the empty file made for it) that a retry would refuse to overwrite.
      rmSync(dest, { force: true });
      throw err;
    }
    onProgress?.(100);
    const check = new SqliteDatabase(dest, { readonly: true });
    try {
      const result = check.pragma('integrity_check', { simple: true });
      if (result !== 'ok') throw new AppError('backup_corrupt', `Sicherung fehlerhaft: ${String(result)}`);
    } finally {
      check.close();
    }
    return { pages };
  } finally {
    db.close();
  }
}
