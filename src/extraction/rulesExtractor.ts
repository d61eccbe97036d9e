import { type CallExtraction, emptyExtraction } from './callExtraction.ts';
import { addDays, resolveDatePhrase } from './dateResolver.ts';
import { findNumbers, type NumberToken, parseGermanNumberWord } from './germanNumbers.ts';
import { type ParsedTranscript, parseTranscript, sentences, type Turn } from './transcript.ts';
import { GERMAN_CITIES, SKILL_VOCABULARY } from './vocabulary.ts';

/**
 * The offline extractor ("rules" provider): German conversational patterns, no external service.
 * It answers a field only when the call says it; a wrong value is worse than none. Every value it sets
 * carries the verbatim passage it came from (evidence), checked again by the shared post-processing.
 */

interface Window {
  text: string;
  start: number;
}

const TOPICS = {
  salaryNow: /verdien|gehaltlich|gehalt\b|wo liegen sie|wo stehen sie|einkommen|bezahlt (?:werden|sie)/i,
  salaryWish:
    /vorstellung|vorstellen|wunsch|wünschen|erwart|nächsten schritt|für einen wechsel|was müsste|wie viel (?:müsste|sollte|wollen)|gehaltsvorstellung/i,
  notice: /kündigungsfrist|kündigen|gekündigt/i,
  start: /anfangen|starten|beginnen|verfügbar|einsteigen|ab wann/i,
  relocate: /umzug|umzieh|umzuzieh|relocat|wegzieh/i,
  workModel: /remote|homeoffice|home-office|home office|hybrid|im büro|vor ort|pendeln|präsenz/i,
};
const ANY_TOPIC = new RegExp(
  Object.values(TOPICS)
    .map((r) => r.source)
    .join('|'),
  'gi',
);

/** Where the other party answers a topic: their turn after the recruiter asks, or their own statements. */
function windowsFor(p: ParsedTranscript, topic: RegExp, opts: { selfStatements?: boolean } = {}): Window[] {
  if (!p.labelled) {
    const out: Window[] = [];
    const re = new RegExp(topic.source, 'gi');
    for (const m of p.text.matchAll(re)) {
      const from = m.index;
      const after = m.index + m[0].length;
      let to = Math.min(p.text.length, from + 160);
      // The window ends where the talk turns to another topic.
      for (const n of p.text.slice(after, to).matchAll(ANY_TOPIC)) {
        if (!new RegExp(topic.source, 'i').test(n[0])) {
          to = after + n.index;
          break;
        }
      }
      out.push({ text: p.text.slice(from, to), start: from });
    }
    return out;
  }
  const out: Window[] = [];
  const seen = new Set<number>();
  p.turns.forEach((t, i) => {
    if (t.role === 'recruiter' && topic.test(t.text)) {
      const answer = p.turns.slice(i + 1).find((x) => x.role !== 'recruiter');
      if (answer && !seen.has(answer.index) && answer.index === i + 1) {
        seen.add(answer.index);
        out.push({ text: answer.text, start: answer.start });
      }
    } else if (
      t.role !== 'recruiter' &&
      (opts.selfStatements ?? true) &&
      topic.test(t.text) &&
      !seen.has(t.index)
    ) {
      seen.add(t.index);
      out.push({ text: t.text, start: t.start });
    }
  });
  return out;
}

const otherTurns = (p: ParsedTranscript): Turn[] =>
  p.labelled ? p.turns.filter((t) => t.role !== 'recruiter') : p.turns;

/** The passage around [start, end) of the transcript, cut at sentence ends, at most 200 characters. */
function quote(text: string, start: number, end: number): string {
  let s = start;
  let e = end;
  while (s > 0 && start - s < 80 && !/[.!?\n]/.test(text[s - 1]!)) s--;
  while (e < text.length && e - end < 80 && !/[.!?\n]/.test(text[e]!)) e++;
  let q = text.slice(s, e).trim();
  if (q.length > 200)
    q = text
      .slice(Math.max(start - 20, 0), Math.min(end + 20, text.length))
      .trim()
      .slice(0, 200);
  return q;
}

// ---------------------------------------------------------------------------------------------------
// Call type

