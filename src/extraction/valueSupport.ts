import type { CallExtraction, EvidencedField } from './callExtraction.ts';
import { findDates, inNamedMonth } from './dateResolver.ts';
import { findNumbers } from './germanNumbers.ts';
import { endOf, noticeIn, ZERO_NOTICE } from './noticePeriod.ts';
import { weeklyHoursIn } from './payFigures.ts';
import { squash } from './squash.ts';
import { SKILLS } from './vocabulary.ts';

/**
 * Does a quote prove its value, not only stand in the transcript? Each scalar value is read again
 * from its own quote with the extractor's readers (figures, dates, periods) or cue words (enums,
 * booleans, names): "So vierzig, zweiundvierzig im Jahr" cannot back 99,000 €, "Hybrid wär ideal"
 * cannot back "remote". Answers are German reasons, or null when the quote supports the value.
 */

const euro = (n: number) => `${new Intl.NumberFormat('de-DE').format(n)} €`;

/** Every annual figure a quote can mean: as said, in thousands ("65"), monthly ×12/13/14, hourly × weekly hours × 52. */
function annualReadings(quote: string, transcript: string): number[] {
  const hours = [weeklyHoursIn(quote), weeklyHoursIn(transcript)].filter((h): h is number => h !== null);
  // Hours may come as the answer to a question ("Wie viele Stunden die Woche?" – "Vierzig.").
  if (/wochenstunden|stunden\b[^.?!]{0,30}\bwoche|wie viele?n? stunden/i.test(transcript))
    for (const n of findNumbers(transcript)) if (n.value >= 5 && n.value <= 60) hours.push(n.value);
  const out: number[] = [];
  const tokens = findNumbers(quote);
  // "vierzehn achtzig die Stunde" is 14.80, as the extractor reads it.
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (
      next &&
      t.value < 100 &&
      next.value < 100 &&
      /^\s*(?:euro\s*)?$/i.test(quote.slice(t.end, next.start))
    )
      for (const h of hours) out.push((t.value + next.value / 100) * h * 52);
  });
  for (const t of tokens) {
    const v = t.value;
    if (v <= 0) continue;
    out.push(v);
    if (!t.thousands && v < 1000) out.push(v * 1000);
    for (const n of [12, 13, 14]) out.push(v * n);
    // "4,2 im Monat": thousands with a decimal, monthly.
    if (t.decimal && v < 15) for (const n of [12, 13, 14]) out.push(v * 1000 * n);
    for (const h of hours) out.push(v * h * 52);
  }
  return out;
}

function moneyReason(values: number[], quote: string, transcript: string): string | null {
  const l = quote.toLowerCase();
  if (/\bnetto\b/.test(l) && !/\bbrutto\b/.test(l)) return 'Beleg nennt nur einen Nettobetrag';
  const readings = annualReadings(quote, transcript);
  if (readings.length === 0) return 'Beleg nennt keine Zahl';
  const missing = values.filter((v) => !readings.some((r) => Math.abs(r - v) <= 1));
  return missing.length ? `Betrag ${missing.map(euro).join(' / ')} folgt nicht aus dem Beleg` : null;
}

type Notice = NonNullable<CallExtraction['noticePeriod']>;

function noticeReason(n: Notice, quote: string): string | null {
  const said = `${n.amount} ${n.unit === 'weeks' ? 'Wochen' : 'Monate'}`;
  if (n.amount === 0)
    return ZERO_NOTICE.test(quote) || /\b(?:keine|ohne|freigestellt|sofort)\b/i.test(quote)
      ? null
      : 'Beleg sagt nicht, dass es keine Kündigungsfrist gibt';
  const periods = noticeIn(quote).filter((p) => p.notice.amount === n.amount && p.notice.unit === n.unit);
  if (periods.length === 0) return `Kündigungsfrist ${said} folgt nicht aus dem Beleg`;
  if (n.toEndOf && !periods.some((p) => p.notice.toEndOf === n.toEndOf) && endOf(quote) !== n.toEndOf)
    return `Kündigungsfrist „zum ${{ month: 'Monatsende', quarter: 'Quartalsende', year: 'Jahresende' }[n.toEndOf]}“ steht nicht im Beleg`;
  return null;
}

function dateReason(date: string, quote: string, callDate: string): string | null {
  return findDates(quote, callDate).some(
    (d) => d.date === date || inNamedMonth(d, quote, callDate).date === date,
  )
    ? null
    : `Datum ${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)} folgt nicht aus dem Beleg`;
}

