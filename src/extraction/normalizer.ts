import { isValidYmd } from './calendar.ts';
import {
  type CallExtraction,
  EVIDENCED_FIELDS,
  type EvidencedField,
  emptyExtraction,
  STEP_EVIDENCE,
} from './callExtraction.ts';
import { normalizeDate } from './dateResolver.ts';
import type { ExtractionFlag } from './evidenceCheck.ts';
import { findNumbers, parseCount } from './germanNumbers.ts';
import { noticeIn } from './noticePeriod.ts';
import { weeklyHoursIn } from './payFigures.ts';

/**
 * One deterministic normaliser for the output of every provider (rules, OpenAI, …). It accepts
 * loosely shaped input (strings for numbers, German words for enums, phrases for dates) and returns
 * a record that satisfies the spec, with a flag for every value it had to drop. Values are only
 * converted, never invented: what cannot be read becomes null.
 */
export interface NormalizeOptions {
  /** Date of the call, YYYY-MM-DD: relative dates are resolved against it. */
  callDate: string;
  /** The transcript, when at hand: weekly hours and 13/14 salaries said in the call. */
  transcript?: string;
}

type Raw = Record<string, unknown>;

const MIN_ANNUAL = 5000;
const MAX_ANNUAL = 1_000_000;

const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const EMPTY =
  /^(?:|null|none|n\/a|na|-|–|unbekannt|keine angabe|nicht genannt|k\.?\s?a\.?|unknown|undefined)$/i;

function str(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  const t = v
    .replace(/\s+/g, ' ')
    .replace(/^["'„“‚‘»«\s]+|["'“”‘’»«\s]+$/g, '')
    .trim();
  return EMPTY.test(t) ? null : t;
}

function callTypeOf(v: unknown, flags: ExtractionFlag[]): CallExtraction['callType'] {
  const s = (str(v) ?? '').toLowerCase();
  if (/^(?:candidate|kandidat(?:in)?|bewerber(?:in)?|job ?seeker|applicant)$/.test(s)) return 'candidate';
  if (/^(?:client|kunde|kundin|customer|company|employer|unternehmen|firma|arbeitgeber|akquise)$/.test(s))
    return 'client';
  if (/^(?:other|sonstige[sr]?|andere[sr]?|spam|vendor|lieferant|werbung|privat)$/.test(s)) return 'other';
  flags.push({
    field: 'callType',
    reason: `unbekannter Gesprächstyp ${JSON.stringify(v ?? null)}, als „other“ gesetzt`,
  });
  return 'other';
}

// --------------------------------------------------------------------------------------------
// Money

export interface MoneyContext {
  hours: number | null;
  salaries: number | null;
}

function salariesIn(text: string): number | null {
  const l = text.toLowerCase();
  if (/\b(?:vierzehn|14)\.?\s*(?:(?:monats)?gehält|(?:monats)?löhne|-?\s*mal\b)/.test(l)) return 14;
  if (/\b(?:dreizehn|13)\.?\s*(?:(?:monats)?gehält|(?:monats)?löhne|-?\s*mal\b)/.test(l)) return 13;
  return null;
}

/** One figure to annual gross EUR, judged by the words around it (`context`). */
function annualFrom(v: number, thousands: boolean, context: string, ctx: MoneyContext): number | null {
  const l = context.toLowerCase();
  if (/\bnetto\b/.test(l) && !/\bbrutto\b/.test(l)) return null;
  if (v <= 0) return null;
  const hourly = /\bstunde|stündlich|stundenlohn|\/\s*h\b|per hour|hourly/.test(l);
  const monthly = /\bmonat|monthly|\bmtl\b|per month|\/\s*monat/.test(l);
  const annual = /\bjahr\b|jährlich|\bp\.?\s?a\b|per year|annual|yearly/.test(l);
  if (hourly && v < 200) {
    const hours = weeklyHoursIn(context) ?? ctx.hours;
    return hours === null ? null : Math.round(v * hours * 52);
  }
  if (!thousands && v >= 15 && v < 500) return v * 1000;
  if (v >= 800 && v <= 20000)
    return annual && !monthly ? null : Math.round(v * (salariesIn(l) ?? ctx.salaries ?? 12));
  if (v < MIN_ANNUAL || v > MAX_ANNUAL) return null;
  return Math.round(v);
}

/**
 * A pay figure to annual gross EUR. `hint` is the provider's evidence quote: a monthly or hourly
 * figure is converted with it ("4.500 im Monat, 13 Gehälter" → 58500), a net-only one refused.
 * A figure below 500 is thousands ("65" → 65000); 800–20,000 is monthly unless said per year.
 * A number that differs from every figure of its quote counts as converted already and passes
 * unchanged, so normalising twice changes nothing.
 */
export function annualSalary(value: unknown, hint: string, ctx: MoneyContext): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // A number the quote does not say was converted already (58500 for "4.500 im Monat, 13 Gehälter").
    const said = findNumbers(hint).map((n) => n.value);
    if (said.length && !said.some((n) => Math.abs(n - value) < 0.005))
      return value >= MIN_ANNUAL && value <= MAX_ANNUAL ? Math.round(value) : null;
    return annualFrom(value, value >= 1000, hint, ctx);
  }
  if (typeof value !== 'string') return null;
  const n = findNumbers(value)[0];
  return n ? annualFrom(n.value, n.thousands, `${value} ${hint}`, ctx) : null;
}

