import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/db/database.ts';
import { backupSqlite } from '../../src/db/sqliteBackup.ts';
import { runDoctor } from '../../src/doctor/doctor.ts';

const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);

/** The SQLite file, its WAL and shared memory, backups and their directory are private to the owner. */
describe.skipIf(process.platform === 'win32')('file permissions', () => {
  let dir: string;
  let dbFile: string;
  let previousUmask: number;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-perm-'));
    dbFile = join(dir, 'data', 'callbridge.db');
    // The most permissive umask: the modes must come from CallBridge, not from the environment.
    previousUmask = process.umask(0);
  });
  afterAll(() => {
    process.umask(previousUmask);
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the database, -wal and -shm as 0600 and the data directory as 0700', async () => {
    const database = openDatabase(`sqlite:${dbFile}`);
    try {
      await migrateToLatest(database);
      expect(existsSync(`${dbFile}-wal`)).toBe(true);
      expect(mode(dbFile)).toBe('600');
      expect(mode(`${dbFile}-wal`)).toBe('600');
      expect(mode(`${dbFile}-shm`)).toBe('600');
      expect(mode(join(dir, 'data'))).toBe('700');
      const copy = join(dir, 'backup.db');
      await backupSqlite(`sqlite:${dbFile}`, copy);
      expect(mode(copy)).toBe('600');
    } finally {
      await database.close();
    }
  });

  it('doctor warns in German when the database or its directory is readable by others', async () => {
    const env = {
      DATABASE_URL: `sqlite:${dbFile}`,
      RECORDING_TMP_DIR: join(dir, 'tmp'),
      LOG_LEVEL: 'silent',
    };
    const check = async () => (await runDoctor(env)).find((c) => c.id === 'file_permissions')!;
    expect(await check()).toMatchObject({ status: 'ok' });

    chmodSync(dbFile, 0o644);
    chmodSync(join(dir, 'data'), 0o755);
    const warned = await check();
    expect(warned.status).toBe('warn');
    expect(warned.de).toContain('für andere Benutzer lesbar');
    expect(warned.de).toContain(`${dbFile} (0644)`);
    // Doctor's own look at the database made a -wal/-shm with the database's (now open) mode: named too.
    expect(warned.fix).toMatch(
      /^chmod 600 \S+callbridge\.db( \S+callbridge\.db-(wal|shm))* && chmod 700 \S+data$/,
    );
    expect(warned.fix).toContain(`chmod 700 ${join(dir, 'data')}`);

    for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
    chmodSync(join(dir, 'data'), 0o700);
    expect(await check()).toMatchObject({ status: 'ok' });
  });
});