function callTypeOf(p: ParsedTranscript): CallExtraction['callType'] {
  if (p.counterpartHint) return p.counterpartHint;
  const t = p.text.toLowerCase();
  const count = (res: RegExp[]) => res.reduce((n, r) => n + (r.test(t) ? 1 : 0), 0);
  const candidate = count([
    /kündigungsfrist/,
    /was verdienen sie|gehaltlich|wo liegen sie|ihr gehalt|ihre (gehalts)?vorstellung/,
    /sie sind [^.?]{2,60} bei/,
    /beworben|bewerbung|lebenslauf|ihr profil|unterlagen/,
    /wechsel|neue[nr]? (stelle|herausforderung)/,
    /ich (arbeite|bin) (als|seit)/,
  ]);
  const client = count([
    /(sie|wir) suchen/,
    /stelle[n]? (zu )?besetzen|vakanz|offene stelle/,
    /konditionen|erfolgsbasis|provision für uns|honorar/,
    /stellenbeschreibung|anforderungsprofil/,
    /(erste|passende) kandidaten|kandidaten vorstellen|profil(e)? (schicken|vorstellen)/,
    /personalleitung|personalleiter|niederlassungsleit|geschäftsführ|hr[- ]abteilung/,
  ]);
  const vendor = count([
    /angebot für|sonderangebot|katalog|aus ihrer liste|werbung|zufrieden mit ihre|lieferant|bestellen/,
  ]);
  if (candidate >= 2 && candidate > client) return 'candidate';
  if (client >= 2 && client > vendor) return 'client';
  if (vendor > 0) return 'other';
  if (candidate > 0 && candidate >= client) return 'candidate';
  if (client > 0) return 'client';
  return 'other';
}

// ---------------------------------------------------------------------------------------------------
// Money

const NOT_MONEY_AFTER =
  /^\s*(jahre?n?|wochen?|monaten?|tagen?|tage|prozent|%|uhr|stück|kunden|gehälter|monatsgehälter|mitarbeiter\w*|stunden|leute|kandidaten|personen|minuten|km|kilometer)\b/i;
const NOT_MONEY_BEFORE = /(seit|vor|ab|im|in|um|für)\s*$/i;

interface Money {
  value: number;
  start: number;
  end: number;
}

/** Amounts in a window that can be salaries, in EUR per year; monthly and hourly figures converted. */
function moneyIn(w: Window, whole: string): Money[] {
  const lower = w.text.toLowerCase();
  const tokens = findNumbers(w.text).filter((n) => {
    const after = w.text.slice(n.end, n.end + 20);
    const before = w.text.slice(Math.max(0, n.start - 8), n.start);
    if (NOT_MONEY_AFTER.test(after)) return false;
    // "seit 2021", "vor 3 Jahren", "um zehn"; "ab 70k" is money though.
    if (NOT_MONEY_BEFORE.test(before) && !/ab\s*$/i.test(before)) return n.thousands || n.value >= 1000;
    return n.value > 0;
  });
  const out: Money[] = [];
  for (const n of tokens) {
    const sentence = sentenceAround(w.text, n);
    const s = sentence.toLowerCase();
    if (/netto/.test(s) && !/brutto/.test(s)) continue;
    if (/zu wenig|reicht (mir )?nicht|zu niedrig/.test(clauseAround(w.text, n).toLowerCase())) continue;
    let v = n.value;
    const monthly = /(im|pro|je|den|a)\s+monat|monatlich|\bmtl\b|\/\s*monat/.test(s);
    const hourly = /stunde|stundenlohn|\/\s*h\b/.test(s);
    if (hourly) {
      const h = /(\d+|[a-zäöüß]+)\s*stunden\s*(die|pro|in der|je)\s*woche/.exec(s);
      const hours = h ? (/^\d+$/.test(h[1]!) ? Number(h[1]) : parseGermanNumberWord(h[1]!)) : null;
      if (!hours || v > 500) continue;
      v = Math.round(v * hours * 52);
    } else if (monthly) {
      if (v < 500 || v > 30000) continue;
      const salaries = /(vierzehn|14)\s*(monats)?gehälter/.test(lower)
        ? 14
        : /(dreizehn|13)\s*(monats)?gehälter/.test(lower)
          ? 13
          : 12;
      v = v * salaries;
    } else if (v < 1000) {
      // "65 bis 70", "siebzig passt": thousands in salary talk.
      if (v < 15 || v > 400) continue;
      v = v * 1000;
    } else if (v < 10000) {
      continue;
    }
    if (v < 8000 || v > 1_000_000) continue;
    out.push({ value: v, start: w.start + n.start, end: w.start + n.end });
  }
  void whole;
  return out;
}

