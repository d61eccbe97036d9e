import type { CallExtraction } from './callExtraction.ts';
import { quoteAround, type Unit } from './conversation.ts';
import { todoOf } from './todoPhrase.ts';
import { sentences } from './transcript.ts';

const ACTION =
  /\b(?:schick\w*|send\w*|weiterleit\w*|leite\b[^.?!]{0,40}\bweiter|stell\w*\b[^.?!]{0,40}\bvor\b|vorstell\w*|organisier\w*|kläre\w*|klären|meld\w*|ruf\w*\b[^.?!]{0,40}\ban\b|anrufen|telefonier\w*|sprechen|besprech\w*|vereinbar\w*|buch\w*|gebe?\b[^.?!]{0,30}\bbescheid|bescheid geben|sagen sie mir bescheid|machen wir|mach ich)\b/i;
const STREAM_VERB = String.raw`(?:schick|send|meld|ruf|leite|organisier|kläre|telefonier|sprech|hör|stelle sie)\w*`;
const STREAM_ACTION = new RegExp(
  String.raw`\b(?:(?:ich|wir)\s+(?:\w+\s+){0,2}?${STREAM_VERB}|${STREAM_VERB}\s+(?:ich|wir))\b[^?]{0,70}?(?=\s+(?:danke|tschüss|super|okay|alles klar|prima|bis dann|verstehe|gut|ja)\b|$)`,
  'gi',
);
const FILLER =
  /^(?:(?:gut|okay|ok|prima|super|sehr gut|alles klar|verstanden|schön|perfekt|dann|also|ja|gerne|in ordnung|mache ich|mach ich|das kriegen wir hin|und|top|sehr schön)[,.!]?\s+)+/i;

/** An agreed step: the recruiter's to-do and the verbatim passage it comes from. */
export interface NextStep {
  todo: string;
  quote: string;
}

/** "… vor und ruf Sie an", "…, dann gehen wir … durch": one action per clause. */
const CLAUSE_SPLIT =
  /\s*(?:,\s*)?\b(?:und|dann|danach|anschließend)\s+(?=\p{L})|,\s+(?=(?:ich|wir|sie)\s)|;\s*/iu;

function todosOf(
  sentence: string,
  start: number,
  text: string,
  callDate: string,
  counterpart: string,
): NextStep[] {
  const out: NextStep[] = [];
  let actor: 'we' | 'they' | null = null;
  for (const clause of sentence.split(CLAUSE_SPLIT)) {
    if (!clause.trim()) continue;
    const acts =
      ACTION.test(clause) || /\b(?:bescheid|anleg\w*|lege\b[^.?!]{0,30}\ban|kümmer\w*|durch)\b/i.test(clause);
    const todo = todoOf(clause, callDate, { counterpart, actor });
    if (/\b(?:ich|wir)\b/i.test(clause)) actor = 'we';
    else if (/^\s*(?:sie|du)\s|\s(?:sie|du)\s+mir\b/i.test(clause)) actor = 'they';
    if (!todo || !acts) continue;
    out.push({ todo, quote: quoteAround(text, start, start + sentence.length) });
  }
  return out;
}

export function nextSteps(
  units: Unit[],
  callType: CallExtraction['callType'],
  text: string,
  callDate: string,
): NextStep[] {
  if (callType === 'other') return [];
  const counterpart = callType === 'client' ? 'Kunde' : 'Kandidat';
  const steps: NextStep[] = [];
  const push = (s: string, start: number) => {
    const lead = FILLER.exec(s)?.[0].length ?? 0;
    const t = s.slice(lead).replace(/[,;]\s*$/, '');
    if (t.trim().length < 8 || /\?\s*$/.test(t)) return;
    for (const step of todosOf(t, start + lead, text, callDate, counterpart))
      if (!steps.some((x) => x.todo.toLowerCase() === step.todo.toLowerCase())) steps.push(step);
  };
  for (const u of units) {
    if (u.role === 'unknown') {
      // A stream: "schick ich Ihnen …", "ich melde mich …", up to the next pause word. The opening
      // words ("ich ruf an wegen …") are no agreement.
      if (u.index === 0) continue;
      for (const m of u.text.matchAll(STREAM_ACTION)) push(m[0], u.start + m.index);
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
      let skipped = 0;
      while (parts.length > 1 && !ACTION.test(parts[0]!) && !/^(?:und|oder|ob|dass|wenn)\b/i.test(parts[1]!))
        skipped += parts.shift()!.length + 2;
      push(parts.join(', '), u.start + s.start + skipped);
    }
  }
  return steps.slice(0, 5);
}