function expectation(v: unknown, hint: string, ctx: MoneyContext): CallExtraction['salaryExpectationEur'] {
  let min: number | null = null;
  let max: number | null = null;
  if (isRecord(v) || Array.isArray(v)) {
    const lo = isRecord(v) ? (v['min'] ?? v['from'] ?? v['von'] ?? null) : (v[0] ?? null);
    const hi = isRecord(v) ? (v['max'] ?? v['to'] ?? v['bis'] ?? null) : (v[1] ?? null);
    min = lo === null ? null : annualSalary(lo, hint, ctx);
    max = hi === null ? null : annualSalary(hi, hint, ctx);
  } else if (typeof v === 'number') {
    min = annualSalary(v, hint, ctx);
  } else if (typeof v === 'string') {
    // "65 bis 70k", "65.000–70.000 €", "ab 70k", "4.000 bis 4.500 im Monat"
    const nums = findNumbers(v).filter((n) => n.value > 0);
    const context = `${v} ${hint}`;
    if (nums[0]) min = annualFrom(nums[0].value, nums[0].thousands, context, ctx);
    if (nums[1]) max = annualFrom(nums[1].value, nums[1].thousands, context, ctx);
  } else return null;
  if (min === null && max === null) return null;
  const lo = min ?? max!;
  const hi = max ?? min!;
  if (Math.max(lo, hi) / Math.min(lo, hi) > 2) return null;
  return { min: Math.min(lo, hi), max: Math.max(lo, hi) };
}

// --------------------------------------------------------------------------------------------
// Notice period

type Notice = NonNullable<CallExtraction['noticePeriod']>;

function endOfWord(v: unknown): Notice['toEndOf'] {
  const s = (str(v) ?? '').toLowerCase();
  if (/quart|quarter|viertelj/.test(s)) return 'quarter';
  if (/jahr|year/.test(s)) return 'year';
  if (/monat|month/.test(s)) return 'month';
  return null;
}

