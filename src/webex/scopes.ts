/** What each kind of connection asks Webex for (API.md §2), and what a missing scope breaks. */
export const USER_SCOPES = [
  'spark:calls_read',
  'spark:people_read',
  'spark:recordings_read',
  'spark:recordings_write',
];
export const ORG_SCOPES = [
  'spark:calls_read',
  'spark:people_read',
  'spark-admin:recordings_read',
  'spark-admin:recordings_write',
];

export const scopesFor = (kind: 'user' | 'org'): string[] => (kind === 'org' ? ORG_SCOPES : USER_SCOPES);

const CONSEQUENCES: Record<string, string> = {
  'spark:calls_read': 'Anrufe kommen nicht an (telephony_calls-Webhook kann nicht angelegt werden)',
  'spark:people_read': 'Die Webex-Person kann nicht gelesen werden',
  'spark:recordings_read': 'Aufnahmen können nicht geladen werden (keine Gesprächsnotizen)',
  'spark:recordings_write': 'Aufnahmen können nicht gelöscht werden (DSGVO)',
  'spark-admin:recordings_read': 'Aufnahmen der Organisation können nicht geladen werden',
  'spark-admin:recordings_write': 'Aufnahmen der Organisation können nicht gelöscht werden (DSGVO)',
};

export interface MissingScope {
  scope: string;
  consequence: string;
}

export function missingScopes(kind: 'user' | 'org', granted: string): MissingScope[] {
  const have = new Set(granted.split(/\s+/).filter(Boolean));
  return scopesFor(kind)
    .filter((s) => !have.has(s))
    .map((scope) => ({ scope, consequence: CONSEQUENCES[scope] ?? scope }));
}
