import type { CallView } from '../calls/callView.ts';

const dateTime = new Intl.DateTimeFormat('de-DE', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Berlin',
});
const dateOnly = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'Europe/Berlin' });

export const formatDateTime = (iso: string | null | undefined): string =>
  iso ? dateTime.format(new Date(iso)) : '–';
export const formatDate = (iso: string | null | undefined): string =>
  iso ? dateOnly.format(new Date(iso)) : '–';

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
