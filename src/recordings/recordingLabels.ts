/** How a recording's step and status are named for people (the pipeline page, the CLI). */
export const STEP: Record<string, string> = {
  details: 'Details holen',
  download: 'Audio laden',
  transcribe: 'Transkribieren',
  extract: 'Auswerten',
  apply: 'Eintragen',
  delete: 'Bei Webex löschen',
  done: 'Fertig',
};
export const STATUS: Record<string, string> = {
  pending: 'wartet',
  running: 'läuft',
  waiting: 'wartet auf Webex-Verbindung',
  failed: 'gestoppt',
  done: 'fertig',
};

/** The recording's protocol (recording_audit.event keeps the English code). */
export const AUDIT_EVENT: Record<string, string> = {
  received: 'eingegangen',
  details: 'Details geholt',
  downloaded: 'Audio geladen',
  transcribed: 'transkribiert',
  extracted: 'ausgewertet',
  applied: 'eingetragen',
  assigned: 'zugeordnet',
  moved: 'umgehängt',
  discarded: 'verworfen',
  restored: 'wiederhergestellt',
  inbox_expired: 'im Eingang abgelaufen',
  blocked_unread: 'ungelesen gesperrt (Widerspruch)',
  deleted_at_webex: 'bei Webex gelöscht',
  failed: 'gestoppt',
};

/** Background jobs (jobs.status). */
export const JOB_STATUS: Record<string, string> = {
  queued: 'eingereiht',
  running: 'läuft',
  done: 'erledigt',
  failed: 'gestoppt',
};
