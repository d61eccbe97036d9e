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
