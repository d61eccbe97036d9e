import type { CallExtraction } from './callExtraction.ts';
import { counterpartUnits, quoteAround, type Unit } from './conversation.ts';
import { answersTo, confirmed, type Found, firstWords, lower } from './fieldSupport.ts';
import { parseCount } from './germanNumbers.ts';

type Notice = NonNullable<CallExtraction['noticePeriod']>;

const DURATION =
  /(?<![\p{L}\d])(\d{1,2}|[\p{L}]+)\s+(wochen?|monate?n?|quartale?|vierteljahre?)(?![\p{L}])|(?<![\p{L}])(?:ein(?:em)?\s+)?halbe[ns]?\s+jahr(?![\p{L}])/giu;
const NOT_NOTICE_BEFORE = /(?:\bseit|\bvor|\bnach|\bfür|\bin|\balle|\bnoch|\bbis auf|\bca\.?|\bje)\s*$/i;
export const ZERO_NOTICE =
  /\b(?:keine(?:rlei)?\s+kündigungsfrist|ohne\s+(?:kündigungs)?frist|(?:bin|wurde|werde|sind)\s+(?:\w+\s+){0,2}freigestellt|kündigungsfrist\??\s*(?:habe ich |hab ich )?(?:ja |eh |doch |also |dann )?keine)\b|^\s*(?:keine|gar keine|null)\b(?!\s+ahnung)/i;

export function endOf(text: string): Notice['toEndOf'] {
  const l = lower(text);
  if (/quartal|vierteljahres(?:ende)?/.test(l)) return 'quarter';
  // Swiss and Austrian "auf Ende Monat", "per Ende Jahr".
  if (/\bende (?:jahr|kalenderjahr)\b/.test(l)) return 'year';
  if (/\bende monat\b/.test(l)) return 'month';
  if (
    /(?<!halb)jahresende|ende (?:des|eines) (?:kalender)?jahres|zum jahr(?:esende|eswechsel)?\b|jahresschluss|zum jahreswechsel/.test(
      l,
    )
  )
    return 'year';
  if (
    /monatsende|ende (?:des|eines) monats|zum monat\b|monatsletzten|monatsschluss|zum fünfzehnten oder/.test(
      l,
    )
  )
    return 'month';
  return null;
}

export function noticeIn(text: string): { notice: Notice; at: number; end: number }[] {
  const out: { notice: Notice; at: number; end: number }[] = [];
  for (const m of text.matchAll(DURATION)) {
    const before = text.slice(Math.max(0, m.index - 14), m.index);
    if (NOT_NOTICE_BEFORE.test(before)) continue;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 60);
    if (/^\s*(?:probezeit|homeoffice|urlaub|elternzeit|krank)/i.test(after)) continue;
    let amount: number | null;
    let unit: Notice['unit'];
    if (!m[1]) {
      amount = 6;
      unit = 'months';
    } else {
      // Bavarian "an Monat", "oa Woch": one.
      amount = /^(?:a|an|oan|oa)$/i.test(m[1]) && /^(?:monat|woche)$/i.test(m[2]!) ? 1 : parseCount(m[1]);
      const u = lower(m[2]!);
      if (u.startsWith('quartal') || u.startsWith('vierteljahr')) {
        amount = amount === null ? null : amount * 3;
        unit = 'months';
      } else unit = u.startsWith('woche') ? 'weeks' : 'months';
    }
    if (amount === null || amount <= 0 || amount > (unit === 'weeks' ? 26 : 12)) continue;
    // The end-of-period words belong to this duration: up to the sentence end or the next duration.
    // "Drei Monate. Zum Monatsende, glaub ich.": the end may follow in the next sentence.
    // "Einen Monat, glaub ich. Zum Monatsende.": an aside before the full stop changes nothing.
    const nextEnd =
      /^(?:\s*,?\s*(?:glaub ich|glaube ich|denk ich|denke ich|schätz ich|meine ich|oder so|ungefähr))?\s*[.!]\s*(?:ja,?\s+)?(?:und\s+)?zum\s+(?:monats|quartals|jahres)ende\b/i.exec(
        after,
      );
    const rest = nextEnd ? nextEnd[0] : (after.split(/[.!?]|\b\d{1,2}\s+(?:wochen|monate)/i)[0] ?? '');
    out.push({
      notice: { amount, unit, toEndOf: endOf(rest) },
      at: m.index,
      end: m.index + m[0].length + (nextEnd ? nextEnd[0].length : 0),
    });
  }
  return out;
}

