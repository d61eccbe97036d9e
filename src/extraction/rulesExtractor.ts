import { type CallExtraction, emptyExtraction } from './callExtraction.ts';
import { AGREE_START, buildUnits, counterpartUnits, quoteAround, type Unit } from './conversation.ts';
import { type DateKind, findDates } from './dateResolver.ts';
import {
  extractAvailableFrom,
  extractJob,
  extractLocations,
  extractNotice,
  extractRelocation,
  extractSkills,
  extractWorkModel,
} from './fields.ts';
import { extractSalary } from './salary.ts';
import { type ParsedTranscript, parseTranscript, sentences } from './transcript.ts';

/**
 * The offline extractor ("rules" provider): German conversational patterns, no external service.
 * It sets a field only when the call says it (a wrong value is worse than none) and gives every
 * value the verbatim passage it comes from; the shared post-processing checks both again.
 */

// ---------------------------------------------------------------------------------------------
// Call type

const count = (text: string, res: RegExp[]) => res.reduce((n, r) => n + (r.test(text) ? 1 : 0), 0);

export function callTypeOf(p: ParsedTranscript, units: Unit[]): CallExtraction['callType'] {
  const all = p.text.toLowerCase();
  const theirs = counterpartUnits(units)
    .map((u) => u.text)
    .join('\n')
    .toLowerCase();
  const ours = p.labelled
    ? units
        .filter((u) => u.role === 'recruiter')
        .map((u) => u.text)
        .join('\n')
        .toLowerCase()
    : all;
  const candidate =
    2 *
      count(all, [
        /kündigungsfrist/,
        /was verdienen sie|gehaltlich|ihr (?:aktuelles )?gehalt|ihre (?:gehalts)?vorstellung|wo (?:liegen|stehen) sie|gehaltsvorstellung|was verdienst du/,
        /\b(?:ich verdiene|ich liege bei|brutto im (?:monat|jahr))/,
      ]) +
    2 *
      count(theirs, [
        // A job seeker calling in: "ich suche eine neue Stelle", "ich interessiere mich für die Stelle als …"
        /\b(?:ich suche|ich bin auf der suche nach|ich interessiere mich für|ich bewerbe mich (?:auf|für)|ich habe (?:mich )?(?:ihre|die) (?:anzeige|stellenanzeige|ausschreibung))\b.{0,40}?\b(?:stelle|job|position|anzeige|stellenanzeige|ausschreibung|arbeit)\b/,
      ]) +
    count(all, [
      /beworben|bewerbung|lebenslauf|ihre unterlagen|ihr profil\b/,
      /wechsel(?:n|bereit|wunsch)?\b|neue herausforderung|wechselwillig/,
      /\b(?:sie sind|du bist) .{2,60} bei\b|sie arbeiten als|ich arbeite als|ich bin .{2,40} bei\b/,
      /umzieh|umzug/,
      /ab wann (?:könnten|können) sie|wann könnten sie anfangen/,
    ]);
  const client =
    2 *
      count(theirs, [
        /\b(?:wir suchen|suchen wir|wir brauchen|brauchen wir)\b/,
        /\b(?:zu besetzen|vakanz|offene stelle|offenen stellen|stellenbeschreibung|anforderungsprofil|wir zahlen|können wir (?:anbieten|zahlen)|bei uns (?:gibt|ist|geht))/,
      ]) +
    count(ours, [
      /\bsie suchen\b|ihre (?:stelle|anzeige|vakanz|ausschreibung)|ausgeschrieben/,
      /konditionen|erfolgsbasis|honorar|rahmenvertrag|provision|vermittlungsgebühr/,
      /(?:passende|erste|geeignete|zwei|drei) kandidaten|kandidaten (?:vorstellen|schicken)|profile? (?:anonymisiert )?(?:schicken|zuschicken)/,
    ]) +
    count(theirs, [
      /personalleit|niederlassungsleit|geschäftsführ|hr-abteilung|personalabteilung|teamleiter.{0,20}suche/,
    ]);
  const other =
    2 *
    count(theirs, [
      /angebot für|katalog|werbung|aus (?:ihrer|der|dem) (?:liste|verteiler)|zufrieden mit|software|demo\b|produkt|versicherung|stromtarif|toner|druckerpapier|büromaterial|abonnement|umfrage|gewinnspiel|spende|falsch verbunden|verwählt|lizenz|wir bieten .{0,40} an/,
      /kein bedarf|kein interesse|nehmen sie uns|wir sind versorgt|brauchen wir nicht/,
    ]);
  if (p.counterpartHint === 'candidate' || p.counterpartHint === 'client') return p.counterpartHint;
  if (p.counterpartHint === 'other' && candidate < 4 && client < 4) return 'other';
  if (other >= 2 && other >= candidate && other >= client) return 'other';
  if (candidate >= 2 && candidate >= client) return 'candidate';
  if (client >= 2) return 'client';
  if (candidate > 0 && candidate >= client) return 'candidate';
  if (client > 0) return 'client';
  return 'other';
}

