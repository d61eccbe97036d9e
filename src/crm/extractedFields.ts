/** The candidate fields a call can fill, as a recruiter reads and types them. */
export const FIELD_LABELS: Record<string, string> = {
  current_position: 'Position',
  current_employer: 'Arbeitgeber',
  current_salary_eur: 'Aktuelles Gehalt',
  salary_expectation: 'Gehaltswunsch',
  notice_period: 'Kündigungsfrist',
  available_from: 'Verfügbar ab',
  willing_to_relocate: 'Umzugsbereit',
  work_model: 'Arbeitsmodell',
  preferred_locations: 'Wunschorte',
  skills: 'Kenntnisse',
};

export const WORK_MODELS: Record<string, string> = { remote: 'Remote', hybrid: 'Hybrid', onsite: 'Vor Ort' };
export const END_OF: Record<string, string> = {
  month: 'Monatsende',
  quarter: 'Quartalsende',
  year: 'Jahresende',
};

const euro = (n: number) => `${new Intl.NumberFormat('de-DE').format(n)} €`;
const day = (d: string) => {
  const [y, m, dd] = d.split('-');
  return y && m && dd ? `${dd}.${m}.${y}` : d;
};

/** A stored value (column form: numbers, JSON for the structured ones) as German text. */
export function displayValue(column: string, stored: unknown): string {
  if (stored === null || stored === undefined || stored === '') return '–';
  try {
    if (column === 'current_salary_eur') return euro(Number(stored));
    if (column === 'willing_to_relocate') return Number(stored) ? 'ja' : 'nein';
    if (column === 'work_model') return WORK_MODELS[String(stored)] ?? String(stored);
    if (column === 'available_from') return day(String(stored));
    if (column === 'salary_expectation') {
      const v = JSON.parse(String(stored)) as { min: number; max: number };
      return v.min === v.max ? euro(v.min) : `${euro(v.min)}–${euro(v.max)}`;
    }
    if (column === 'notice_period') {
      const n = JSON.parse(String(stored)) as { amount: number; unit: string; toEndOf: string | null };
      return `${n.amount} ${n.unit === 'weeks' ? 'Wochen' : 'Monate'}${n.toEndOf ? ` zum ${END_OF[n.toEndOf] ?? n.toEndOf}` : ''}`;
    }
    if (column === 'preferred_locations' || column === 'skills')
      return (JSON.parse(String(stored)) as string[]).join(', ');
  } catch {
    // A value typed by hand before it had to be JSON: shown as it is.
  }
  return String(stored);
}
