import { closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

/**
 * Files holding personal data or secrets (the SQLite database and its -wal/-shm, audio between download
 * and transcript, backups, keys) are created readable by their owner only, whatever the umask.
 */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates the directory (and parents) as 0700; an existing one is left as it is (doctor warns). */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Creates an empty file as 0600 if it does not exist; SQLite then gives -wal and -shm the same mode. */
export function ensurePrivateFile(path: string): void {
  if (existsSync(path)) return;
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
}

/** The permission bits of a path others (group or world) have, or null if it does not exist. */
export function othersAccess(path: string): { mode: string; others: number } | null {
  try {
    const mode = statSync(path).mode & 0o777;
    return { mode: mode.toString(8).padStart(4, '0'), others: mode & 0o077 };
  } catch {
    return null;
  }
}