function sentenceAround(text: string, n: NumberToken): string {
  return sentences(text).find((s) => s.start <= n.start && s.start + s.text.length >= n.end)?.text ?? text;
}
function clauseAround(text: string, n: NumberToken): string {
  let s = n.start;
  let e = n.end;
  while (s > 0 && !/[,.;!?\n]/.test(text[s - 1]!)) s--;
  while (e < text.length && !/[,.;!?\n]/.test(text[e]!)) e++;
  return text.slice(s, e);
}

/** Two amounts joined by "bis", a dash, "und" (after "zwischen") or a bare comma form a range. */
function rangeIn(w: Window, money: Money[], whole: string): { min: Money; max: Money } | null {
  for (let i = money.length - 2; i >= 0; i--) {
    const a = money[i]!;
    const b = money[i + 1]!;
    const between = whole.slice(a.end, b.start).toLowerCase();
    if (/^\s*(bis|-|–|—|und|oder)\s*$/.test(between) || /^\s*,\s*$/.test(between)) {
      if (
        /^\s*und\s*$/.test(between) &&
        !/zwischen\s*$/i.test(whole.slice(Math.max(w.start, a.start - 12), a.start))
      )
        continue;
      return a.value <= b.value ? { min: a, max: b } : { min: b, max: a };
    }
  }
  return null;
}

const AGREEMENT = /^\s*(ja|jo|genau|passt|einverstanden|das passt|klingt gut|okay|ok|gut)\b/i;

function salaries(p: ParsedTranscript, ex: CallExtraction) {
  const whole = p.text;
  // Current pay: the last figure the person names (self-corrections win).
  const nowWindows = windowsFor(p, TOPICS.salaryNow).filter(
    (w) => !TOPICS.salaryWish.test(w.text) || TOPICS.salaryNow.test(w.text),
  );
  let current: Money | null = null;
  for (const w of nowWindows) {
    const m = moneyIn(w, whole);
    if (m.length) current = m.at(-1)!;
  }
  // What they want: answers to the expectation question, or a figure the recruiter proposed and they accepted.
  let wish: { min: number; max: number; start: number; end: number } | null = null;
  const wishTurns = p.labelled
    ? p.turns.flatMap((t, i) => (t.role === 'recruiter' && TOPICS.salaryWish.test(t.text) ? [i] : []))
    : [];
  // A counter-figure to the recruiter's offer is an expectation too ("sechzig ist zu wenig, vierundsechzig").
  const offerAnswers: Window[] = p.labelled
    ? p.turns.flatMap((t, i) => {
        const next = p.turns[i + 1];
        const offers =
          t.role === 'recruiter' &&
          /bieten|zahlen|budget|drin|interessant|passt das/i.test(t.text) &&
          moneyIn({ text: t.text, start: t.start }, whole).length > 0;
        return offers && next && next.role !== 'recruiter' ? [{ text: next.text, start: next.start }] : [];
      })
    : [];
  for (const w of [...windowsFor(p, TOPICS.salaryWish), ...offerAnswers].sort((a, b) => a.start - b.start)) {
    const m = moneyIn(w, whole);
    if (current && m.length && m.every((x) => x.start === current!.start)) continue;
    const r = rangeIn(w, m, whole);
    if (r) wish = { min: r.min.value, max: r.max.value, start: r.min.start, end: r.max.end };
    else if (m.length) {
      const last = m.at(-1)!;
      wish = { min: last.value, max: last.value, start: last.start, end: last.end };
    }
  }
  if (!wish && p.labelled) {
    // "Mein Kunde könnte 70 bieten, passt das?" – "Ja, das passt."
    for (const i of wishTurns.concat(
      p.turns.flatMap((t, i) =>
        t.role === 'recruiter' && /bieten|zahlen|drin|budget/i.test(t.text) ? [i] : [],
      ),
    )) {
      const offer = moneyIn({ text: p.turns[i]!.text, start: p.turns[i]!.start }, whole).at(-1);
      const reply = p.turns[i + 1];
      if (
        offer &&
        reply &&
        reply.role !== 'recruiter' &&
        AGREEMENT.test(reply.text) &&
        !/zu wenig|nicht/i.test(reply.text)
      ) {
        wish = { min: offer.value, max: offer.value, start: offer.start, end: offer.end };
      }
    }
  }
  if (current) {
    ex.currentSalaryEur = current.value;
    ex.evidence['currentSalaryEur'] = quote(whole, current.start, current.end);
  }
  if (wish) {
    ex.salaryExpectationEur = { min: wish.min, max: wish.max };
    ex.evidence['salaryExpectationEur'] = quote(whole, wish.start, wish.end);
  }
}

