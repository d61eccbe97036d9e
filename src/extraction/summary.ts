import type { CallExtraction } from './callExtraction.ts';
import { counterpartUnits, type Unit } from './conversation.ts';

const euro = (n: number) => `${new Intl.NumberFormat('de-DE').format(n)} €`;
const dateDe = (ymd: string) => `${ymd.slice(8, 10)}.${ymd.slice(5, 7)}.${ymd.slice(0, 4)}`;

/** What the client is looking for: "Sie suchen … einen DevOps Engineer", "dass Sie Disponenten suchen". */
function clientNeed(units: Unit[]): string | null {
  for (const u of units) {
    const t = u.text.replace(/\s+/g, ' ');
    const main =
      /\b(?:sie|wir)\s+(?:suchen|brauchen|benötigen)\s+(?:(?:laut \w+ \w+|nach wie vor|immer noch|noch|dringend|gerade|aktuell)\s+)*([^.?!,]{3,80})/i.exec(
        t,
      );
    const sub = /\bdass (?:sie|wir)\s+([^.?!,]{3,60}?)\s+(?:suchen|brauchen|benötigen)\b/i.exec(t);
    const m = main ?? sub;
    if (m) {
      const words = m[1]!.trim().split(/\s+/).slice(0, 10).join(' ');
      return words.replace(/^(?:jemanden|jemand)\s*$/i, 'Personal');
    }
  }
  return null;
}

export function summaryOf(ex: CallExtraction, units: Unit[]): string {
  if (ex.callType === 'other') {
    const all = units
      .map((u) => u.text)
      .join('\n')
      .toLowerCase();
    if (!/\p{L}{2,}/u.test(all)) return 'Kein verwertbares Gespräch im Transkript.';
    if (/falsch verbunden|verwählt|falsche nummer/.test(all))
      return 'Falsch verbundener Anruf; nichts vereinbart.';
    if (/angebot|katalog|software|demo\b|tarif|preisliste|aktion|werbung|produkt|bieten .{0,40} an/.test(all))
      return `Werbe- oder Verkaufsanruf eines Anbieters${/kein (?:bedarf|interesse)|nein danke|versorgt|nicht nötig|brauchen sie nicht|bitte nicht/.test(all) ? ', abgelehnt' : ''}; nichts vereinbart.`;
    return 'Anruf ohne Bezug zu Kandidaten oder Kundenaufträgen; nichts für die Vermittlung vereinbart.';
  }
  const steps = ex.nextSteps.length
    ? ` Vereinbart: ${ex.nextSteps.slice(0, 3).join('; ').replace(/\.$/, '')}.`
    : '';
  const next = ex.followUpDate ? ` Nächster Kontakt am ${dateDe(ex.followUpDate)}.` : '';
  if (ex.callType === 'client') {
    const need = clientNeed(counterpartUnits(units)) ?? clientNeed(units);
    return `Akquisegespräch mit einem Kunden${need ? `, der ${need} sucht` : ''}.${steps}${next}`;
  }
  const parts: string[] = [];
  const who = [ex.currentPosition, ex.currentEmployer ? `bei ${ex.currentEmployer}` : null]
    .filter(Boolean)
    .join(' ');
  const facts: string[] = [];
  if (ex.currentSalaryEur) facts.push(`verdient ${euro(ex.currentSalaryEur)}`);
  if (ex.salaryExpectationEur) {
    const { min, max } = ex.salaryExpectationEur;
    facts.push(`wünscht ${min === max ? euro(min) : `${euro(min)}–${euro(max)}`}`);
  }
  if (ex.noticePeriod) {
    const { amount, unit, toEndOf } = ex.noticePeriod;
    const end = toEndOf
      ? ` zum ${{ month: 'Monatsende', quarter: 'Quartalsende', year: 'Jahresende' }[toEndOf]}`
      : '';
    const unitWord =
      unit === 'weeks' ? (amount === 1 ? 'Woche' : 'Wochen') : amount === 1 ? 'Monat' : 'Monate';
    facts.push(
      amount === 0 ? 'hat keine Kündigungsfrist' : `hat ${amount} ${unitWord} Kündigungsfrist${end}`,
    );
  }
  if (ex.availableFrom) facts.push(`kann ab ${dateDe(ex.availableFrom)} anfangen`);
  parts.push(`Kandidatengespräch${who ? ` (${who})` : ''}${facts.length ? `: ${facts.join(', ')}` : ''}.`);
  const wishes: string[] = [];
  if (ex.workModel)
    wishes.push(`Arbeitsmodell ${{ remote: 'remote', hybrid: 'hybrid', onsite: 'vor Ort' }[ex.workModel]}`);
  if (ex.willingToRelocate !== null)
    wishes.push(ex.willingToRelocate ? 'umzugsbereit' : 'nicht umzugsbereit');
  if (ex.preferredLocations.length) wishes.push(`Orte: ${ex.preferredLocations.join(', ')}`);
  if (wishes.length) parts.push(`Wünsche: ${wishes.join(', ')}.`);
  return `${parts.join(' ')}${steps}${next}`.trim();
}