const WORK_MODEL_CUES: Record<NonNullable<CallExtraction['workModel']>, RegExp> = {
  remote:
    /remote|home-?\s?office|von zu ?hause|von daheim|mobil\w* (?:arbeit|arbeiten)|mobiles arbeiten|ortsunabhängig|nicht (?:mehr )?ins büro|ins büro (?:will|möchte|fahr|fahre|geh|gehe) ich nicht|kein(?:en)? fest(?:es|en) büro/i,
  hybrid:
    /hybrid|\btage?n?\b|\btäg\b|beides|teils|teilweise|gemischt|mischung|\bmix\b|ab und zu|gelegentlich|tageweise|halbe[- ]halbe|\d{1,2}\s*(?:%|prozent)|(?:zehn|zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig) prozent|\bhälfte\b|fifty/i,
  onsite:
    /vor ort|\bbüro\b|präsenz|baustelle|(?:home-?\s?office|remote)\?\s*(?:…\s*)?(?:nein|nee|auf keinen fall|bloß nicht|gar nicht)\b|im betrieb|werkstatt|beim kunden|im lager|produktion|draußen|in der firma|in die firma|in den betrieb|in der halle|an (?:die|der) (?:anlage|maschine)|kein\w* home-?\s?office|nicht remote/i,
};
const WORK_MODEL_DE = { remote: 'remote', hybrid: 'hybrid', onsite: 'vor Ort' } as const;

const RELOCATION_CUE =
  /umz(?:ug|ieh|uzieh)|wegz(?:ieh|uzieh)|\bzieh\w*|ortsgebunden|ungebunden|ortswechsel|relocation|\bbleib|flexibel|\bweg\b/i;
const RELOCATION_YES =
  /\b(?:ja|okay|ok|passt|in ordnung|normal|selbstverständlich|gewohnt|jo|gerne?|bereit|kein problem|kein thema|vorstell\w*|offen|flexibel|würde|würd|könnte|ungebunden|klar|sicher|denkbar|warum nicht|machbar|möglich|ziehe|auf jeden fall|absolut|nicht abgeneigt)\b|\bschon[.!]?\s*$/i;
const RELOCATION_NO =
  /\bnö(?![a-zäöüß])|\b(?:nein|nee|ne|noi|nicht|nich|ned|net|nid|nöd|nie|kein\w*|bleib\w*|ortsgebunden|ungern|ausgeschlossen|auf keinen fall)\b/i;

const ARTICLE =
  /^(?:der|die|das|den|dem|des|ein|eine|einer|einem|einen|am|im|an|in|bei|beim|und|von|vom|zu|zum|zur|für|als|&)$/;

/** Two words are one when they differ only by an ending ("Stadtwerken" ~ "Stadtwerke", "Entwicklerin" ~ "Entwickler"). */
function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  if (s.length < 3) return false;
  if (l.startsWith(s) && l.length - s.length <= 3) return true;
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  return i >= Math.max(3, s.length - 2) && l.length - i <= 3;
}

/** The words of a value that a text does not contain (inflection allowed). */
export function unsaidWords(value: string, text: string): string[] {
  const hay = squash(text).split(' ');
  return value
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => {
      const s = squash(w);
      return s.length >= 2 && !ARTICLE.test(s);
    })
    .filter((w) => {
      const s = squash(w);
      return !hay.some((h) => sameStem(s, h) || (s.length >= 6 && h.includes(s)));
    });
}

/** Why a scalar value does not follow from its quote, or null when it does. */
export function unsupportedValue(
  field: EvidencedField,
  value: unknown,
  quote: string,
  ctx: { transcript: string; callDate: string },
): string | null {
  switch (field) {
    case 'currentSalaryEur':
      return moneyReason([value as number], quote, ctx.transcript);
    case 'salaryExpectationEur': {
      const v = value as { min: number; max: number };
      return moneyReason(v.min === v.max ? [v.min] : [v.min, v.max], quote, ctx.transcript);
    }
    case 'noticePeriod':
      return noticeReason(value as Notice, quote);
    case 'availableFrom':
    case 'followUpDate':
      return dateReason(value as string, quote, ctx.callDate);
    case 'workModel': {
      const m = value as NonNullable<CallExtraction['workModel']>;
      // "Zwei Tage Homeoffice" is hybrid, not remote.
      const said = WORK_MODEL_CUES[m].test(quote) && (m !== 'remote' || !WORK_MODEL_CUES.hybrid.test(quote));
      return said ? null : `Arbeitsmodell „${WORK_MODEL_DE[m]}“ ist im Beleg nicht genannt`;
    }
    case 'willingToRelocate': {
      if (!RELOCATION_CUE.test(quote)) return 'Beleg spricht nicht von einem Umzug';
      // "Wären Sie bereit umzuziehen? … Nein.": the answer decides, not the question's words.
      const parts = quote.split(/\s*(?:…|\.\.\.+)\s*/);
      const answer = parts.length > 1 && parts[0]!.trim().endsWith('?') ? parts.slice(1).join(' ') : quote;
      const polar = value ? RELOCATION_YES : RELOCATION_NO;
      return polar.test(answer)
        ? null
        : `Beleg sagt nicht, dass ${value ? 'ein' : 'kein'} Umzug in Frage kommt`;
    }
    case 'currentPosition':
    case 'currentEmployer': {
      const missing = unsaidWords(value as string, quote);
      return missing.length ? `„${missing.join(' ')}“ steht nicht im Beleg` : null;
    }
  }
}

/** Why a list item (place, skill) is not said in the transcript, or null when it is. */
export function unsaidItem(item: string, transcript: string): string | null {
  const known = SKILLS.find((k) => k.name.toLowerCase() === item.toLowerCase());
  if (known?.pattern?.test(transcript)) return null;
  return unsaidWords(item, transcript).length ? `„${item}“ kommt im Transkript nicht vor` : null;
}