function notice(v: unknown): Notice | null {
  if (isRecord(v)) {
    const rawAmount = v['amount'] ?? v['value'] ?? v['anzahl'];
    let amount =
      typeof rawAmount === 'number'
        ? rawAmount
        : typeof rawAmount === 'string'
          ? parseCount(rawAmount.trim())
          : null;
    const unitWord = (str(v['unit'] ?? v['einheit']) ?? '').toLowerCase();
    let unit: Notice['unit'] | null = null;
    if (/^(?:weeks?|wochen?|w)$/.test(unitWord)) unit = 'weeks';
    else if (/^(?:months?|monate?n?|m)$/.test(unitWord)) unit = 'months';
    else if (/^(?:quarters?|quartale?)$/.test(unitWord) && amount !== null)
      [amount, unit] = [amount * 3, 'months'];
    else if (/^(?:days?|tage?n?)$/.test(unitWord) && amount !== null && amount % 7 === 0)
      [amount, unit] = [amount / 7, 'weeks'];
    if (amount === 0) return { amount: 0, unit: 'weeks', toEndOf: null };
    if (amount === null || unit === null || amount < 0 || amount > (unit === 'weeks' ? 52 : 24)) return null;
    return { amount, unit, toEndOf: endOfWord(v['toEndOf'] ?? v['zum'] ?? null) };
  }
  const s = str(v);
  if (!s) return null;
  if (
    /^(?:0|keine?|ohne|freigestellt|sofort)\b/i.test(s) ||
    /\bkeine kündigungsfrist\b|\bfreigestellt\b/i.test(s)
  )
    return { amount: 0, unit: 'weeks', toEndOf: null };
  return noticeIn(s)[0]?.notice ?? null;
}

// --------------------------------------------------------------------------------------------
// Enums, lists

function bool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  const s = (str(v) ?? '').toLowerCase();
  if (/^(?:true|ja|yes|y|1|umzugsbereit|bereit)$/.test(s)) return true;
  if (/^(?:false|nein|no|n|0|nicht umzugsbereit)$/.test(s)) return false;
  return null;
}

function workModel(v: unknown): CallExtraction['workModel'] {
  const s = (str(v) ?? '').toLowerCase();
  if (!s) return null;
  if (/hybrid|teilweise|teils|gemischt|mixed|partly|partial/.test(s)) return 'hybrid';
  if (/remote|home-?office|home office|von zu hause|mobil|telearbeit|fully remote|full remote/.test(s))
    return 'remote';
  if (/onsite|on-site|on site|vor ort|büro|buero|office|präsenz|praesenz|in person/.test(s)) return 'onsite';
  return null;
}

function list(v: unknown, max: number, maxLength: number): string[] {
  const items = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[;,\n]|\s+und\s+/) : [];
  const out: string[] = [];
  for (const item of items) {
    const s = str(item);
    if (!s) continue;
    const t = s.length > maxLength ? s.slice(0, maxLength).replace(/\s+\S*$/, '') : s;
    if (!out.some((o) => o.toLowerCase() === t.toLowerCase())) out.push(t);
  }
  return out.slice(0, max);
}

