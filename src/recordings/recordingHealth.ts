import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DELETE_FORBIDDEN } from './recordingPipeline.ts';

export interface PipelineHealth {
  /** Notes written, but the recording could not be deleted at Webex (403): GDPR needs a reconnect. */
  deleteForbidden: number;
  /** Stopped for another reason ("Erneut versuchen" on /aufnahmen). */
  failed: number;
  /** Waiting for a Webex connection. */
  waiting: number;
  /** Not done an hour after arriving. */
  late: number;
}

export async function pipelineHealth(db: Kysely<DB>): Promise<PipelineHealth> {
  const rows = await db
    .selectFrom('recordings')
    .select(['status', 'last_error', 'created_at'])
    .where('status', '!=', 'done')
    .execute();
  const hourAgo = new Date(Date.now() - 3600_000).toISOString();
  return {
    deleteForbidden: rows.filter((r) => r.status === 'failed' && r.last_error === DELETE_FORBIDDEN).length,
    failed: rows.filter((r) => r.status === 'failed' && r.last_error !== DELETE_FORBIDDEN).length,
    waiting: rows.filter((r) => r.status === 'waiting').length,
    late: rows.filter((r) => r.status !== 'failed' && r.created_at < hourAgo).length,
  };
}

/** The doctor's finding about the recordings pipeline (shape of src/doctor/check.ts `Check`). */
export async function recordingPipelineCheck(db: Kysely<DB>) {
  const h = await pipelineHealth(db);
  const base = { id: 'recording_pipeline', title: 'Aufnahmen-Pipeline' };
  if (h.deleteForbidden)
    return {
      ...base,
      status: 'fail' as const,
      de: `${h.deleteForbidden} ${h.deleteForbidden === 1 ? 'Aufnahme konnte' : 'Aufnahmen konnten'} nicht gelöscht werden — Berechtigung fehlt, bitte Webex neu verbinden`,
      en: `${h.deleteForbidden} recording(s) not deleted at Webex: 403, missing spark:recordings_write`,
      fix: 'Webex unter /webex neu verbinden und „spark:recordings_write“ erlauben; die Löschungen werden binnen einer Minute danach wiederholt.',
    };
  if (h.failed || h.waiting || h.late)
    return {
      ...base,
      status: 'warn' as const,
      de: [
        h.failed ? `${h.failed} gestoppt` : '',
        h.waiting ? `${h.waiting} warten auf die Webex-Verbindung` : '',
        h.late ? `${h.late} seit über einer Stunde nicht fertig` : '',
      ]
        .filter(Boolean)
        .join(', '),
      en: `${h.failed} failed, ${h.waiting} waiting for a connection, ${h.late} late`,
      fix: 'Unter /aufnahmen oder mit `callbridge recordings list --failed` nachsehen; nach Behebung der genannten Ursache „Erneut versuchen“.',
    };
  return { ...base, status: 'ok' as const, de: 'keine gestoppten Aufnahmen', en: 'no stopped recordings' };
}
