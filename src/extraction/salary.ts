import { AGREE_START, counterpartUnits, OFFER_CUE, quoteAround, type Unit } from './conversation.ts';
import { findNumbers, type NumberToken } from './germanNumbers.ts';
import {
  annualOf,
  type Ctx,
  HOURLY,
  hoursAnswered,
  isMoneyToken,
  isNet,
  isStream,
  type Kind,
  netAfter,
  salariesIn,
  weeklyHoursIn,
} from './payFigures.ts';
import { ACCEPTED, classify, REJECT } from './payKind.ts';

/**
 * Pay in a call: today's annual gross and the wanted annual gross. Figures are read where the
 * person speaks about pay (after a pay question or next to pay words); monthly figures are ×12
 * (×13/×14 when said), hourly ones need the weekly hours, net figures are refused, a figure the
 * recruiter offers counts only when the person agrees, and a correction replaces what came before.
 */
export interface SalaryResult {
  current: { value: number; quote: string } | null;
  expectation: { min: number; max: number; quote: string } | null;
}

interface Mention {
  kind: Kind;
  annual: number;
  /** Absolute offsets in the transcript. */
  start: number;
  end: number;
  /** Where the quote ends (an agreed offer quotes the answer too). */
  quoteEnd?: number;
  /** A recruiter's figure the person agreed to. */
  fromOffer?: boolean;
  unit: Unit;
}

const CORRECTION =
  /\b(?:nein|nee|ne|moment|quatsch|sorry|pardon|korrigiere|korrektur|genauer gesagt|eigentlich|sagen wir|warte|warten sie|stimmt nicht|falsch|ich meine|besser gesagt)\b/;
const RANGE_JOIN =
  /^\s*(?:bis|-|–|—|oder|und|,|\/)\s*(?:(?:zu|so|maximal|max\.?|höchstens|vielleicht)\s+)?$/i;
/** "3.600, besser 3.800": a lower and a preferred figure. */
const PREFERRED =
  /^\s*,?\s*(?:besser|lieber|idealerweise|optimalerweise|gerne auch|gern auch|am liebsten)\s*(?:noch\s*)?$/i;
const MIN_MAX =
  /(?:minimum|mindestens|untergrenze|schmerzgrenze)[^.?!]*\b(?:eher|lieber|besser|gerne?|ideal\w*|optimal\w*|am liebsten|wünschenswert)\b/;

/** "Und wie viele Gehälter?" – "Dreizehn.": the number of salaries asked for and answered. */
function salariesAnswered(units: Unit[]): number | null {
  for (const u of units) {
    if (u.role !== 'recruiter' || !/wie ?viele?\s+(?:monats)?gehälter|wie oft im jahr/i.test(u.text))
      continue;
    const next = units[u.index + 1];
    const n = next && next.role !== 'recruiter' ? findNumbers(next.text.slice(0, 30))[0] : undefined;
    if (n && (n.value === 13 || n.value === 14)) return n.value;
  }
  return null;
}

