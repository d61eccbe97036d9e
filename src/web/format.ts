import type { CallView } from '../calls/callView.ts';

export { formatDate, formatDateTime, formatTimestamp, formatWeekdayDate } from '../shared/berlinTime.ts';

const timeOnly = new Intl.DateTimeFormat('de-DE', { timeStyle: 'short', timeZone: 'Europe/Berlin' });
/** "14:32" in Berlin. */
export const formatTime = (iso: string | null | undefined): string =>
  iso ? timeOnly.format(new Date(iso)) : '–';

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '–';
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

export const STATE_LABELS: Record<CallView['state'], string> = {
  ringing: 'Klingelt',
  connected: 'Verbunden',
  held: 'Gehalten',
  ended: 'Beendet',
  missed: 'Verpasst',
};

export const DIRECTION_LABELS: Record<CallView['direction'], string> = {
  incoming: 'Eingehend',
  outgoing: 'Ausgehend',
  unknown: '–',
};
