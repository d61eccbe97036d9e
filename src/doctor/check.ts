export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface Check {
  id: string;
  title: string;
  status: CheckStatus;
  /** German for the admin; English for logs, tickets and search engines. */
  de: string;
  en: string;
  fix?: string;
}