function evidenceOf(v: unknown): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  const put = (k: unknown, q: unknown) => {
    if (
      typeof k !== 'string' ||
      !((EVIDENCED_FIELDS as readonly string[]).includes(k) || STEP_EVIDENCE.test(k))
    )
      return;
    const quote =
      typeof q === 'string'
        ? q
            .replace(/\s+/g, ' ')
            .replace(/^["„“']+|["“”']+$/g, '')
            .trim()
        : '';
    if (quote) out[k] = quote;
  };
  if (isRecord(v)) for (const [k, q] of Object.entries(v)) put(k, q);
  else if (Array.isArray(v)) for (const e of v) if (isRecord(e)) put(e['field'], e['quote'] ?? e['text']);
  return out;
}

// --------------------------------------------------------------------------------------------

/**
 * Any provider's answer → a record of the spec. Enum synonyms are mapped ("Kandidat", "vor Ort"),
 * money made annual gross EUR, notice periods given their shape, dates resolved to YYYY-MM-DD
 * against the call date (phrases like "nächsten Dienstag" included), lists trimmed and deduplicated,
 * evidence kept only for set fields. Flags say which values were dropped and why.
 */
export function normalizeExtraction(
  raw: unknown,
  options: NormalizeOptions,
): { extraction: CallExtraction; flags: ExtractionFlag[] } {
  const flags: ExtractionFlag[] = [];
  if (!isValidYmd(options.callDate)) throw new Error(`callDate must be YYYY-MM-DD, got ${options.callDate}`);
  if (!isRecord(raw)) {
    flags.push({ field: '*', reason: 'Antwort des Anbieters ist kein JSON-Objekt' });
    return { extraction: emptyExtraction('other'), flags };
  }
  const evidence = evidenceOf(raw['evidence']);
  const hint = (f: EvidencedField) => evidence[f] ?? '';
  const transcript = options.transcript ?? '';
  const ctx: MoneyContext = { hours: weeklyHoursIn(transcript), salaries: salariesIn(transcript) };
  const ex = emptyExtraction(callTypeOf(raw['callType'], flags));
  const dropped = (field: string, value: unknown, why = 'nicht lesbar') => {
    if (value !== null && value !== undefined && value !== '')
      flags.push({ field, reason: `${why}: ${JSON.stringify(value).slice(0, 80)}` });
  };

  ex.summary = (str(raw['summary']) ?? '').slice(0, 1000);
  for (const f of ['currentPosition', 'currentEmployer'] as const) {
    const s = str(raw[f]);
    ex[f] = s && s.length <= 120 ? s : null;
    if (!ex[f]) dropped(f, raw[f]);
  }

  ex.currentSalaryEur =
    raw['currentSalaryEur'] == null
      ? null
      : annualSalary(raw['currentSalaryEur'], hint('currentSalaryEur'), ctx);
  if (ex.currentSalaryEur === null)
    dropped('currentSalaryEur', raw['currentSalaryEur'], 'kein Jahresbruttobetrag');
  ex.salaryExpectationEur =
    raw['salaryExpectationEur'] == null
      ? null
      : expectation(raw['salaryExpectationEur'], hint('salaryExpectationEur'), ctx);
  if (ex.salaryExpectationEur === null)
    dropped('salaryExpectationEur', raw['salaryExpectationEur'], 'kein Jahresbruttobetrag');

  ex.noticePeriod = notice(raw['noticePeriod']);
  if (!ex.noticePeriod) dropped('noticePeriod', raw['noticePeriod']);

  for (const f of ['availableFrom', 'followUpDate'] as const) {
    const d = normalizeDate(raw[f], options.callDate);
    if (d && d < options.callDate) {
      dropped(f, raw[f], 'Datum liegt vor dem Gespräch');
      continue;
    }
    ex[f] = d;
    if (!d) dropped(f, raw[f], 'nennt keinen Tag');
  }

  ex.willingToRelocate = bool(raw['willingToRelocate']);
  if (ex.willingToRelocate === null) dropped('willingToRelocate', raw['willingToRelocate']);
  ex.workModel = workModel(raw['workModel']);
  if (!ex.workModel) dropped('workModel', raw['workModel']);

  ex.preferredLocations = list(raw['preferredLocations'], 20, 60);
  ex.skills = list(raw['skills'], 30, 60);
  ex.nextSteps = list(raw['nextSteps'], 8, 200);

  for (const f of EVIDENCED_FIELDS) {
    const q = evidence[f];
    if (ex[f] !== null && q) ex.evidence[f] = q;
  }
  // A step's passage follows the step to its place in the cleaned list.
  const rawSteps = Array.isArray(raw['nextSteps']) ? raw['nextSteps'] : [];
  rawSteps.forEach((step, i) => {
    const q = evidence[`nextSteps[${i}]`];
    const at = typeof step === 'string' ? ex.nextSteps.indexOf(step.trim()) : -1;
    if (q && at >= 0 && !ex.evidence[`nextSteps[${at}]`]) ex.evidence[`nextSteps[${at}]`] = q;
  });
  return { extraction: ex, flags };
}
