import type { Kysely } from 'kysely';
import type { Config } from '../config/config.ts';
import type { DB } from '../db/schema.ts';
import { formatDateTime } from '../shared/berlinTime.ts';
import { DELETION_OVERDUE_MS, overdueDeletions } from './deletionProofReport.ts';
import { retentionOverview } from './retentionSweeper.ts';

/** Doctor findings of the privacy domain (shape of src/doctor/check.ts `Check`). */
export interface PrivacyCheck {
  id: string;
  title: string;
  status: 'ok' | 'warn' | 'fail';
  de: string;
  en: string;
  fix?: string;
}

export async function privacyChecks(db: Kysely<DB>, config: Config): Promise<PrivacyCheck[]> {
  const checks: PrivacyCheck[] = [
    {
      id: 'privacy:consent_mode',
      title: 'Aufzeichnung und Einwilligung',
      status: 'ok',
      de:
        config.recordingConsentMode === 'consent'
          ? 'RECORDING_CONSENT_MODE=consent: nur Gespräche mit Einwilligung werden transkribiert, alle anderen Aufnahmen ungelesen gelöscht'
          : 'RECORDING_CONSENT_MODE=objection: Gespräche werden transkribiert, außer bei Widerspruch',
      en: `recording consent mode ${config.recordingConsentMode}`,
    },
  ];
  for (const p of await retentionOverview(db, config)) {
    const overdue = p.oldestKept !== null && Date.now() - Date.parse(p.oldestKept) > p.ms + 2 * 86_400_000;
    checks.push({
      id: `privacy:retention:${p.key}`,
      title: `Aufbewahrung: ${p.label}`,
      status: overdue ? 'warn' : 'ok',
      de: `${p.period} (${p.setting}); ältester Eintrag: ${p.oldestKept ? formatDateTime(p.oldestKept) : 'keiner'}`,
      en: overdue
        ? `${p.key}: items older than the retention period remain`
        : `${p.key} kept ${p.ms / 3600_000} h`,
      ...(overdue
        ? {
            fix: 'Läuft der Dienst? Die Löschung läuft täglich als Auftrag (privacy-retention); Protokoll auf „retention sweep done“ prüfen.',
          }
        : {}),
    });
  }
  const late = await overdueDeletions(db);
  checks.push(
    late.length
      ? {
          id: 'privacy:deletion_proof',
          title: 'Löschung bei Webex',
          status: 'warn',
          de: `${late.length} ${late.length === 1 ? 'Aufnahme liegt' : 'Aufnahmen liegen'} mehr als ${DELETION_OVERDUE_MS / 60_000} Minuten nach dem Ergebnis noch bei Webex (älteste seit ${formatDateTime(late[0]!.committedAt)}${late[0]!.lastError ? `: ${late[0]!.lastError}` : ''})`,
          en: `${late.length} recording(s) still at Webex more than 5 minutes after their result was committed`,
          fix: 'Unter /aufnahmen den Fehler ansehen; fehlt die Berechtigung, Webex unter /webex neu verbinden — das Löschen wird dann automatisch wiederholt.',
        }
      : {
          id: 'privacy:deletion_proof',
          title: 'Löschung bei Webex',
          status: 'ok',
          de: 'jede fertige Aufnahme ist bei Webex gelöscht (oder wird es innerhalb von 5 Minuten)',
          en: 'no recording overdue for deletion at Webex',
        },
  );
  return checks;
}
