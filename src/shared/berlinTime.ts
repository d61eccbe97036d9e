/** Times as the agency reads them: Europe/Berlin, German formats. Stored times stay UTC ISO strings. */
const dateTime = new Intl.DateTimeFormat('de-DE', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Berlin',
});
const dateOnly = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'Europe/Berlin' });
const stamp = new Intl.DateTimeFormat('de-DE', {
  dateStyle: 'short',
  timeStyle: 'medium',
  timeZone: 'Europe/Berlin',
});
const isoDay = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: 'Europe/Berlin',
});
const WEEKDAYS = ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'];

export const formatDateTime = (iso: string | null | undefined): string =>
  iso ? dateTime.format(new Date(iso)) : '–';
/** With seconds, for protocols (CLI, audit lines). */
export const formatTimestamp = (iso: string | null | undefined): string =>
  iso ? stamp.format(new Date(iso)) : '–';
/** A date-only value (YYYY-MM-DD) is a calendar day, not a UTC midnight: read at Berlin noon. */
export const formatDate = (iso: string | null | undefined): string =>
  iso ? dateOnly.format(new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00Z` : iso)) : '–';
/** "Di., 08.12." for a calendar day (YYYY-MM-DD). */
export const formatWeekdayDate = (day: string): string => {
  const [, m, d] = day.split('-');
  return `${WEEKDAYS[new Date(`${day}T12:00:00Z`).getUTCDay()]} ${d}.${m}.`;
};
/** Today's calendar day in Berlin, YYYY-MM-DD. */
export const berlinToday = (now: Date = new Date()): string => isoDay.format(now);
