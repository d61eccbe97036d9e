const berlin = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** The instant a Berlin calendar day (YYYY-MM-DD) begins, summer time included (+01:00 or +02:00). */
export function berlinDayStart(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  for (const offsetHours of [1, 2]) {
    const t = new Date(Date.UTC(y, m - 1, d) - offsetHours * 3600_000);
    const parts = Object.fromEntries(berlin.formatToParts(t).map((p) => [p.type, p.value]));
    if (`${parts['year']}-${parts['month']}-${parts['day']}` === day && parts['hour'] === '00') return t;
  }
  return new Date(Date.UTC(y, m - 1, d) - 3600_000);
}

/** [start, end) of a Berlin calendar day as UTC ISO strings (a DST day has 23 or 25 hours). */
export function berlinDayBounds(day: string): { start: string; end: string } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return { start: berlinDayStart(day).toISOString(), end: berlinDayStart(next).toISOString() };
}
