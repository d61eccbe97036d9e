import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config/config.ts';
import { othersAccess } from '../shared/privateFiles.ts';
import type { Check } from './check.ts';

/**
 * Files with personal data or secrets that other users of the machine can read: the SQLite database
 * with its -wal and -shm (a WAL holds the latest changes in full), its directory, the audio directory,
 * the config file (it may hold ENCRYPTION_KEY) and the demo key. CallBridge creates them 0600/0700;
 * older installations, copies and backups restored by hand may not be.
 */
export function filePermissionCheck(config: Config, env: Record<string, string | undefined>): Check {
  if (process.platform === 'win32') {
    return {
      id: 'file_permissions',
      title: 'Dateirechte',
      status: 'skip',
      de: 'unter Windows nicht geprüft',
      en: 'not checked on Windows',
    };
  }
  const files: string[] = [];
  const dirs: string[] = [];
  if (config.databaseUrl.startsWith('sqlite:') && config.databaseUrl !== 'sqlite::memory:') {
    const db = resolve(config.databaseUrl.slice('sqlite:'.length));
    files.push(db, `${db}-wal`, `${db}-shm`, `${db}-journal`, join(dirname(db), 'demo.key'));
    dirs.push(dirname(db));
  }
  dirs.push(resolve(config.recordingTmpDir));
  const configFile = env['CALLBRIDGE_CONFIG'];
  if (configFile) files.push(resolve(configFile));

  const open: string[] = [];
  for (const path of [...files, ...dirs]) {
    if (!existsSync(path)) continue;
    const access = othersAccess(path);
    if (access && access.others !== 0) open.push(`${path} (${access.mode})`);
  }
  if (open.length === 0) {
    return {
      id: 'file_permissions',
      title: 'Dateirechte',
      status: 'ok',
      de: 'Datenbank, Schlüssel und Audio nur für den Besitzer lesbar',
      en: 'database, keys and audio readable by their owner only',
    };
  }
  const openFiles = open.filter((o) => files.some((f) => o.startsWith(`${f} `)));
  const openDirs = open.filter((o) => !openFiles.includes(o));
  const name = (o: string) => o.slice(0, o.lastIndexOf(' ('));
  return {
    id: 'file_permissions',
    title: 'Dateirechte',
    status: 'warn',
    de: `für andere Benutzer lesbar: ${open.join(', ')}`,
    en: 'files with personal data or secrets are readable by other users',
    fix: [
      openFiles.length ? `chmod 600 ${openFiles.map(name).join(' ')}` : '',
      openDirs.length ? `chmod 700 ${openDirs.map(name).join(' ')}` : '',
    ]
      .filter(Boolean)
      .join(' && '),
  };
}