// ---------------------------------------------------------------------------------------------------
// Notice period, start date, relocation, work model

const END_OF: [RegExp, 'month' | 'quarter' | 'year'][] = [
  [/quartal/i, 'quarter'],
  [/jahresende|ende des jahres|zum jahr/i, 'year'],
  [/monatsende|ende des monats|zum monat|monatsletzten/i, 'month'],
];

function notice(p: ParsedTranscript, ex: CallExtraction) {
  for (const w of windowsFor(p, TOPICS.notice)) {
    const none =
      /\b(keine|ohne)\s+kündigungsfrist|bin (schon |bereits )?freigestellt|kündigungsfrist[^.]{0,20}\bkeine\b|^\s*keine\b/i.exec(
        w.text,
      );
    // The period nearest after the word "Kündigungsfrist" (a turn may also talk about hours per week).
    const cue = w.text.search(/kündigungsfrist/i);
    const periods = [
      ...w.text.matchAll(/(?<![\p{L}\d])(\d+|[a-zäöüß]+)\s+(wochen?|monate?n?)(?![\p{L}\d])/giu),
    ]
      .map((m) => ({ m, amount: /^\d+$/.test(m[1]!) ? Number(m[1]) : parseGermanNumberWord(m[1]!) }))
      .filter((x) => x.amount !== null && x.amount > 0 && x.amount <= 24)
      .sort((a, b) => Math.abs(a.m.index - Math.max(cue, 0)) - Math.abs(b.m.index - Math.max(cue, 0)));
    const found = periods[0];
    if (found) {
      const { m, amount } = found;
      const rest = w.text.slice(m.index, m.index + m[0].length + 40);
      const toEndOf = END_OF.find(([re]) => re.test(rest))?.[1] ?? null;
      ex.noticePeriod = { amount: amount!, unit: /woche/i.test(m[2]!) ? 'weeks' : 'months', toEndOf };
      ex.evidence['noticePeriod'] = quote(p.text, w.start + m.index, w.start + m.index + m[0].length);
      return;
    }
    if (none) {
      ex.noticePeriod = { amount: 0, unit: 'weeks', toEndOf: null };
      ex.evidence['noticePeriod'] = quote(
        p.text,
        w.start + none.index,
        w.start + none.index + none[0].length,
      );
      return;
    }
  }
  // "ich bin freigestellt" said elsewhere, without the word Kündigungsfrist.
  for (const t of otherTurns(p)) {
    const m = /\b(bin|wurde) (schon |bereits )?freigestellt\b/i.exec(t.text);
    if (m) {
      ex.noticePeriod = { amount: 0, unit: 'weeks', toEndOf: null };
      ex.evidence['noticePeriod'] = quote(p.text, t.start + m.index, t.start + m.index + m[0].length);
      return;
    }
  }
}

