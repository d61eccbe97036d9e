import { counterpartUnits, quoteAround, type Unit } from './conversation.ts';
import { type Found, lower, passages } from './fieldSupport.ts';
import { clauses, sentences } from './transcript.ts';

const RELOCATE_CUE =
  /umzug|umzieh|umzuzieh|umziehe\b|\bziehe\b[^.?!]{0,40}\bum\b|ziehen\b[^.?!]{0,30}\bum\b|wegzieh|wegzuzieh|relocation|ortswechsel|\bziehe\b[^.?!]{0,20}\bnach\b|\bzieh\w*\b[^.?!]{0,20}\bweg\b|\bnach\s+[\p{L}-]+\s+(?:[\p{L}']+\s+){0,3}?zieh(?:en|e)?\b|örtlich flexibel|räumlich flexibel/u;
const RELOCATE_CUE_I = new RegExp(RELOCATE_CUE.source, 'iu');
const POSITIVE_IDIOM =
  /kein problem|kein thema|nichts dagegen|nicht ausgeschlossen|warum nicht|nicht abgeneigt|kein hindernis/;
const UNSURE =
  /weiß (?:ich )?(?:noch )?nicht|mal sehen|mal schauen|kommt (?:drauf|darauf) an|muss ich (?:noch )?(?:überlegen|klären|besprechen|schauen)|vielleicht|unsicher|schwierig|eher ungern|eventuell|möglicherweise/;
const NEGATIVE =
  /\bnö(?![a-zäöüß])|\b(?:nicht|nie|nein|nee|noi|kein|keinen|keinesfalls|ausgeschlossen|ungern|auf keinen fall|ned|net|nich|nid|nöd|nimmer)\b|bleib\w* (?:lieber )?(?:hier|in|da|wo)|\b(?:in|hier|da|dort)\s+(?:\S+\s+)?bleiben\b/;
/** Words that say yes by themselves. */
const POSITIVE =
  /\b(?:bereit|ja|normal|selbstverständlich|gewohnt|gerne?|flexibel|vorstellen|denkbar|offen|okay|ok|möglich|auf jeden fall|klar|sicher|machbar|vorstellbar|ziehe|durchaus|absolut)\b/;
/** Modal words ("würde", "könnte") say yes only without a negation ("umziehen würde ich nicht"). */
const MODAL = /\b(?:würde|würd|könnte|kann|könnt|tät|täte)\b/;
/** "nicht bereit", "kann ich mir nicht vorstellen": a negated yes-word is a no. */
const NEGATED_YES =
  /\b(?:nicht|nich|ned|net|nid|nöd|kein\w*|nie)\s+(?:[\p{L}]+\s+){0,2}?(?:bereit|vorstellen|vorstellbar|denkbar|offen|möglich|machbar|gerne?|flexibel)\b/gu;

export function polarity(text: string): boolean | null {
  let l = lower(text);
  const idiom = POSITIVE_IDIOM.test(l);
  l = l.replace(new RegExp(POSITIVE_IDIOM.source, 'g'), ' ');
  if (UNSURE.test(l) && !idiom) return null;
  l = l.replace(NEGATED_YES, ' nicht ');
  const neg = NEGATIVE.test(l);
  const pos = idiom || POSITIVE.test(l);
  if (neg && !pos) return false;
  if (pos && !neg) return true;
  if (!neg && !pos && MODAL.test(l)) return true;
  return null;
}

/** "ich wohne in Leipzig und will da auch bleiben": no move. */
const STAY =
  /\b(?:will|möchte|würde gern|werde|mag)\s+(?:auch\s+)?(?:gerne?\s+)?(?:hier|da|dort|in [\p{L}-]+)\s+(?:auch\s+)?(?:wohnen\s+)?bleiben\b|\bwill (?:hier|da|dort) nicht weg\b|\b(?:ich\s+)?bleib(?:e|en)?\s+(?:(?:auf jeden fall|lieber|definitiv|sicher|schon)\s+)?(?:hier|in (?!der firma|meine|meinem|dem job|der stelle|der branche|kontakt)[\p{L}-]+)(?=[\s,.!?]|$)/iu;

/** Words about being tied to a place or not, without the word "Umzug". */
const TIED =
  /\b(?:ich bin|bin ich)\s+(?:\w+\s+){0,2}?(ortsgebunden|ortsungebunden|ungebunden|räumlich flexibel|örtlich flexibel)\b/i;

export function extractRelocation(units: Unit[], text: string): Found<boolean> | null {
  let found: Found<boolean> | null = null;
  for (const s of passages(units, text, TIED, 20, 40)) {
    const m = TIED.exec(s.text);
    if (!m || /\bnicht\b/i.test(m[0])) continue;
    found = {
      value: m[1]!.toLowerCase() !== 'ortsgebunden',
      quote: quoteAround(text, s.start + m.index, s.start + m.index + m[0].length),
    };
  }
  for (const s of passages(units, text, STAY, 40, 40)) {
    const m = STAY.exec(s.text);
    if (m && !RELOCATE_CUE.test(lower(s.text)))
      found = { value: false, quote: quoteAround(text, s.start + m.index, s.start + m.index + m[0].length) };
  }
  for (const s of passages(units, text, RELOCATE_CUE, 60, 70)) {
    if (!RELOCATE_CUE.test(lower(s.text))) continue;
    // "Müssten Sie umziehen?" – "Nein, ich wohne in der Nähe.": a move not needed is no refusal.
    const asks = lower(s.unit?.prompt?.text ?? s.text);
    if (/\b(?:müssten|müssen|müsstest|musst)\s+(?:sie|du)\b[^?.!]{0,40}(?:umz|wegz|zieh)/.test(asks))
      continue;
    const cueAt = s.cueAt ?? Math.max(0, s.text.search(RELOCATE_CUE_I));
    // In a stream: the sentence of the relocation word, or the answer after it when that sentence asks.
    // The clause of the cue word ("Dann würde ich auch umziehen."), or the answer after it when it asks.
    const sentenceStart = Math.max(0, ...['.', '!', '?', ','].map((c) => s.text.lastIndexOf(c, cueAt) + 1));
    const after =
      s.unit || sentenceStart === 0 ? s.text.slice(cueAt) : s.text.slice(sentenceStart).trimStart();
    const parts = after.split(/(?<=[.!?])\s+/);
    // Without punctuation the answer ends where the recruiter goes on ("… alles klar", "verstehe").
    const windowText = (parts[0]?.trim().endsWith('?') ? (parts[1] ?? '') : (parts[0] ?? after))
      .slice(0, 60)
      .replace(/\s(?:alles klar|verstehe|okay|ok|gut dann|prima|super|perfekt|danke|schön)\b.*$/i, '');
    // In a stream, a statement about "Sie" with no "ich" is the recruiter's ("Da müssten Sie nicht
    // umziehen, das Gebiet fängt hinter Hamburg an."), not the person's answer.
    if (!s.unit && !parts[0]?.trim().endsWith('?')) {
      const lead = s.text.slice(Math.max(sentenceStart, cueAt - 30), cueAt).toLowerCase();
      // A question without its mark puts the verb first ("würden sie auch umziehen ja klar").
      const asks =
        /\b(?:würden|würdest|könnten|könntest|wären|wärst|möchten|möchtest|wollen|willst|kämen|käme|hätten|hättest)\s+(?:sie|du)\b/.test(
          lead,
        );
      if (/\b(?:sie|du|ihnen|dich|dir)\b/.test(lead) && !/\b(?:ich|mir|mich|wir|uns)\b/.test(lead) && !asks)
        continue;
    }
    let p = polarity(s.unit ? relocationClause(s.text) : windowText);
    // Without punctuation an answer runs on as one clause ("ja köln oder bonn zur not auch umziehen kommt
    // nicht in frage"): then the move word and the words after it decide, up to the next clause word.
    let span: [number, number] | null = null;
    if (p === null && s.unit && !/[,;]/.test(s.text)) {
      const own = fromMoveWord(s.text);
      p = polarity(own);
      const at = s.text.search(RELOCATE_CUE_I);
      if (p !== null) span = [s.start + at, s.start + at + own.length];
    }
    // A long sentence is quoted around its move word, not from its start.
    if (p !== null && !span && s.unit && s.text.length > 180) {
      const at = Math.max(0, s.text.search(RELOCATE_CUE_I));
      span = [s.start + at, s.start + at + fromMoveWord(s.text).length];
    }
    if (!s.unit) {
      // The move word's own clause: a "ja"/"nein" right after it answers it, so it was the question ("Ein
      // Umzug ist kein Thema Nein, ich bleibe …") and its words decide nothing.
      const stretch = s.text.slice(cueAt, cueAt + 70);
      const own = fromMoveWord(stretch);
      const asked = /^\W*(?:nein|nee|ne|ja|jo|doch|genau|richtig)\b/i.test(stretch.slice(own.length));
      const ownP = asked ? null : polarity(own);
      // A question that lost its mark runs into the answer ("Wäre ein Ortswechsel denkbar Ein Umzug kommt
      // für mich nicht in Frage."): the clause of the move word outranks the words before it.
      // Not when the clause kept its question mark ("Ein Umzug wäre okay? Eher nicht, …").
      if (
        ownP !== null &&
        p !== null &&
        ownP !== p &&
        cueAt > 0 &&
        sentenceStart < cueAt &&
        !stretch.slice(0, own.length + 2).includes('?')
      )
        p = ownP;
      // The window may run into the recruiter's next remark about the person ("… umziehen is nich gut sie
      // haben ja auch …"): without a verdict, the words before it decide.
      if (p === null) p = polarity(windowText.replace(/\s(?:sie|ihnen)\b.*$/, ''));
      if (p === null) p = ownP;
      // … and then the answer decides ("… kein Thema Nein, ich bleibe hier").
      if (p === null && asked) p = polarity(stretch.slice(own.length).split(/[.!?]/)[0] ?? '');
    }
    // Without punctuation the deciding words may stand right before the move word ("für die richtige
    // Position würde ich auch umziehen"): the person's own words ("ich") in the few words before it.
    if (p === null && !s.unit) {
      const lead = s.text.slice(Math.max(0, cueAt - 28), cueAt);
      const word = /^\S+/.exec(s.text.slice(cueAt))?.[0] ?? '';
      if (/\bich\b/i.test(lead) && !/\?/.test(lead)) p = polarity(`${lead.replace(/^\S*\s/, '')}${word}`);
    }
    if (p === null) continue;
    found = {
      value: p,
      quote: span
        ? quoteAround(text, span[0], span[1])
        : s.unit
          ? quoteAround(text, s.start, s.start + s.text.length)
          : quoteAround(text, s.start + cueAt, Math.min(s.start + s.text.length, s.start + cueAt + 40)),
    };
  }
  if (found) return found;
  // A short answer to "Wären Sie bereit umzuziehen?"
  for (const u of counterpartUnits(units)) {
    if (u.topic !== 'relocate' || u.role === 'unknown') continue;
    if (
      /\b(?:müssten|müssen|müsstest|musst)\s+(?:sie|du)\b[^?.!]{0,40}(?:umz|wegz|zieh)/.test(
        lower(u.prompt?.text ?? ''),
      )
    )
      continue;
    // "Umziehen? Nein, …": the question said back is no answer, the next sentence is.
    const said = sentences(u.text);
    const echo = said[0] && said[1] && said[0].text.trim().endsWith('?') && said[0].text.length < 25;
    const first = echo ? said[1] : said[0];
    if (!first) continue;
    const l = lower(first.text);
    let value: boolean | null = null;
    if (
      /^\s*(?:nö(?![a-zäöüß])|(?:nein|nee|ne|noi|eher nicht|lieber nicht|auf keinen fall|nicht wirklich|ungern|kommt nicht in frage)\b)/.test(
        l,
      )
    )
      value = false;
    else if (
      /^\s*(?:ja|jo|klar|gerne?|auf jeden fall|absolut|sicher|durchaus|natürlich|kein problem|warum nicht)\b/.test(
        l,
      )
    )
      // "Ja, also, nee, eigentlich doch nicht": the correction wins.
      value = UNSURE.test(l)
        ? null
        : /^\s*\S+[,\s]+.*\b(?:nee|nein|doch nicht|eher nicht|lieber nicht|eigentlich nicht)\b/.test(l)
          ? false
          : true;
    // "Für den richtigen Job ja.", "Eher schwierig, wir haben gebaut."
    else if (l.length < 80) value = polarity(l);
    // "Für die richtige Stelle schon.": a closing "schon" says yes.
    if (value === null && /^[^.?!]{0,40}\bschon\s*[.!]?\s*$/.test(l) && !NEGATIVE.test(l)) value = true;
    if (value === null) continue;
    // "Ja." alone says little: quote the question with it.
    const question = u.prompt
      ? sentences(u.prompt.text).findLast((q) => RELOCATE_CUE.test(lower(q.text)))
      : undefined;
    const answer = first.text.trim();
    found = {
      value,
      quote:
        question && (first.text.length < 25 || !RELOCATE_CUE.test(lower(first.text)))
          ? `${quoteAround(text, u.prompt!.start + question.start, u.prompt!.start + question.start + question.text.length)} … ${answer}`
          : answer,
    };
  }
  return found;
}

/** The relocation word and what follows it in its clause ("umziehen würde ich nicht"). */
function fromMoveWord(sentence: string): string {
  const at = sentence.search(RELOCATE_CUE_I);
  if (at < 0) return '';
  const rest = sentence.slice(at);
  const end = /\s(?:aber|sondern|weil|denn|wenn|falls|und dann)\b|[.!?]/.exec(rest.slice(1));
  const clause = end ? rest.slice(0, end.index + 1) : rest;
  // A verdict closes the clause ("… kommt für mich nicht in frage frankfurt oder mainz wären denkbar").
  const verdict = /\b(?:in frage|kein problem|kein thema|ausgeschlossen)\b/i.exec(clause);
  return verdict ? clause.slice(0, verdict.index + verdict[0].length) : clause;
}

/** The clause of a sentence that holds the relocation word, with the next one ("Umziehen? Nein."). */
function relocationClause(sentence: string): string {
  const parts = clauses(sentence);
  const i = parts.findIndex((p) => RELOCATE_CUE.test(lower(p.text)));
  if (i < 0) return sentence;
  return parts
    .slice(i, i + 1)
    .map((p) => p.text)
    .join(', ');
}
