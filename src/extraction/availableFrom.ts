import { counterpartUnits, quoteAround, type Unit } from './conversation.ts';
import { type DateKind, type DateMention, findDates, inNamedMonth } from './dateResolver.ts';
import { confirmed, type Found, firstWords, lower, type Passage } from './fieldSupport.ts';
import { clauses, pieceAt, sentences } from './transcript.ts';

const START_CUE =
  /\b(?:könnte|könnt|kann) (?:ich )?(?:dann |also )?ab\b|\b(?:anfangen|anzufangen|fange|starten|zu starten|starte|start|beginnen|zu beginnen|beginne|einsteigen|einzusteigen|loslegen|verfügbar|zur verfügung|wechseln|eintreten|eintritt|frei|frühestens|früheste[nrs]?|anfange|afange|schaffe|kann ich|(?:könnte|könnt) ich(?=\s*(?:[.,!?]|$|(?:dann|fix|schon|da|sofort|auch)\s*(?:[.,!?]|$)))|starttermin|startdatum|eintrittstermin|eintrittsdatum|arbeitsbeginn)\b/;
const START_KINDS: DateKind[] = [
  'explicit',
  'dayOfMonth',
  'monthStart',
  'relativeWeeks',
  'relativeDay',
  'weekday',
  'now',
];
const NOT_START_NEAR =
  /\b(?:krank\w*|wieder fit|wieder gesund|gute besserung|reha|letzte[rn]? (?:arbeits)?tag|vorstellungsgespräch|termin|urlaub|melde|ruf\w*|anruf\w*|telefonier\w*|sprechen|hören|schick\w*|kündig\w*|gekündigt|zu(?:machen)?\b|schließt|läuft)\b/;
const VAGUE_BEFORE =
  /\b(?:anfang|mitte|ende|spätestens|irgendwann|nach|vor|bis|circa|ca\.?|etwa|ungefähr|um)\s*(?:de[rsnm]\s+)?$/i;

function startMentions(text: string, callDate: string): DateMention[] {
  return findDates(text, callDate)
    .map((d) => inNamedMonth(d, text, callDate))
    .filter((d) => {
      if (!START_KINDS.includes(d.kind)) return false;
      if (d.kind === 'now' && !/^(?:ab sofort|sofort|umgehend|ab heute)$/i.test(d.text)) return false;
      // "nicht sofort, erst nach der Kündigungsfrist"
      if (
        d.kind === 'now' &&
        /\b(?:nicht|kein|keine)\s+(?:\w+\s+)?$/i.test(text.slice(Math.max(0, d.start - 16), d.start))
      )
        return false;
      return !VAGUE_BEFORE.test(text.slice(Math.max(0, d.start - 14), d.start));
    });
}

export function extractAvailableFrom(units: Unit[], text: string, callDate: string): Found<string> | null {
  let found: Found<string> | null = null;
  const labelled = units.some((u) => u.role !== 'unknown');
  const pieces: Passage[] = labelled
    ? counterpartUnits(units).flatMap((u) =>
        sentences(u.text).map((s) => ({ text: s.text, start: u.start + s.start, unit: u })),
      )
    : [{ text, start: 0, unit: null }];
  for (const s of pieces) {
    for (const d of startMentions(s.text, callDate)) {
      const l = lower(s.text);
      const near = l.slice(Math.max(0, d.start - 60), d.end + 45);
      // In a stream: the words around the date, within its sentence when it has one.
      const sentenceFrom = Math.max(0, ...['.', '!', '?'].map((c) => l.lastIndexOf(`${c} `, d.start) + 2));
      const nextStop = /[.!?](?:\s|$)/.exec(l.slice(d.end));
      const sentenceTo = nextStop ? d.end + nextStop.index : l.length;
      const clause = labelled
        ? lower(pieceAt(clauses(s.text), d.start)?.text ?? s.text)
        : l.slice(Math.max(sentenceFrom, d.start - 30), Math.min(sentenceTo, d.end + 30));
      // The answer to a start question ("Dann wären Sie ab Januar frei?" – "Ab dem 1. Januar, ja.").
      const prompt = s.unit?.prompt ?? null;
      const promptAsks =
        prompt !== null &&
        s.unit!.text.indexOf(s.text) < 5 &&
        START_CUE.test(lower(sentences(prompt.text).at(-1)?.text ?? '')) &&
        /\?\s*$/.test(prompt.text);
      const asked = s.unit?.topic === 'start' || promptAsks;
      // "Drei Monate zum Quartalsende, also frühestens zum 1. Januar": the start follows from the words.
      const consequence =
        /\balso\s+(?:frühestens\s+|erst\s+|dann\s+)?(?:zum|ab|am)\s+(?:dem\s+)?$/i.test(
          l.slice(Math.max(0, d.start - 30), d.start),
        ) &&
        /kündigungsfrist|\bmonate?\b|\bwochen?\b|gekündigt/.test(l.slice(Math.max(0, d.start - 90), d.start));
      // In a stream: the answer right after "Ab wann?" / "Wann könnten Sie?".
      const askedBefore =
        !labelled &&
        /\b(?:ab wann|wann)\b[^.!?]{0,30}\?\s*(?:ab dem|ab|zum|am)?\s*$/.test(
          l.slice(Math.max(0, d.start - 50), d.start),
        );
      const cue = START_CUE.test(near) || consequence || askedBefore;
      if (!cue && !asked) continue;
      // "Freitag passt, telefonieren kann ich ja": a bare "kann ich" outweighs no contact word.
      if (
        !consequence &&
        NOT_START_NEAR.test(clause) &&
        !START_CUE.test(clause.replace(/\bkann ich\b/g, ' '))
      )
        continue;
      // A weekday or "morgen" starts a job only when the same clause says so.
      if ((d.kind === 'weekday' || d.kind === 'relativeDay') && !START_CUE.test(clause)) continue;
      if (
        d.kind === 'now' &&
        !(START_CUE.test(clause) || asked || askedBefore || /\bab sofort\b/.test(clause))
      )
        continue;
      found = { value: d.date, quote: quoteAround(text, s.start + d.start, s.start + d.end) };
    }
  }
  if (found) return found;
  // "Sie könnten also zum 1. April anfangen?" – "Ja, genau."
  for (const u of units) {
    if (u.role !== 'recruiter' || !START_CUE.test(lower(u.text))) continue;
    const yes = confirmed(units, u);
    const d = startMentions(u.text, callDate).at(-1);
    if (yes && d)
      found = {
        value: d.date,
        quote: `${quoteAround(text, u.start + d.start, u.start + d.end)} … ${firstWords(yes.text)}`,
      };
  }
  return found;
}
