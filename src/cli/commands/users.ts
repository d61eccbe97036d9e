import type { Command } from 'commander';
import { liftLockout } from '../../auth/loginThrottle.ts';
import {
  addUser,
  assertUserCanBeAdded,
  findUser,
  linkWebexPerson,
  listUsers,
  setDisabled,
  setPassword,
} from '../../auth/userAccounts.ts';
import { ValidationError } from '../../shared/errors.ts';
import { readSecret, table, withDatabase } from '../runtime.ts';

export function registerUsers(program: Command) {
  const users = program.command('users').description('Benutzer verwalten (Anmeldung, Rolle, Webex-Person)');
  users
    .command('add <benutzername>')
    .description('Benutzer anlegen; das Passwort wird abgefragt (oder eine Zeile von stdin)')
    .option('--name <displayName>', 'Anzeigename')
    .option('--admin', 'Administrator (sieht alle Anrufe)')
    .option('--webex-person <personId>', 'Webex-Person-ID der Leitung dieses Benutzers')
    .action(async (username: string, o: { name?: string; admin?: boolean; webexPerson?: string }) => {
      await withDatabase(
        async ({ db }) => {
          // Checked first: nobody should type a password only to learn the name was taken.
          await assertUserCanBeAdded(db, { username, webexPersonId: o.webexPerson ?? null });
          const password = await readSecret('Passwort: ');
          const u = await addUser(db, {
            username,
            password,
            ...(o.name ? { displayName: o.name } : {}),
            role: o.admin ? 'admin' : 'recruiter',
            webexPersonId: o.webexPerson ?? null,
          });
          process.stdout.write(
            `Benutzer ${u.username} angelegt (${u.role === 'admin' ? 'Admin' : 'Recruiter'}).\n`,
          );
        },
        { create: true },
      );
    });
  users
    .command('list')
    .description('Benutzer auflisten')
    .option('--json', 'als JSON')
    .action(async (o: { json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const list = await listUsers(db);
        if (o.json) return void process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        process.stdout.write(
          `${table(
            list.map((u) => ({
              benutzer: u.username,
              name: u.display_name,
              rolle: u.role === 'admin' ? 'Admin' : 'Recruiter',
              status: u.disabled ? 'gesperrt' : 'aktiv',
              leitung: u.webex_person_id ? `${u.webex_person_id.slice(0, 16)}…` : 'nicht verbunden',
            })),
            ['benutzer', 'name', 'rolle', 'status', 'leitung'],
          )}\n`,
        );
      });
    });
  users
    .command('passwd <benutzername>')
    .description('Passwort setzen (meldet alle Sitzungen des Benutzers ab)')
    .action(async (username: string) => {
      const password = await readSecret('Neues Passwort: ');
      await withDatabase(async ({ db }) => {
        await setPassword(db, username, password);
        process.stdout.write(`Passwort von ${username} geändert.\n`);
      });
    });
  users
    .command('disable <benutzername>')
    .description('Benutzer sperren (meldet ab)')
    .action(async (username: string) => {
      await withDatabase(async ({ db }) => {
        await setDisabled(db, username, true);
        process.stdout.write(`${username} gesperrt.\n`);
      });
    });
  users
    .command('enable <benutzername>')
    .description('Benutzer entsperren')
    .action(async (username: string) => {
      await withDatabase(async ({ db }) => {
        await setDisabled(db, username, false);
        process.stdout.write(`${username} entsperrt.\n`);
      });
    });
  users
    .command('link <benutzername> [person-id]')
    .description('Webex-Person-ID mit dem Benutzer verknüpfen (ohne ID: Verknüpfung lösen)')
    .action(async (username: string, personId?: string) => {
      await withDatabase(async ({ db }) => {
        await linkWebexPerson(db, username, personId ?? null);
        process.stdout.write(
          personId
            ? `${username} ist mit der Webex-Person verknüpft.\n`
            : `Verknüpfung von ${username} gelöst.\n`,
        );
      });
    });
  users
    .command('unlock')
    .argument('[benutzername]', 'Anmeldename wie in `callbridge users list`')
    .description(
      'Anmeldesperre nach zu vielen Fehlversuchen sofort aufheben (für den Benutzer und/oder eine Adresse)',
    )
    .option(
      '--address <adresse>',
      'auch die Sperre dieser Client-Adresse aufheben (Anmeldung und API-Schlüssel)',
    )
    .addHelpText(
      'after',
      `
Beispiele:
  callbridge users unlock milad
  callbridge users unlock --address 203.0.113.7
  callbridge users unlock milad --address 203.0.113.7`,
    )
    .action(async (username: string | undefined, o: { address?: string }) => {
      if (!username && !o.address)
        throw new ValidationError(
          'Benutzername oder --address fehlt',
          undefined,
          'z. B. `callbridge users unlock milad` oder `callbridge users unlock --address 203.0.113.7`',
        );
      await withDatabase(async ({ db }) => {
        // A mistyped name would otherwise report "no lock" and leave the real user locked out.
        const user = username ? (await findUser(db, username)).username : undefined;
        const n = await liftLockout(db, {
          ...(user ? { username: user } : {}),
          ...(o.address ? { address: o.address } : {}),
        });
        const what = [user, o.address].filter(Boolean).join(' und ');
        process.stdout.write(
          n > 0
            ? `Sperre für ${what} aufgehoben.\n`
            : `Für ${what} bestand keine Sperre und kein Fehlversuch.\n`,
        );
      });
    });
}
