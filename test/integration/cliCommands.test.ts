import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRecordingRow } from '../../src/recordings/recordingRow.ts';
import { cli } from '../support/cli.ts';
import { type MigratedTestDb, openMigratedTestDb } from '../support/testDatabase.ts';

/** Everyday CLI commands: what they ask, which ids they take, which clock they show. */
describe('CLI commands', () => {
  let db: MigratedTestDb;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await openMigratedTestDb({ poolSize: 1 });
    env = { DATABASE_URL: db.url };
    const now = new Date().toISOString();
    const rec = (id: string, webexId: string) =>
      newRecordingRow(
        {
          id,
          webex_recording_id: webexId,
          step: 'done',
          status: 'done',
          attempts: 1,
          deleted_at_webex: '2026-07-01T10:00:00.000Z',
          done_at: now,
        },
        now,
      );
    await db.db
      .insertInto('recordings')
      .values([rec('abcd1111-one', 'wx-1'), rec('abcd2222-two', 'wx-2'), rec('ffee3333-three', 'wx-3')])
      .execute();
    await db.db
      .insertInto('recording_audit')
      .values({
        recording_id: 'ffee3333-three',
        at: '2026-07-01T09:59:30.000Z',
        event: 'received',
        detail: null,
      })
      .execute();
  });
  afterAll(() => db?.dispose());

  it('`users add` says the name is taken before asking for a password', async () => {
    expect((await cli(['users', 'add', 'milad'], env, 'ein-gutes-passwort-1\n')).code).toBe(0);
    // No password on stdin: a prompt would read nothing and fail with a password complaint instead.
    const again = await cli(['users', 'add', 'milad'], env);
    expect(again.code).not.toBe(0);
    expect(again.out).toContain('Benutzer milad gibt es schon');
    expect(again.out).not.toMatch(/Passwort:/);
  });

  it("`users link` refuses a Webex person that is another user's line, saying how to free it", async () => {
    expect((await cli(['users', 'add', 'sabine'], env, 'noch-ein-passwort-2\n')).code).toBe(0);
    expect((await cli(['users', 'link', 'milad', 'person-1'], env)).code).toBe(0);
    const r = await cli(['users', 'link', 'sabine', 'person-1'], env);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain('Die Webex-Person ist schon die Leitung von milad');
    expect(r.out).toContain('callbridge users link milad');
    expect((await cli(['users', 'link', 'milad'], env)).code).toBe(0);
  });

  it('`users unlock` of a user that does not exist says so in German, names the users, exit 1', async () => {
    const r = await cli(['users', 'unlock', 'miald'], env);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Einen Benutzer „miald“ gibt es nicht');
    expect(r.out).toContain('Vorhandene Benutzer: milad, sabine');
    expect(r.out).toContain('callbridge users list');
    expect(r.out).not.toContain('aufgehoben');
    expect(r.out).not.toContain('bestand keine Sperre');
    // Also with an address: nothing is lifted on a mistyped name, the whole command is refused.
    expect((await cli(['users', 'unlock', 'miald', '--address', '203.0.113.7'], env)).code).toBe(1);
    const known = await cli(['users', 'unlock', 'MILAD'], env);
    expect(known).toMatchObject({ code: 0 });
    expect(known.out).toContain('Für milad bestand keine Sperre');
  });

  it('`users unlock --help` is German throughout', async () => {
    const r = await cli(['users', 'unlock', '--help'], env);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Aufruf: callbridge users unlock [optionen] [benutzername]');
    expect(r.out).toContain('--address <adresse>');
    expect(r.out).toContain('Argumente:');
    expect(r.out).toContain('callbridge users unlock milad');
    expect(r.out).not.toMatch(/username|<ip>|Usage|Options|Arguments/);
  });

  it('`recordings show` takes a unique id prefix, refuses an ambiguous one in German, shows Berlin time', async () => {
    const one = await cli(['recordings', 'show', 'ffee'], env);
    expect(one.code).toBe(0);
    expect(one.out).toContain('Aufnahme ffee3333-three (Webex wx-3)');
    // 09:59:30 UTC in July is 11:59:30 in Berlin (CEST).
    expect(one.out).toContain('01.07.26, 11:59:30  eingegangen');
    expect(one.out).toContain('Schritt: Fertig, Status: fertig');
    expect(one.out).toContain('Bei Webex gelöscht: 01.07.26, 12:00:00');

    const both = await cli(['recordings', 'show', 'abcd'], env);
    expect(both.code).not.toBe(0);
    expect(both.out).toContain('„abcd“ passt auf mehrere Aufnahmen: ');
    expect(both.out).toMatch(/abcd1111-one/);
    expect(both.out).toMatch(/abcd2222-two/);
    expect(both.out).toContain('Mehr Zeichen der ID angeben.');

    const none = await cli(['recordings', 'show', 'zzzz'], env);
    expect(none.code).not.toBe(0);
    expect(none.out).toContain('Aufnahme zzzz nicht gefunden');
  });

  it('`webex status` shows its times in Berlin time', async () => {
    const now = new Date().toISOString();
    const milad = await db.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'milad')
      .executeTakeFirstOrThrow();
    await db.db
      .insertInto('webex_connections')
      .values({
        id: 'c1',
        kind: 'user',
        user_id: milad.id,
        person_id: 'p',
        display_name: 'Milad',
        email: null,
        org_id: null,
        scopes: 'spark:calls_read spark:recordings_read spark:recordings_write spark:people_read',
        access_token_enc: 'x',
        access_expires_at: now,
        refresh_token_enc: 'x',
        refresh_expires_at: '2099-01-01T23:30:00.000Z',
        status: 'active',
        status_reason: null,
        last_refresh_at: now,
        last_success_at: '2026-01-15T23:30:00.000Z',
        created_at: now,
        updated_at: now,
      })
      .execute();
    const r = await cli(['webex', 'status'], env);
    expect(r.code).toBe(0);
    // 23:30 UTC in winter is 00:30 the next day in Berlin.
    expect(r.out).toContain('16.01.26, 00:30');
    expect(r.out).toContain('02.01.2099');
    expect(r.out).toContain('aktiv');
  });
});
