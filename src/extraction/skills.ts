import { counterpartUnits, type Unit } from './conversation.ts';
import { lower, nameRe } from './fieldSupport.ts';
import { sentences } from './transcript.ts';
import { CITIES, REGIONS, SKILLS } from './vocabulary.ts';

const OTHERS_OR_LATER =
  /\b(?:kollege|kollegin|kollegen|chef|chefin|vorgesetzte\w*)\b[^.]{0,30}\b(?:macht|machen|übernimmt|kümmert)|\b(?:macht|machen|übernimmt|kümmert sich)\b[^.]{0,30}\b(?:ein|eine|der|die|mein|meine|unser|unsere)\s+(?:kollege|kollegin|chef|chefin|team)\b|\b(?:würde|möchte|will|wollte)\s+(?:ich\s+)?(?:gern\s+|gerne\s+)?(?:\S+\s+){0,2}lernen\b|\bzu lernen\b/;

const NOT_MINE_AFTER =
  /^[^.!?]{0,12}?\b(?:kann ich (?:nicht|nich|net)|kenn(?:e)? ich (?:nicht|nich|net)|hab(?:e)? ich (?:noch )?(?:nie|nicht|nich)|dat kann ich nich|ist nicht meins|nie gemacht|noch nie)\b|^\s+(?:lerne? ich|will ich (?:noch )?(?:lernen|machen)|mach(?:e)? ich (?:erst |noch )?(?:nächstes|im (?:frühjahr|sommer|herbst|winter)|ab)|steht noch aus)\b/;

/** Words that start an enumeration of one's own skills ("ich arbeite mit …", "Kenntnisse in …"). */
const LIST_CUE =
  /\b(?:ich (?:arbeite|arbeit) (?:\S+\s+){0,2}?mit|(?:erfahrung|kenntnisse|know-how) (?:mit|in|im)|schwerpunkt(?:e)?(?: ist| sind| liegt)?(?: auf| in)?|ich (?:mache|mach|kann|beherrsche)|zertifiziert (?:als|in|für)|ich habe (?:den|die|das|einen|eine) )/i;
const NOT_AN_ITEM =
  /^(?:jahren?|monaten?|wochen?|tagen?|ich|sie|du|wir|das|die|der|den|dem|ein|eine|und|oder|auch|aber|sehr|viel|viele|ja|nein|genau|also|so|seit|bei|im|in|mit|für|gmbh|ag|kg|januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|montag|dienstag|mittwoch|donnerstag|freitag|kunden|team|kollegen)$/i;

/** A recruiter's question about tasks, tools or certificates ("Was machen Sie da hauptsächlich?"). */
const SKILL_QUESTION =
  /\b(?:was mach(?:en sie|st du) (?:da|dort)\b|was mach(?:en sie|st du) (?:genau|hauptsächlich)|schwerpunkt\w*|womit arbeite\w*|was nutz(?:en sie|t du)|an (?:programmen|systemen|software|tools)|fachlich|fortbildung\w*|weiterbildung\w*|zertifikat\w*|qualifikation\w*|in welchen bereichen|welche bereiche|technisch|stack|tools|kenntnisse|papiere|scheine|was (?:können sie|kannst du)|aufgaben|alltag|was gehört (?:da)?zu|besonders gut|bringen sie (?:\S+ )?mit|bringst du (?:\S+ )?mit|mitbringen)\b/i;
/** "Sie sind Elektrikerin bei …?", "Was machen Sie beruflich?": the answer tells the job first. */
const JOB_QUESTION =
  /\b(?:sie sind|du bist|sie san|sie arbeiten|du arbeitest|was machen sie|was machst du)\b/i;
const PLACE_WORDS = new Set([...CITIES, ...REGIONS].map((p) => p.toLowerCase()));
/** Filler around an item: "viel Excel", "Protel ein bisserl", "KNX mach ich viel". */
const ITEM_FILL =
  /^(?:(?:auch|viel|sehr viel|hauptsächlich|vor allem|dazu|also|ein bisschen|ein bissle|ein bisserl|bisschen|etwas|den|die|das|einen|eine|ein)\s+)+|\s+(?:(?:ein bisschen|ein bissle|ein bisserl|fließend|auch|viel|natürlich)|(?:mach|kann|hab|habe|kenn)(?:e)? ich(?:\s+\S+)?)$/i;