function availableFrom(p: ParsedTranscript, callDate: string, ex: CallExtraction) {
  const windows = [
    ...windowsFor(p, TOPICS.start),
    ...otherTurns(p).map((t) => ({ text: t.text, start: t.start })),
  ];
  for (const w of windows) {
    for (const s of sentences(w.text, w.start)) {
      const lower = s.text.toLowerCase();
      const startCue = TOPICS.start.test(lower) || /\bsofort\b/.test(lower);
      if (!startCue) continue;
      if (
        /anfang|mitte|ende|frühjahr|sommer|herbst|winter|irgendwann/.test(lower) &&
        !/\d|ersten|sofort/.test(lower)
      )
        continue;
      const r = resolveDatePhrase(s.text, callDate);
      if (!r) continue;
      // A weekday or "morgen" in a start sentence is usually the next appointment, not the start.
      if (
        /morgen|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|in \w+ (tag|woche)/.test(r.match)
      )
        continue;
      ex.availableFrom = r.date;
      ex.evidence['availableFrom'] = quote(p.text, s.start, s.start + s.text.length);
      return;
    }
  }
}

function relocation(p: ParsedTranscript, ex: CallExtraction) {
  for (const w of windowsFor(p, TOPICS.relocate)) {
    const s = w.text.toLowerCase();
    const yes =
      /kein problem|würde (ich )?(auch )?umziehen|wäre (ich )?bereit|bin (da )?flexibel|kann (ich )?mir (gut )?vorstellen|^\s*ja\b|denkbar|gerne|umzug wäre (für mich )?(ok|okay|möglich)/.test(
        s,
      );
    const no =
      /(nicht|nie|keinesfalls|auf keinen fall) (um)?zieh|umzieh\w* (will|möchte|kann|werde) ich nicht|kein umzug|umzug (kommt )?(für mich )?nicht|^\s*nein\b|bleib\w* (lieber )?(in|hier)|will (ich )?nicht (um|weg)zieh/.test(
        s,
      );
    if (yes === no) continue;
    ex.willingToRelocate = yes;
    const cue = TOPICS.relocate.exec(w.text) ?? { index: 0, 0: w.text.slice(0, 10) };
    ex.evidence['willingToRelocate'] = quote(
      p.text,
      w.start + cue.index,
      w.start + cue.index + cue[0].length,
    );
    return;
  }
}