export function extractSalary(units: Unit[], text: string): SalaryResult {
  const speech = counterpartUnits(units)
    .map((u) => u.text)
    .join('\n');
  // 13/14 salaries said about today's pay, not about the wish ("5.500 bei vierzehn Gehältern").
  const aboutNow = counterpartUnits(units)
    .filter((u) => u.topic !== 'salaryWish' && u.topic !== 'offer')
    .map((u) => u.text)
    .join('\n');
  const ctx: Ctx = {
    text,
    hours: weeklyHoursIn(speech) ?? hoursAnswered(units),
    salaries: salariesIn(aboutNow) ?? salariesAnswered(units),
  };
  const mentions: Mention[] = [];
  const offers: Mention[] = [];
  // A call that talks pay by the hour: a bare small figure later ("Lieber zwanzig.", "Der Kunde zahlt
  // neunzehn.") is an hourly rate too, not thousands a year.
  const hourlyRates = units.flatMap((u) =>
    findNumbers(u.text)
      .filter(
        (t) =>
          t.value < 150 &&
          HOURLY.test(u.text.slice(t.end, t.end + 25).toLowerCase()) &&
          // "zweiundzwanzig fünfzig die Stunde": the cents are no rate of their own.
          !/(?:\d|zig|ßig|zehn|elf|zwölf|eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun)\s*(?:euro\s*)?$/i.test(
            u.text.slice(Math.max(0, t.start - 12), t.start),
          ),
      )
      .map((t) => t.value),
  );
  // … as long as the figure lies near the rates said ("zwanzig" after "siebzehn fünfzig die Stunde").
  const nearRates = (v: number) =>
    hourlyRates.length > 0 && v <= Math.max(...hourlyRates) * 1.5 && v >= Math.min(...hourlyRates) * 0.7;
  const hourlyCall = ctx.hours !== null && hourlyRates.length > 0;
  const yearly = (t: NumberToken, unitText: string, kind: Kind): number | null => {
    const annual = annualOf(t, unitText, ctx, kind);
    const around = unitText.slice(Math.max(0, t.start - 25), t.end + 25).toLowerCase();
    if (
      hourlyCall &&
      !t.thousands &&
      !t.decimal &&
      nearRates(t.value) &&
      annual === t.value * 1000 &&
      !/tausend|\d\s*k\b|jahr|monat|brutto|netto/.test(around)
    )
      return Math.round(t.value * ctx.hours! * 52);
    return annual;
  };

  // Recruiter turns that put a figure on the table: their answers talk about the wish.
  const offerUnits = new Set<Unit>();
  for (const u of units) {
    if (u.role !== 'recruiter') continue;
    const l = u.text.toLowerCase();
    if (
      OFFER_CUE.test(l) &&
      findNumbers(u.text).some((t) => isMoneyToken(t, u.text) && annualOf(t, u.text, ctx, 'offer') !== null)
    )
      offerUnits.add(u);
  }

  // "Und fünfundfünfzig ist fix?" – "Sagen wir so: vierundfünfzig bis sechsundfünfzig.": a question that
  // says back the person's figure asks about the same thing (a wish stays a wish).
  const echoedTopic = (u: Unit): Unit['topic'] => {
    if (!u.prompt || !u.prompt.text.includes('?')) return null;
    const p = u.prompt;
    for (const t of findNumbers(p.text).filter((x) => isMoneyToken(x, p.text))) {
      const v = yearly(t, p.text, 'wish');
      const same = mentions.filter((m) => m.annual === v).at(-1);
      if (same) return same.kind === 'wish' ? 'salaryWish' : same.kind === 'now' ? 'salaryNow' : null;
    }
    return null;
  };
  // "… vielleicht fünfundvierzig, wenn's remote ist, ähm nee, sagen wir vierzig bis fünfundvierzig": a
  // correction right after the person's figures goes on with their kind.
  const corrected = (u: Unit, t: NumberToken): Kind | null => {
    const before = u.text.slice(Math.max(0, t.start - 40), t.start).toLowerCase();
    if (!/\b(?:nee|nein|sagen wir|korrigiere|besser gesagt|ich meine)\b/.test(before)) return null;
    const last = mentions.at(-1);
    const at = u.start + t.start;
    if (!last || last.kind === 'reject' || at - last.end > 120) return null;
    // Only the person's own words lie between (no recruiter turn with a figure or an offer).
    if (offers.some((o) => o.start > last.end && o.start < at)) return null;
    return last.kind;
  };

  for (const u of units) {
    const tokens = findNumbers(u.text).filter((t) => isMoneyToken(t, u.text));
    if (u.role === 'recruiter') {
      for (const t of tokens) {
        if (isNet(u.text, t)) continue;
        const annual = yearly(t, u.text, 'offer');
        if (annual !== null)
          offers.push({ kind: 'offer', annual, start: u.start + t.start, end: u.start + t.end, unit: u });
      }
      continue;
    }
    // "achtzehn fünfzig die Stunde", "18 Euro 50 die Stunde": one hourly figure.
    const merged: NumberToken[] = [];
    for (const t of tokens) {
      const prev = merged.at(-1);
      if (
        prev &&
        prev.value < 100 &&
        t.value < 100 &&
        Number.isInteger(prev.value) &&
        /^\s*(?:euro\s*)?$/i.test(u.text.slice(prev.end, t.start)) &&
        (HOURLY.test(u.text.slice(t.end, t.end + 25).toLowerCase()) ||
          /stundenlohn\W{0,3}$|die stunde\W{0,3}$/i.test(
            u.text.slice(Math.max(0, prev.start - 20), prev.start),
          ))
      ) {
        merged[merged.length - 1] = { ...prev, value: prev.value + t.value / 100, end: t.end, decimal: true };
        continue;
      }
      merged.push(t);
    }
    const sentenceNet = (t: NumberToken) => isNet(u.text, t);
    const netLater = netAfter(units, u);
    for (const t of merged) {
      if (sentenceNet(t) || netLater) continue;
      // A prompt about pay without a topic word of its own ("… seit der Gehaltsrunde sind's 72?").
      const topic =
        u.topic ??
        (u.prompt && /gehalt|verdien|\blohn|brutto/i.test(u.prompt.text) ? 'salaryNow' : null) ??
        echoedTopic(u);
      // In a stream, "… zahlt 3.100 brutto im Monat. 3.100 brutto. Ja, das ist gut.": the same figure
      // right after an offer is the offer said back, not today's pay.
      const said = text.slice(u.start + t.start, u.start + t.end);
      const echoValue = yearly(t, u.text, 'offer');
      const echo = offers.find(
        (o) =>
          u.role === 'unknown' &&
          o.unit === u &&
          (text.slice(o.start, o.end) === said || (echoValue !== null && o.annual === echoValue)) &&
          u.start + t.start > o.end &&
          u.start + t.start - o.end < 40,
      );
      const kind =
        (echo
          ? ACCEPTED.test(u.text.slice(t.end, t.end + 40).toLowerCase())
            ? 'wish'
            : 'offer'
          : classify(t, u, u.prompt && offerUnits.has(u.prompt) ? 'offer' : topic, text)) ?? corrected(u, t);
      if (kind === null) continue;
      const annual = yearly(t, u.text, kind);
      if (annual === null || annual < 8000 || annual > 500000) continue;
      const m: Mention = { kind, annual, start: u.start + t.start, end: u.start + t.end, unit: u };
      if (kind === 'offer') offers.push(m);
      else mentions.push(m);
    }
  }

  // A recruiter's figure the person agrees to without naming their own ("Ja, das passt.").
  for (const o of offers) {
    const u = o.unit;
    let reply: string | null = null;
    let replyStart = 0;
    if (u.role === 'recruiter') {
      const next = units[u.index + 1];
      // Only the figure of the question the person answers: it must sit in the last two sentences.
      const tail = u.text.slice(Math.max(0, u.text.length - 160));
      if (!next || next.role === 'recruiter' || !tail.includes(text.slice(o.start, o.end))) continue;
      if (mentions.some((m) => m.unit === next)) continue;
      reply = next.text;
      replyStart = next.start;
    } else {
      const after = text.slice(o.end, o.end + 70);
      const q =
        /\b(?:passt das|wäre das|ist das|einverstanden|okay für sie|interessant|wie klingt das|klingt das gut|was sagen sie(?: dazu)?|wäre das was)\b[^.]*?(?:\?|\s)/i.exec(
          after,
        );
      // With punctuation the answer is the next sentence ("… 60 bis 65 dotiert. Das klingt gut.").
      const sentenceEnd = /[.!?](?=\s)/.exec(after);
      const from = q ? o.end + q.index + q[0].length : sentenceEnd ? o.end + sentenceEnd.index + 1 : o.end;
      reply = text.slice(from, from + 50).replace(/^\s+/, '');
      replyStart = from;
      if (mentions.some((m) => m.start > o.end && m.start < from + 50)) continue;
    }
    // The person's own wish outranks a figure the recruiter states later ("Der Kunde zahlt bis 55." –
    // "Umso besser."), unless the recruiter asks for confirmation ("Also 65 bis 70?" – "Ja, genau.").
    const asked = /\?/.test(text.slice(o.end, Math.max(o.end, replyStart)));
    if (!asked && mentions.some((m) => m.kind === 'wish' && !m.fromOffer && m.start < o.start)) continue;
    const firstSentence = reply.split(/[.!?]/)[0] ?? reply;
    if (
      !AGREE_START.test(reply) ||
      REJECT.test(firstSentence.toLowerCase()) ||
      /\b(?:nein|nee|aber|eher nicht)\b|überleg|mal sehen|mal schauen|weiß (?:ich )?nicht|muss ich/i.test(
        firstSentence,
      )
    )
      continue;
    const end = replyStart + Math.min(firstSentence.length, 60);
    mentions.push({ ...o, kind: 'wish', fromOffer: true, quoteEnd: Math.max(o.end, end) });
  }
  mentions.sort((a, b) => a.start - b.start);

  // Today's pay: the last figure (self-corrections win); a range of today's pay names no figure; a
  // total "mit Bonus" after the base figure is not the base ("dreiundfünfzig, sechsundfünfzig mit Bonus").
  const withBonus = (m: Mention) =>
    /^\s*(?:euro\s+|€\s*)?(?:mit|inklusive|inkl\.?|samt|plus)\s+(?:dem\s+)?(?:bonus|provision|prämie|zulagen|variablem?)/i.test(
      text.slice(m.end, m.end + 30),
    );
  // In a stream the recruiter may say the wish back ("unter vierundsechzig wechsle ich nicht" – "okay,
  // vierundsechzig, das nehme ich so mit"): the same figure shortly after a wish is no pay of today.
  for (const m of mentions) {
    if (m.kind !== 'now' || m.unit.role !== 'unknown') continue;
    const said = text.slice(m.start, m.end).toLowerCase();
    if (
      mentions.some(
        (w) =>
          w.kind === 'wish' &&
          w.start < m.start &&
          m.start - w.end < 120 &&
          (text.slice(w.start, w.end).toLowerCase() === said || w.annual === m.annual),
      )
    )
      m.kind = 'reject';
  }
  const allNow = mentions.filter((m) => m.kind === 'now');
  const now = allNow.filter(
    (m) => !withBonus(m) || !allNow.some((o) => o !== m && o.unit === m.unit && !withBonus(o)),
  );
  const lastNow = now.at(-1);
  let current: SalaryResult['current'] = null;
  if (lastNow) {
    const prev = now.at(-2);
    const between = prev ? text.slice(prev.end, lastNow.start) : '';
    const isRange = prev && prev.unit === lastNow.unit && RANGE_JOIN.test(between) && !/,/.test(between);
    if (!isRange)
      current = {
        value: lastNow.annual,
        quote: quoteAround(text, lastNow.start, lastNow.quoteEnd ?? lastNow.end),
      };
  }

  // The wish: the last figure or range.
  const wishes = mentions.filter((m) => m.kind === 'wish');
  // "Sechzig bis fünfundsechzig. Unter sechzig mach ich's nicht.": a floor that repeats the lower end
  // of a range said before leaves the range as it is.
  const isFloor = (m: Mention) =>
    /\b(?:unter|mindestens|nicht unter|minimum)\s*$/i.test(text.slice(Math.max(0, m.start - 15), m.start));
  while (
    wishes.length >= 3 &&
    isFloor(wishes.at(-1)!) &&
    wishes.at(-3)!.annual === wishes.at(-1)!.annual &&
    wishes.at(-2)!.annual > wishes.at(-1)!.annual
  )
    wishes.pop();
  let expectation: SalaryResult['expectation'] = null;
  const last = wishes.at(-1);
  if (last) {
    let min = last.annual;
    let max = last.annual;
    let start = last.start;
    const prev = wishes.at(-2);
    if (prev && prev.unit === last.unit) {
      const between = text.slice(prev.end, last.start).toLowerCase();
      const sameSentence = !/[.!?\n]/.test(between);
      const before = text.slice(Math.max(prev.unit.start, prev.start - 12), prev.start).toLowerCase();
      const joined =
        (RANGE_JOIN.test(between) && (!/^\s*und\s*$/.test(between) || /zwischen\s*$/.test(before))) ||
        (MIN_MAX.test(between) && last.annual > prev.annual) ||
        (PREFERRED.test(between) && last.annual > prev.annual) ||
        // A stream without commas: "so 65 66 wäre schön", "vierzig zweiundvierzig"
        (isStream(last.unit.text) &&
          /^\s*(?:vielleicht\s+|eventuell\s+)?$/.test(between) &&
          last.annual > prev.annual &&
          last.annual / prev.annual <= 1.3);
      if (sameSentence && joined && !CORRECTION.test(between)) {
        min = Math.min(prev.annual, last.annual);
        max = Math.max(prev.annual, last.annual);
        start = prev.start;
      }
    }
    if (max / min <= 1.6)
      expectation = { min, max, quote: quoteAround(text, start, last.quoteEnd ?? last.end) };
  }
  return { current, expectation };
}