// ---------------------------------------------------------------------------------------------
// Next steps and the next contact

const CONTACT =
  /\b(?:ruf\w*|anruf\w*|anzurufen|zurückruf\w*|rückruf|telefonier\w*|telefonat|meld\w*|sprechen|sprechen wir|sprechen uns|hören|besprechen|durchgehen|termin|treffen|call|videocall|zusammensetzen|zusammentelefonieren)\b/;
const FOLLOW_KINDS: DateKind[] = [
  'explicit',
  'dayOfMonth',
  'weekday',
  'relativeDay',
  'relativeWeeks',
  'monthStart',
];
const NEGATED_DATE =
  /\b(?:geht nicht|kann ich nicht|bin ich nicht|passt nicht|klappt nicht|nicht am|nicht da|schlecht)\b/;

function followUp(units: Unit[], text: string, callDate: string): { value: string; quote: string } | null {
  let found: { value: string; quote: string } | null = null;
  for (const u of units) {
    const pieces = u.role === 'unknown' ? [{ text: u.text, start: 0 }] : sentences(u.text);
    for (const s of pieces) {
      const l = s.text.toLowerCase();
      for (const d of findDates(s.text, callDate)) {
        // "heute Nachmittag rufe ich Sie zurück": the call date itself.
        const today =
          d.kind === 'now' &&
          /^heute$/i.test(d.text) &&
          /^\s+(?:nachmittag|abend|noch|später)\b/i.test(s.text.slice(d.end));
        if ((!FOLLOW_KINDS.includes(d.kind) && !today) || d.date < callDate) continue;
        // A contact word next to the date ("ruf Sie nächsten Dienstag an", "telefonieren wir am 12. Mai").
        const near = l.slice(Math.max(0, d.start - 50), d.end + 40);
        if (!CONTACT.test(near) || /vorstellungsgespräch/.test(near)) continue;
        if (NEGATED_DATE.test(l.slice(d.start, d.end + 25))) continue;
        // A proposal put as a question counts when the other side agrees.
        const isQuestion =
          /\?\s*$/.test(s.text) || (u.role === 'unknown' && /\?/.test(l.slice(d.end, d.end + 30)));
        if (isQuestion && u.role !== 'unknown') {
          const next = units[u.index + 1];
          if (
            !next ||
            !AGREE_START.test(next.text) ||
            /\b(?:nein|nee|leider|geht nicht)\b/i.test(next.text.slice(0, 30))
          )
            continue;
        }
        found = {
          value: d.date,
          quote: quoteAround(text, u.start + s.start + d.start, u.start + s.start + d.end),
        };
      }
    }
    // "Wann sprechen wir wieder?" – "Am Donnerstag, den 4. Juni." / "Passt, Freitag um zehn."
    const next = units[u.index + 1];
    if (u.role === 'recruiter' || u.role === 'counterpart') {
      const asksContact = CONTACT.test(u.text.toLowerCase()) && /\?\s*$/.test(u.text.trim());
      if (asksContact && next && next.role !== u.role && next.role !== 'unknown') {
        const d = findDates(next.text, callDate).find(
          (x) => FOLLOW_KINDS.includes(x.kind) && x.date >= callDate,
        );
        if (d && !NEGATED_DATE.test(next.text.toLowerCase().slice(d.start, d.end + 25)))
          found = { value: d.date, quote: quoteAround(text, next.start + d.start, next.start + d.end) };
      }
    }
  }
  return found;
}

const ACTION =
  /\b(?:schick\w*|send\w*|weiterleit\w*|leite\b[^.?!]{0,40}\bweiter|stell\w*\b[^.?!]{0,40}\bvor\b|vorstell\w*|organisier\w*|kläre\w*|klären|meld\w*|ruf\w*\b[^.?!]{0,40}\ban\b|anrufen|telefonier\w*|sprechen|besprech\w*|vereinbar\w*|buch\w*|gebe?\b[^.?!]{0,30}\bbescheid|bescheid geben|sagen sie mir bescheid|machen wir|mach ich)\b/i;
const STREAM_VERB = String.raw`(?:schick|send|meld|ruf|leite|organisier|kläre|telefonier|sprech|hör|stelle sie)\w*`;
const STREAM_ACTION = new RegExp(
  String.raw`\b(?:(?:ich|wir)\s+(?:\w+\s+){0,2}?${STREAM_VERB}|${STREAM_VERB}\s+(?:ich|wir))\b[^?]{0,70}?(?=\s+(?:danke|tschüss|super|okay|alles klar|prima|bis dann|verstehe|gut|ja)\b|$)`,
  'gi',
);
const FILLER =
  /^(?:(?:gut|okay|ok|prima|super|sehr gut|alles klar|verstanden|schön|perfekt|dann|also|ja|gerne|in ordnung|mache ich|mach ich|das kriegen wir hin|und|top|sehr schön)[,.!]?\s+)+/i;

