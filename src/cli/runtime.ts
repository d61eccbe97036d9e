import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline/promises';
import { type Config, loadConfig } from '../config/config.ts';
import { type Database, migrateToLatest, openDatabase } from '../db/database.ts';
import { ProviderUnavailable } from '../providers/providerErrors.ts';
import { AppError, ConfigError } from '../shared/errors.ts';

/** Config for CLI commands, read once from the environment (and CALLBRIDGE_CONFIG). */
export function cliConfig(overrides: Partial<Config> = {}): Config {
  return loadConfig({ env: process.env, overrides });
}

export interface DatabaseUse {
  /**
   * The command adds data (users add, import, …), so it may start a new SQLite database. Commands that
   * read or change existing data refuse a file that does not exist: there a new, empty database can
   * only come from a mistyped DATABASE_URL, and would hide it.
   */
  create?: boolean;
}

/** Opens and migrates the configured database for one command, and always closes it. */
export async function withDatabase<T>(
  fn: (database: Database, config: Config) => Promise<T>,
  use: DatabaseUse = {},
): Promise<T> {
  const config = cliConfig();
  const database = openDatabase(config.databaseUrl, { poolSize: 2, mustExist: !use.create });
  try {
    await migrateToLatest(database);
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

/** A file a command was given, as UTF-8 text; one that cannot be read is a German error naming it. */
export async function readInputFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new AppError(
      'file_unreadable',
      `Datei ${file} kann nicht gelesen werden: ${(err as Error).message}`,
    );
  }
}

/** Reads a secret from the terminal without echoing it, or one line from piped stdin. */
export async function readSecret(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write(prompt);
  out._writeToOutput = () => {};
  try {
    return await rl.question('');
  } finally {
    rl.close();
    process.stdout.write('\n');
  }
}

export function printError(err: unknown): number {
  if (err instanceof AppError) {
    process.stderr.write(`Fehler: ${err.message}\n`);
    if (Array.isArray(err.details) && err.details.length && typeof err.details[0] === 'object') {
      for (const d of err.details as { line?: number; column?: string; reason?: string }[]) {
        if (d.line !== undefined)
          process.stderr.write(`  Zeile ${d.line}${d.column ? `, Spalte ${d.column}` : ''}: ${d.reason}\n`);
      }
    }
    if (err.hint) process.stderr.write(`→ ${err.hint}\n`);
    return err instanceof ConfigError ? 2 : 1;
  }
  // Not an AppError, so the recording pipeline retries it; here it is a plain message, not a crash.
  if (err instanceof ProviderUnavailable) {
    process.stderr.write(`Fehler: ${err.message}\n`);
    const p = err.setting;
    process.stderr.write(
      p
        ? `→ ${p}_BASE_URL prüfen (Adresse des Dienstes, ${p}_PROVIDER) und ob dieser Rechner ihn erreicht; antwortet er mit 429 oder 5xx, später erneut versuchen.\n`
        : '→ Adresse des Dienstes (…_BASE_URL) und die Netzwerkverbindung prüfen, später erneut versuchen.\n',
    );
    return 1;
  }
  process.stderr.write(`Unerwarteter Fehler: ${(err as Error).stack ?? String(err)}\n`);
  return 1;
}

/**
 * A reader that went away (`callbridge … | head -1`) makes writes fail with EPIPE. Without a listener
 * that error would crash the process; a command's output simply has nowhere to go any more.
 */
export function tolerateClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
    });
  }
}

export function table(rows: Record<string, unknown>[], columns: string[]): string {
  if (rows.length === 0) return '(keine Einträge)';
  const cells = rows.map((r) => columns.map((c) => String(r[c] ?? '–')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (vals: string[]) =>
    vals
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
