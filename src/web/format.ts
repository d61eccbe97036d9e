import type { CallView } from '../calls/callView.ts';

export { formatDate, formatDateTime, formatTimestamp, formatWeekdayDate } from '../shared/berlinTime.ts';

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