/**
 * The answer to a skill question as an enumeration of its own ("Instandhaltung, Schaltschrankbau und
 * SPS-Programmierung mit Simatic."): each short capitalised item up to the first that is none.
 */
function answerItems(units: Unit[], position: string | null): { name: string; at: number }[] {
  const out: { name: string; at: number }[] = [];
  // Labelled: the person's turn after the question. A stream with punctuation: the sentences after it.
  // `skip` sentences that tell the job, `min` items that make an enumeration.
  const answers: { text: string; start: number; skip: number; min: number }[] = [];
  for (const u of units) {
    if (u.role === 'counterpart' && u.prompt && SKILL_QUESTION.test(u.prompt.text))
      answers.push({ text: u.text, start: u.start, skip: 0, min: 2 });
    // "Sie sind Sachbearbeiterin?" – "Ja, im Bürgeramt, seit sechs Jahren. Melderecht, Pass- und
    // Ausweiswesen, Fundsachen.": after the job, a list of three or more is the person's own work.
    else if (
      u.role === 'counterpart' &&
      u.prompt &&
      (u.topic === 'position' || JOB_QUESTION.test(u.prompt.text))
    )
      answers.push({ text: u.text, start: u.start, skip: 1, min: 3 });
    if (u.role !== 'unknown') continue;
    for (const q of sentences(u.text)) {
      if (!q.text.trim().endsWith('?') || !SKILL_QUESTION.test(q.text)) continue;
      const from = q.start + q.text.length;
      const next = u.text.slice(from).search(/\?/);
      answers.push({
        text: u.text.slice(from, next < 0 ? undefined : from + next),
        start: u.start + from,
        skip: 0,
        min: 2,
      });
    }
  }
  for (const u of answers) {
    // In a text without capitals an item cannot be told from a word.
    if (u.text === u.text.toLowerCase()) continue;
    for (const sent of sentences(u.text).slice(u.skip, u.skip + 2)) {
      const body = sent.text
        .replace(/^\s*(?:ja|genau|also|naja|ähm?|jo)\b[,.]?\s*/i, '')
        .replace(/[.!?]+$/, '');
      // "Pass- und Ausweiswesen" is one item.
      const segments = body.split(/,\s*|(?<!-)\s+(?:und|sowie|mit|plus)\s+/).map((x) => x.trim());
      const items: string[] = [];
      for (const seg of segments) {
        // "Das Übliche, Word, Excel": a lead-in, no item.
        if (/^(?:das übliche|alles mögliche|alles|querbeet|so sachen wie)$/i.test(seg)) continue;
        const phrase = seg.replace(ITEM_FILL, '').replace(ITEM_FILL, '').trim();
        const words = phrase.split(/\s+/);
        if (
          !phrase ||
          words.length > 3 ||
          !/^[\p{Lu}\d]/u.test(phrase) ||
          NOT_AN_ITEM.test(words[0]!) ||
          /\d{3,}/.test(phrase) ||
          /\b(?:bei|beim|ich|wir|seit)\b/i.test(phrase) ||
          PLACE_WORDS.has(phrase.toLowerCase()) ||
          (position && phrase.toLowerCase() === position.toLowerCase())
        )
          break;
        items.push(phrase);
      }
      // One word alone may be a reply of another kind ("Hauptsächlich Disposition." is fine, "Verwaltung." too),
      // but two or more items make an enumeration.
      if (items.length >= u.min) for (const name of items) out.push({ name, at: u.start + sent.start });
      if (items.length) break;
    }
  }
  return out;
}

/**
 * Items of an enumeration the person makes after a skill cue ("ich arbeite mit X, Y und Z"),
 * each a short capitalised phrase: tools, methods and certificates outside the vocabulary.
 */