function workModel(p: ParsedTranscript, ex: CallExtraction) {
  for (const t of otherTurns(p)) {
    for (const s of sentences(t.text, t.start)) {
      const l = s.text.toLowerCase();
      let model: CallExtraction['workModel'] = null;
      if (
        /hybrid|(\w+|\d)(,| oder| bis)? (\w+ )?tage? (die woche )?(im )?home-?office|tage (die woche )?(im )?büro|teils/.test(
          l,
        ) &&
        !/komplett|nur|100|ausschließlich/.test(l)
      )
        model = 'hybrid';
      else if (
        /remote|home-?office|von zu hause|nicht mehr pendeln/.test(l) &&
        /komplett|nur|100|voll|ganz|ausschließlich|will|möchte|bitte|lieber|am liebsten|ideal/.test(l)
      )
        model = 'remote';
      else if (
        /lieber (im|ins) büro|vor ort|im büro arbeiten|präsenz|kein (home-?office|remote)/.test(l) &&
        !/nicht (im|ins) büro/.test(l)
      )
        model = 'onsite';
      if (/\?\s*$/.test(s.text)) model = null;
      if (model) {
        ex.workModel = model;
        ex.evidence['workModel'] = quote(p.text, s.start, s.start + s.text.length);
        return;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Next steps and follow-up

const CONTACT =
  /(an)?ruf|telefonier|sprechen wir|wir sprechen|melde|hören uns|termin|besprechen|durchgehen|treffen|zurückrufen|rückruf/i;

/** A date named right next to an agreed contact ("ruf Sie nächsten Dienstag an", "telefonieren wir am 12. Mai"). */
function followUpIn(sentence: string, callDate: string): string | null {
  const re = new RegExp(CONTACT.source, 'gi');
  for (const m of sentence.matchAll(re)) {
    const near = sentence.slice(Math.max(0, m.index - 45), m.index + m[0].length + 45);
    const r = resolveDatePhrase(near, callDate);
    if (r && r.date > callDate && !/sofort|heute/.test(r.match)) return r.date;
  }
  return null;
}

function nextSteps(p: ParsedTranscript, callDate: string, ex: CallExtraction) {
  const steps: string[] = [];
  const source = p.labelled ? p.turns.filter((t) => t.role === 'recruiter') : p.turns;
  for (const t of source) {
    for (const s of sentences(t.text, t.start)) {
      const l = s.text.toLowerCase();
      if (/\?\s*$/.test(s.text)) continue;
      if (
        /schick|sende|weiterleit|leite .* weiter|stell\w* sie .* vor|vorstell|organisier|kläre|melde mich|ruf\w* .* an|telefonier|sprechen/.test(
          l,
        )
      ) {
        steps.push(
          s.text
            .replace(/^(gut|okay|ok|prima|super|sehr gut|dann|also),?\s*/i, '')
            .replace(/\s+/g, ' ')
            .slice(0, 120),
        );
      }
    }
  }
  ex.nextSteps = steps.slice(0, 4);
  // Either side may name the date of the next contact ("Rufen Sie mich übermorgen an").
  for (const t of p.turns) {
    for (const s of sentences(t.text, t.start)) {
      const r = followUpIn(s.text, callDate);
      if (r) {
        ex.followUpDate = r;
        ex.evidence['followUpDate'] = quote(p.text, s.start, s.start + s.text.length);
        return;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Position, employer, skills, locations

const ROLE_INTRO =
  /(?:sie sind|ich bin|sie arbeiten als|ich arbeite als|arbeite (?:ich )?als|tätig als)\s+(?:(?:seit|jetzt|gerade|aktuell|momentan)\s+[^,.?!]*?\s+)?(?:als\s+)?/i;
const EMPLOYER_AFTER =
  /\s+(?:bei|beim)\s+(?:der\s+|dem\s+|den\s+|einer\s+|einem\s+)?([^,.?!]+?)(?=\s+in\s|\s+seit\s|\s+als\s|\s+und\s|[,.?!]|$)/i;

function positionAndEmployer(p: ParsedTranscript, ex: CallExtraction) {
  for (const s of sentences(p.text)) {
    const intro = ROLE_INTRO.exec(s.text);
    if (!intro) continue;
    const rest = s.text.slice(intro.index + intro[0].length);
    const bei = EMPLOYER_AFTER.exec(` ${rest}`);
    if (!bei) continue;
    const position = rest
      .slice(0, Math.max(0, bei.index - 1))
      .replace(/\s+(?:im|in der|in)\s+[^,]*$/i, '')
      .trim();
    const employer = bei[1]!.trim();
    if (!position || position.split(/\s+/).length > 6 || !employer || employer.split(/\s+/).length > 6)
      continue;
    ex.currentPosition = position;
    ex.currentEmployer = employer;
    ex.evidence['currentPosition'] = quote(p.text, s.start, s.start + s.text.length);
    ex.evidence['currentEmployer'] = ex.evidence['currentPosition'];
    // "Sie sind Konstrukteur bei …?" – "Ja, Maschinenbau-Konstrukteur, seit …": the person's own words win.
    const turn = p.labelled
      ? p.turns.find((t) => t.start <= s.start && s.start <= t.start + t.text.length)
      : undefined;
    const reply = turn && turn.role === 'recruiter' ? p.turns[turn.index + 1] : undefined;
    const refined = reply
      ? /^(?:ja|genau|richtig|korrekt|stimmt)[,.!]?\s+([A-ZÄÖÜ][\wäöüß-]+(?:[ -][A-ZÄÖÜ][\wäöüß-]+){0,3})(?=[,.]|\s+(?:seit|bei|im|in)\s)/i.exec(
          reply.text,
        )
      : null;
    if (
      reply &&
      refined &&
      !/^(seit|ich|für|bei|im|in|das|die|der|genau|ja)$/i.test(refined[1]!.split(' ')[0]!)
    ) {
      ex.currentPosition = refined[1]!;
      ex.evidence['currentPosition'] = quote(p.text, reply.start, reply.start + refined[0].length);
    }
    return;
  }
}

function skills(p: ParsedTranscript, ex: CallExtraction) {
  const text = otherTurns(p)
    .map((t) => t.text)
    .join('\n');
  const found: string[] = [];
  for (const skill of SKILL_VOCABULARY) {
    const re = new RegExp(
      `(^|[^\\wäöü])${skill.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ -]?')}($|[^\\wäöü])`,
      'i',
    );
    if (re.test(text) && !found.some((f) => f.toLowerCase() === skill.toLowerCase())) found.push(skill);
  }
  ex.skills = found.slice(0, 12);
}

function locations(p: ParsedTranscript, ex: CallExtraction) {
  const out: string[] = [];
  for (const t of otherTurns(p)) {
    for (const s of sentences(t.text, t.start)) {
      if (
        !/\b(geht|ginge|ist gut|wäre gut|passt|auch|gerne|kein problem|vorstellen|in frage|okay|ok|möglich|bleib)\b/i.test(
          s.text,
        )
      )
        continue;
      if (/\bbei\b[^,.]*\bin\s+[A-ZÄÖÜ]/.test(s.text) && !/\b(geht|ist gut|passt|gerne)\b/i.test(s.text))
        continue;
      for (const city of GERMAN_CITIES) {
        if (new RegExp(`\\b${city}\\b`).test(s.text) && !out.includes(city)) out.push(city);
      }
    }
  }
  ex.preferredLocations = out;
}

// ---------------------------------------------------------------------------------------------------

const euro = (n: number) => `${new Intl.NumberFormat('de-DE').format(n)} €`;

function summaryOf(ex: CallExtraction): string {
  if (ex.callType === 'other') return 'Anruf ohne Bezug zu Kandidaten oder Kundenaufträgen.';
  if (ex.callType === 'client') {
    return `Akquisegespräch mit einem Kunden.${ex.nextSteps.length ? ` Vereinbart: ${ex.nextSteps.join('; ')}.` : ''}${ex.followUpDate ? ` Nächster Kontakt am ${ex.followUpDate}.` : ''}`.replace(
      /\.\./g,
      '.',
    );
  }
  const parts: string[] = [];
  const who = [ex.currentPosition, ex.currentEmployer ? `bei ${ex.currentEmployer}` : null]
    .filter(Boolean)
    .join(' ');
  parts.push(`Gespräch mit Kandidat${who ? ` (${who})` : ''}.`);
  const money: string[] = [];
  if (ex.currentSalaryEur) money.push(`verdient ${euro(ex.currentSalaryEur)}`);
  if (ex.salaryExpectationEur) {
    const { min, max } = ex.salaryExpectationEur;
    money.push(`wünscht ${min === max ? euro(min) : `${euro(min)}–${euro(max)}`}`);
  }
  if (money.length) parts.push(`${money.join(' und ')}.`.replace(/^./, (c) => c.toUpperCase()));
  if (ex.noticePeriod) {
    const { amount, unit, toEndOf } = ex.noticePeriod;
    const end = toEndOf
      ? ` zum ${{ month: 'Monatsende', quarter: 'Quartalsende', year: 'Jahresende' }[toEndOf]}`
      : '';
    parts.push(
      amount === 0
        ? 'Keine Kündigungsfrist.'
        : `Kündigungsfrist ${amount} ${unit === 'weeks' ? 'Wochen' : 'Monate'}${end}.`,
    );
  }
  if (ex.followUpDate) parts.push(`Nächster Kontakt am ${ex.followUpDate}.`);
  return parts.slice(0, 4).join(' ');
}

/** Extracts the call record from a German transcript without any external service. */
export function extractByRules(transcript: string, callDate: string): CallExtraction {
  const p = parseTranscript(transcript);
  const ex = emptyExtraction(callTypeOf(p));
  nextSteps(p, callDate, ex);
  if (ex.callType === 'candidate') {
    positionAndEmployer(p, ex);
    salaries(p, ex);
    notice(p, ex);
    availableFrom(p, callDate, ex);
    relocation(p, ex);
    workModel(p, ex);
    skills(p, ex);
    locations(p, ex);
  }
  ex.summary = summaryOf(ex);
  void addDays;
  return ex;
}