export function extractNotice(units: Unit[], text: string): Found<Notice> | null {
  let found: Found<Notice> | null = null;
  const cue =
    /kündigungsfrist|kündigungszeit|\bfrist\b|\bkündigen\b|\bund (?:die |ihre |deine )?kündigung\b|\bkündigung\?|\b(?:mit|wegen) (?:der|ihrer|deiner) kündigung\b/;
  const stream = units.every((u) => u.role === 'unknown');
  // In a stream the duration may stand just before the cue ("drei Monate Kündigungsfrist").
  const pieces: { text: string; start: number }[] = stream
    ? units
        .filter((u) => u.topic === 'notice')
        .map((u) => {
          const from = Math.max(0, u.start - 40);
          return { text: text.slice(from, u.start + u.text.length), start: from };
        })
    : answersTo(units, 'notice', cue);
  for (const u of pieces) {
    const l = u.text;
    const periods = noticeIn(l);
    const zero = ZERO_NOTICE.exec(l);
    const last = periods.at(-1);
    if (last && (!zero || zero.index < last.at)) {
      found = { value: last.notice, quote: quoteAround(text, u.start + last.at, u.start + last.end) };
    } else if (zero) {
      found = {
        value: { amount: 0, unit: 'weeks', toEndOf: null },
        quote: quoteAround(text, u.start + zero.index, u.start + zero.index + zero[0].length),
      };
    }
  }
  // A correction the recruiter prompts right after the answer ("Laut Vertrag steht da aber zum
  // Quartalsende." – "Ach, stimmt. Drei Monate zum Quartalsende."): the corrected period wins.
  if (found && !stream) {
    const answer = units.find(
      (u) =>
        u.role === 'counterpart' &&
        (u.topic === 'notice' || cue.test(lower(u.text))) &&
        u.text.includes(found!.quote.slice(0, 12)),
    );
    for (const u of answer ? units.slice(answer.index + 1, answer.index + 3) : []) {
      if (u.role !== 'counterpart' || u.topic !== null || u.prompt?.topic) continue;
      const last = noticeIn(u.text).at(-1);
      if (
        last &&
        /\b(?:stimmt|richtig|genau|recht|korrekt|eigentlich|ach so|ach ja|stimmt ja)\b/i.test(
          u.text.slice(0, last.at),
        )
      )
        found = { value: last.notice, quote: quoteAround(text, u.start + last.at, u.start + last.end) };
    }
  }
  if (found) return found;
  // "Sie haben drei Monate Kündigungsfrist, oder?" – "Ja."
  for (const u of units) {
    if (u.role !== 'recruiter' || u.topic !== 'notice') continue;
    const yes = confirmed(units, u);
    const last = noticeIn(u.text).at(-1);
    if (yes && last)
      found = {
        value: last.notice,
        quote: `${quoteAround(text, u.start + last.at, u.start + last.end)} … ${firstWords(yes.text)}`,
      };
  }
  if (found) return found;
  // "Ab wann?" – "Ich habe drei Monate zum Monatsende, also …": a period with its end date is a notice
  // period whatever was asked.
  for (const u of counterpartUnits(units)) {
    for (const p of noticeIn(u.text)) {
      const tail = u.text.slice(p.end, p.end + 30);
      if (
        p.notice.toEndOf &&
        /^\s*(?:kündigungsfrist\s+)?(?:zum|zu[mr]|auf|per)\s+(?:ende\s+)?(?:monats|quartals|jahres|monat|quartal)/i.test(
          tail,
        )
      )
        found = { value: p.notice, quote: quoteAround(text, u.start + p.at, u.start + p.end) };
    }
  }
  if (found) return found;
  // "ich bin schon freigestellt", said anywhere.
  for (const u of counterpartUnits(units)) {
    const m = /\b(?:bin|wurde|werde)\s+(?:\w+\s+){0,2}freigestellt\b/i.exec(u.text);
    if (m)
      found = {
        value: { amount: 0, unit: 'weeks', toEndOf: null },
        quote: quoteAround(text, u.start + m.index, u.start + m.index + m[0].length),
      };
  }
  return found;
}
