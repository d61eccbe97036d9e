import type { CallExtraction } from './callExtraction.ts';
import type { Unit } from './conversation.ts';
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

export function nextSteps(units: Unit[], callType: CallExtraction['callType']): string[] {
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
