import type { CallExtraction } from './callExtraction.ts';
import { counterpartUnits, quoteAround, type Unit } from './conversation.ts';
import { type Found, lower, passages } from './fieldSupport.ts';
import { sentences } from './transcript.ts';

const WORK_CUE =
  /remote|home-?office|home office|hybrid|büro|vor ort|präsenz|von zu hause|von daheim|mobil(?:es)? arbeiten|pendeln|baustelle/;

function workModelOf(sentence: string): CallExtraction['workModel'] {
  const l = lower(sentence);
  if (!WORK_CUE.test(l)) return null;
  const full =
    /(?:komplett|voll(?:ständig)?|nur|ausschließlich|100 ?%|100 prozent|hundert prozent|full|zu hundert prozent|ganz)\s*(?:[\p{L}]+\s+){0,2}(?:remote|home-?office|von zu hause)|(?:remote|home-?office)\s+(?:komplett|voll|zu hundert prozent|zu 100)/u;
  const notOffice =
    /(?:nicht|nie|kein\w*)\s+(?:mehr\s+)?(?:ins|im|in ein|ans)\s+büro|ins büro (?:will|möchte|muss) ich nicht|nicht mehr pendeln|kein bock (?:mehr )?aufs? pendeln/;
  const partial =
    /hybrid|(?:home-?office|remote|mobil\w*)\b[^.?!]{0,30}?\b(?:\d|ein|zwei|drei|vier)\w*(?:\s*(?:,|oder|bis)\s*(?:\d|zwei|drei|vier)\w*)?\s+tage?\b|(?:\d|ein|zwei|drei|vier)\w*(?:\s*(?:,|oder|bis)\s*(?:\d|zwei|drei|vier)\w*)?\s+tage?\s+(?:die woche\s+|pro woche\s+|in der woche\s+)?(?:im\s+|ins\s+)?(?:home-?office|remote|büro|von zu hause|mobil)|teils|teilweise|gemischt|mischung|ab und zu|gelegentlich|tageweise/;
  // What the person prefers, not what their job requires ("ich muss vor Ort sein") or is denied.
  const onsite =
    /(?:lieber|am liebsten|gerne?|bevorzugt|bevorzuge)\s+(?:im|ins)\s+büro|(?:arbeite|bin)\s+(?:\w+\s+)?(?:im büro|vor ort)\s+(?:lieber|am liebsten)|präsenz|(?:brauche|will|möchte)\s+(?:kein|keine)\s+(?:home-?office|remote)|home-?office (?:brauche|will|möchte|mag) ich nicht|(?:will|möchte) (?:vor ort|auf der baustelle|im büro)|(?:lieber|am liebsten|gerne?|bevorzugt) (?:vor ort|in der firma|im betrieb|auf der baustelle|in der werkstatt|beim kunden|im lager|in der produktion|draußen)/;
  const onsiteDoubt = /\b(?:nicht|nie|muss|müsste|müssen)\b/;
  // "Homeoffice wäre schön" leaves open how much; "ich will remote arbeiten" does not.
  const wantRemote =
    /remote|von zu hause (?:aus )?arbeiten/.test(l) &&
    /\b(?:will|möchte|bitte|am liebsten|ideal|suche|bevorzuge|lieber|gerne?|wünsche)\b/.test(l) &&
    !/kein muss|nicht (?:so |zwingend )?(?:wichtig|nötig)|egal/.test(l);
  if (full.test(l) || notOffice.test(l)) return 'remote';
  if (partial.test(l)) return 'hybrid';
  if (
    onsite.test(l) &&
    !onsiteDoubt.test(
      l.replace(
        /(?:brauche|will|möchte)\s+(?:kein|keine)\s+|home-?office (?:brauche|will|möchte|mag) ich nicht|(?:nicht|kein\w*)\s+(?:im\s+|ins\s+)?(?:home-?office|remote)/g,
        '',
      ),
    )
  )
    return 'onsite';
  if (wantRemote && !/\b(?:nicht|kein)\b/.test(l)) return 'remote';
  return null;
}

export function extractWorkModel(
  units: Unit[],
  text: string,
): Found<NonNullable<CallExtraction['workModel']>> | null {
  let found: Found<NonNullable<CallExtraction['workModel']>> | null = null;
  for (const s of passages(units, text, WORK_CUE, 50, 60)) {
    // A question, unless it is the person's own wish said as one ("zwei Tage Homeoffice? Das wäre schön.").
    if (s.text.trim().endsWith('?')) {
      const after = s.unit ? s.unit.text.slice(s.start - s.unit.start + s.text.length) : '';
      if (
        !/^\s*(?:das\s+)?(?:wäre|wär)\s+(?:\S+\s+)?(?:schön|toll|super|gut|ideal|prima|klasse)\b/i.test(after)
      )
        continue;
    }
    const model = workModelOf(s.text);
    if (!model) continue;
    // In a stream of words: the words around the work-model word, not the whole window.
    const cue = s.unit ? null : new RegExp(WORK_CUE.source, 'i').exec(s.text.slice(40));
    found = {
      value: model,
      quote: cue
        ? quoteAround(text, s.start + 40 + cue.index, s.start + 40 + cue.index + cue[0].length)
        : quoteAround(text, s.start, s.start + s.text.length),
    };
  }
  if (found) return found;
  // "Remote?" – "Ja, gerne."
  for (const u of counterpartUnits(units)) {
    if (!u.prompt || u.role !== 'counterpart') continue;
    const q = lower(u.prompt.text);
    const models = [
      /remote|komplett (?:im )?home-?office/.test(q) ? 'remote' : null,
      /hybrid/.test(q) ? 'hybrid' : null,
      /vor ort|im büro/.test(q) ? 'onsite' : null,
    ].filter((m): m is 'remote' | 'hybrid' | 'onsite' => m !== null);
    const first = sentences(u.text)[0];
    if (
      models.length === 1 &&
      first &&
      /^\s*(?:ja|gerne?|unbedingt|auf jeden fall|genau)\b/i.test(first.text) &&
      !/\b(?:nicht|aber)\b/i.test(first.text)
    )
      found = {
        value: models[0]!,
        quote: `${quoteAround(text, u.prompt.start, u.prompt.start + u.prompt.text.length)} … ${first.text}`,
      };
  }
  return found;
}