function nextSteps(units: Unit[], callType: CallExtraction['callType']): string[] {
  if (callType === 'other') return [];
  const steps: string[] = [];
  const push = (s: string) => {
    const t = s
      .replace(FILLER, '')
      .replace(/\s+/g, ' ')
      .replace(/[,;]\s*$/, '')
      .trim();
    if (t.length < 8 || /\?$/.test(t)) return;
    // "(Dann) schicke ich Ihnen …" → "Ich schicke Ihnen …"
    const inverted = /^([\p{L}]+)\s+(ich|wir)(,?\s+.*)$/iu.exec(t);
    const straight = inverted ? `${inverted[2]!} ${inverted[1]!.toLowerCase()}${inverted[3]!}` : t;
    const sentence = `${straight[0]!.toUpperCase()}${straight.slice(1)}`.replace(/[.!]*$/, '');
    if (!steps.some((x) => x.toLowerCase() === sentence.toLowerCase())) steps.push(sentence.slice(0, 140));
  };
  for (const u of units) {
    if (u.role === 'unknown') {
      // A stream: "schick ich Ihnen …", "ich melde mich …", up to the next pause word. The opening
      // words ("ich ruf an wegen …") are no agreement.
      if (u.index === 0) continue;
      for (const m of u.text.matchAll(STREAM_ACTION)) push(m[0]);
      continue;
    }
    if (u.role !== 'recruiter') continue;
    for (const s of sentences(u.text)) {
      if (/\?\s*$/.test(s.text) && !/\b(?:schicken sie mir|senden sie mir)\b/i.test(s.text)) continue;
      if (
        !ACTION.test(s.text) ||
        /\bich (?:hatte|habe) ihnen\b|sie sprechen mit|spreche ich mit|mit wem spreche/i.test(s.text) ||
        // Courtesy about the call itself ("Schön, dass Sie anrufen"), not an agreement.
        /\b(?:schön|danke|nett|toll|freut mich|gut)\b,?\s+dass sie\b/i.test(s.text)
      )
        continue;
      // Leading clauses without an action ("Wir arbeiten auf Erfolgsbasis, ich würde … schicken").
      const parts = s.text.split(/,\s+/);
      while (parts.length > 1 && !ACTION.test(parts[0]!) && !/^(?:und|oder|ob|dass|wenn)\b/i.test(parts[1]!))
        parts.shift();
      push(parts.join(', '));
    }
  }
  return steps.slice(0, 5);
}

// ---------------------------------------------------------------------------------------------
// Summary

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
  const steps = ex.nextSteps.length ? ` Vereinbart: ${ex.nextSteps.slice(0, 3).join('; ')}.` : '';
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

// ---------------------------------------------------------------------------------------------

/** Extracts the call record from a German transcript without any external service. */
export function extractByRules(transcript: string, callDate: string): CallExtraction {
  const p = parseTranscript(transcript);
  const units = buildUnits(p);
  const ex = emptyExtraction(callTypeOf(p, units));
  const set = <K extends keyof CallExtraction>(
    field: K,
    found: { value: CallExtraction[K]; quote: string } | null,
  ) => {
    if (!found) return;
    ex[field] = found.value;
    ex.evidence[field] = found.quote;
  };
  if (ex.callType !== 'other') {
    ex.nextSteps = nextSteps(units, ex.callType);
    set('followUpDate', followUp(units, transcript, callDate));
  }
  if (ex.callType === 'candidate') {
    const job = extractJob(units, transcript, p.labelled);
    set('currentPosition', job.position);
    set('currentEmployer', job.employer);
    const pay = extractSalary(units, transcript);
    if (pay.current) set('currentSalaryEur', { value: pay.current.value, quote: pay.current.quote });
    if (pay.expectation)
      set('salaryExpectationEur', {
        value: { min: pay.expectation.min, max: pay.expectation.max },
        quote: pay.expectation.quote,
      });
    set('noticePeriod', extractNotice(units, transcript));
    set('availableFrom', extractAvailableFrom(units, transcript, callDate));
    const relocation = extractRelocation(units, transcript);
    set('willingToRelocate', relocation);
    set('workModel', extractWorkModel(units, transcript));
    ex.preferredLocations = extractLocations(units, relocation?.value === true);
    ex.skills = extractSkills(units, job.position?.value ?? null);
  }
  ex.summary = summaryOf(ex, units);
  return ex;
}
