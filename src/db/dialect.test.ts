import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { dialectOf, forUpdate, forUpdateSkipLocked, germanSortKey } from './dialect.ts';
import type { DB } from './schema.ts';

// Only compiled, never run: neither database is connected to.
const sqlite = new Kysely<DB>({ dialect: new SqliteDialect({ database: {} as never }) });
const postgres = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool() }) });
const select = (db: Kysely<DB>) => db.selectFrom('calls').select('id').where('id', '=', 'x');

describe('dialect helpers', () => {
  it('tell the backend from the connection', () => {
    expect(dialectOf(sqlite)).toBe('sqlite');
    expect(dialectOf(postgres)).toBe('postgres');
  });

  it('lock rows on PostgreSQL only', () => {
    expect(forUpdate(postgres, select(postgres)).compile().sql).toMatch(/for update$/);
    expect(forUpdate(sqlite, select(sqlite)).compile().sql).not.toContain('for update');
    expect(forUpdateSkipLocked(postgres).compile(postgres).sql).toBe('for update skip locked');
    expect(forUpdateSkipLocked(sqlite).compile(sqlite).sql).toBe('');
  });
});

describe('germanSortKey', () => {
  it('files umlauts and accents under their letter and ß as ss, ignoring case', () => {
    expect(
      ['Zabel', 'Özkan', 'adler', 'Oberland', 'Ärztehaus', 'Straße', 'Strasser', 'Éclair'].sort((a, b) =>
        germanSortKey(a) < germanSortKey(b) ? -1 : 1,
      ),
    ).toEqual(['adler', 'Ärztehaus', 'Éclair', 'Oberland', 'Özkan', 'Straße', 'Strasser', 'Zabel']);
  });
});