function ownItems(units: Unit[]): { name: string; at: number }[] {
  const out: { name: string; at: number }[] = [];
  for (const u of counterpartUnits(units)) {
    if (u.role !== 'counterpart') continue;
    for (const m of u.text.matchAll(new RegExp(LIST_CUE.source, 'gi'))) {
      const rest = u.text.slice(m.index + m[0].length).split(/[.!?;:]|\s[–—-]\s/)[0] ?? '';
      const segments = rest.split(/,\s*|(?<!-)\s+(?:und|sowie|oder|mit)\s+/).map((x) => x.trim());
      for (const seg of segments.slice(0, 6)) {
        const words = seg
          .replace(/^(?:den|die|das|dem|einen|eine|ein|viel|bisschen|etwas|auch)\s+/i, '')
          .split(/\s+/);
        const phrase = words
          .slice(0, 3)
          .join(' ')
          .replace(/[,.]+$/, '');
        if (!phrase || !/^[\p{Lu}\d]/u.test(phrase) || NOT_AN_ITEM.test(words[0]!) || /\d{3,}/.test(phrase))
          break;
        if (words.length > 3 || phrase.length > 40) break;
        out.push({ name: phrase, at: u.start + m.index });
      }
    }
  }
  return out;
}

/** Skills the person names, plus those in their confirmed job title ("Senior Java-Entwickler" → Java). */
export function extractSkills(units: Unit[], position: string | null = null): string[] {
  const text = [...counterpartUnits(units).map((u) => u.text), ...(position ? [position] : [])].join('\n');
  const found: { name: string; at: number }[] = [];
  for (const k of SKILLS) {
    const re = k.pattern ?? nameRe(k.name);
    const m = re.exec(text);
    if (!m) continue;
    // The sentence it is named in: another person's skill or one still to learn is not the person's own.
    const from = Math.max(0, ...['.', '!', '?', '\n'].map((c) => text.lastIndexOf(c, m.index) + 1));
    const stops = ['.', '!', '?', '\n']
      .map((c) => text.indexOf(c, m.index + m[0].length))
      .filter((i) => i >= 0);
    const sentence = lower(text.slice(from, stops.length ? Math.min(...stops) : text.length));
    if (OTHERS_OR_LATER.test(sentence)) continue;
    const near = lower(text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 20));
    if (
      /\b(?:kein(?:e|en)?|nicht|noch nie|leider nicht)\b[^,.]{0,25}$/.test(near.slice(0, 30)) &&
      !/\bnicht nur\b/.test(near)
    )
      continue;
    // "SAP kann ich nicht", "Azure hab ich noch nie angefasst": a skill denied right after it.
    const after = lower(text.slice(m.index + m[0].length, m.index + m[0].length + 40));
    if (NOT_MINE_AFTER.test(after)) continue;
    let name = k.name;
    // "SAP Retail", "SAP SuccessFactors": the module said with the generic name.
    if (name === 'SAP') {
      const module = /^[ -]((?:S\/4)?[\p{Lu}][\p{L}\d/]{1,20})/u.exec(text.slice(m.index + m[0].length));
      if (module && !/^(?:Und|Oder|Auch|Aber|Kann|Kenn|Habe|Hab|Ist|Und)$/.test(module[1]!))
        name = `SAP ${module[1]}`;
    }
    if (!found.some((f) => f.name.toLowerCase() === name.toLowerCase())) found.push({ name, at: m.index });
  }
  for (const item of [...ownItems(units), ...answerItems(units, position)]) {
    if (
      !found.some(
        (f) =>
          f.name.toLowerCase().includes(item.name.toLowerCase()) ||
          item.name.toLowerCase().includes(f.name.toLowerCase()),
      )
    )
      found.push(item);
  }
  // Drop a general skill when a specific one covers it ("SAP" next to "SAP FI", "Spring" next to "Spring Boot").
  const names = found.sort((a, b) => a.at - b.at).map((f) => f.name);
  return names
    .filter((n) => !names.some((o) => o !== n && o.toLowerCase().startsWith(`${n.toLowerCase()} `)))
    .slice(0, 15);
}
