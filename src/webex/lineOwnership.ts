import type { Kysely } from 'kysely';
import type { DB, User, WebexConnection } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { PersonMe } from './connectionStore.ts';

/**
 * A Webex person is one recruiter's line: their calls pop up for the user linked to it. Connecting
 * Webex as a person who is already someone else's line would silently move that line (issue 12); it is
 * refused, and an admin is asked instead (take over, or connect the organisation without a line).
 */

export interface LineOwner {
  id: string;
  username: string;
  displayName: string;
}

export interface LineTakenDetails {
  person: { id: string; displayName: string; email: string | null };
  owner: { username: string; displayName: string };
  viewer: { username: string; displayName: string; isAdmin: boolean };
}

const userLabel = (u: { username: string; displayName: string }) =>
  u.displayName && u.displayName !== u.username ? `${u.displayName} (${u.username})` : u.username;

/** The Webex person is another user's line; nothing was changed. `details` lets the page offer choices. */
export class LineTaken extends AppError {
  readonly line: LineTakenDetails;
  constructor(line: LineTakenDetails) {
    const person = line.person.email
      ? `${line.person.displayName} (${line.person.email})`
      : line.person.displayName;
    super(
      'webex_person_taken',
      `Die Webex-Person ${person} ist schon die Leitung von ${userLabel(line.owner)}. Angemeldet sind Sie als ${userLabel(line.viewer)}; es wurde nichts geändert.`,
      {
        status: 409,
        hint: line.viewer.isAdmin
          ? `Stattdessen „Organisation verbinden“ wählen (Aufnahmen und Webhooks ohne Leitung) oder die Leitung von ${line.owner.username} ausdrücklich übernehmen.`
          : `Bei Webex mit Ihrer eigenen Anmeldung verbinden; nur ein Admin kann eine Leitung einem anderen Benutzer geben.`,
        details: line,
      },
    );
    this.name = 'LineTaken';
    this.line = line;
  }
}

export async function lineOwnerOf(db: Kysely<DB>, personId: string): Promise<LineOwner | null> {
  const u = await db
    .selectFrom('users')
    .select(['id', 'username', 'display_name'])
    .where('webex_person_id', '=', personId)
    .executeTakeFirst();
  return u ? { id: u.id, username: u.username, displayName: u.display_name } : null;
}

/**
 * Before a personal connection is saved: the person must be nobody else's line, unless an admin
 * confirmed taking it over for exactly this person. Returns the user whose line is taken over, if any.
 */
export async function assertLineFree(
  db: Kysely<DB>,
  input: { userId: string; me: PersonMe; takeoverPersonId: string | null },
): Promise<LineOwner | null> {
  const owner = await lineOwnerOf(db, input.me.id);
  if (!owner || owner.id === input.userId) return null;
  const viewer = await db
    .selectFrom('users')
    .select(['username', 'display_name', 'role'])
    .where('id', '=', input.userId)
    .executeTakeFirstOrThrow();
  const isAdmin = viewer.role === 'admin';
  if (isAdmin && input.takeoverPersonId === input.me.id) return owner;
  throw new LineTaken({
    person: {
      id: input.me.id,
      displayName: input.me.displayName ?? input.me.emails?.[0] ?? 'Unbekannt',
      email: input.me.emails?.[0] ?? null,
    },
    owner: { username: owner.username, displayName: owner.displayName },
    viewer: { username: viewer.username, displayName: viewer.display_name, isAdmin },
  });
}

export interface LineFinding {
  level: 'error' | 'warning';
  code: 'line_unlinked' | 'line_not_delivered';
  text: string;
  fix: string;
}

/**
 * Whether a recruiter's calls reach CallBridge: a Webex person must be linked to them, and an active
 * connection must deliver that person's calls (their own line's connection, or the organisation's).
 * Admins see every call, so they have no line to warn about.
 */
export function lineFindings(
  user: User,
  connections: WebexConnection[],
  opts: { handMadeWebhooks: boolean },
): LineFinding[] {
  if (user.role !== 'recruiter') return [];
  if (!user.webex_person_id) {
    return [
      {
        level: 'error',
        code: 'line_unlinked',
        text: 'Ihre Webex-Leitung ist nicht verbunden: Anrufe auf Ihrer Nummer erscheinen hier nicht als Pop-up.',
        fix: 'Auf der Webex-Seite „Mit Webex verbinden“ klicken und bei Webex mit Ihrer eigenen Anmeldung zustimmen.',
      },
    ];
  }
  const delivering = connections.some(
    (c) =>
      c.status === 'active' &&
      (c.kind === 'org' || (c.kind === 'user' && c.person_id === user.webex_person_id)),
  );
  // A connection of their own that needs reconnecting is already a finding of its own (connectionHealth).
  const own = connections.some((c) => c.kind === 'user' && c.person_id === user.webex_person_id);
  // With WEBEX_WEBHOOK_SECRET, webhooks made by hand may deliver any line without a connection here:
  // CallBridge cannot tell, so it does not claim otherwise.
  if (delivering || own || opts.handMadeWebhooks) return [];
  return [
    {
      level: 'error',
      code: 'line_not_delivered',
      text: 'Ihre Webex-Leitung ist verknüpft, aber keine aktive Webex-Verbindung liefert ihre Anrufe: sie erscheinen hier nicht als Pop-up.',
      fix: 'Auf der Webex-Seite „Mit Webex verbinden“ klicken (oder einen Admin bitten, die Organisation zu verbinden).',
    },
  ];
}
