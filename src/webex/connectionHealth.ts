import type { WebexConnection } from '../db/schema.ts';
import { missingScopes } from './scopes.ts';

export interface ConnectionFinding {
  level: 'error' | 'warning';
  code: 'reauth_required' | 'refresh_expiring' | 'scope_missing' | 'refresh_expired';
  text: string;
  fix: string;
}

const day = 86_400_000;
const dateDe = (iso: string) =>
  new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'Europe/Berlin' }).format(new Date(iso));

/** What is wrong or about to go wrong with a connection, in the words the status page and doctor use. */
export function connectionFindings(
  conn: WebexConnection,
  warningDays: number,
  now = Date.now(),
): ConnectionFinding[] {
  const out: ConnectionFinding[] = [];
  const who = conn.kind === 'org' ? 'Organisation' : conn.display_name;
  if (conn.status === 'reauth_required') {
    out.push({
      level: 'error',
      code: 'reauth_required',
      text: `Webex (${who}): Neu verbinden nötig – ${conn.status_reason ?? 'Anmeldung ungültig'}. Eingehende Ereignisse werden gespeichert und später verarbeitet.`,
      fix: 'Auf der Statusseite (/webex) „Mit Webex verbinden“ klicken.',
    });
    return out;
  }
  const left = Date.parse(conn.refresh_expires_at) - now;
  if (left <= 0) {
    out.push({
      level: 'error',
      code: 'refresh_expired',
      text: `Webex (${who}): Anmeldung abgelaufen am ${dateDe(conn.refresh_expires_at)}.`,
      fix: 'Webex unter /webex neu verbinden.',
    });
  } else if (left <= warningDays * day) {
    out.push({
      level: 'warning',
      code: 'refresh_expiring',
      text: `Webex (${who}): Anmeldung läuft am ${dateDe(conn.refresh_expires_at)} ab (in ${Math.ceil(left / day)} Tagen) – bitte neu verbinden.`,
      fix: 'Webex vor diesem Datum unter /webex neu verbinden.',
    });
  }
  for (const m of missingScopes(conn.kind, conn.scopes)) {
    out.push({
      level: m.scope.endsWith('recordings_write') ? 'error' : 'warning',
      code: 'scope_missing',
      text: `Webex (${who}): Berechtigung ${m.scope} fehlt – ${m.consequence}.`,
      fix: 'Webex unter /webex neu verbinden und alle angefragten Berechtigungen erlauben.',
    });
  }
  return out;
}
