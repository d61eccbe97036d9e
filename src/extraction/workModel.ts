import type { CallExtraction } from './callExtraction.ts';
import { counterpartUnits, quoteAround, type Unit } from './conversation.ts';
import { type Found, lower, passages } from './fieldSupport.ts';
import { sentences } from './transcript.ts';

/** Places of work where the person is in person. */
const ONSITE_PLACE = String.raw`(?:vor ort|im büro|in der firma|im betrieb|auf der baustelle|auf die baustelle|in der werkstatt|in die werkstatt|beim kunden|im lager|in der produktion|in der halle|in die halle|an der anlage|an die anlage|an der maschine|an die maschine|draußen)`;
const WORK_CUE = new RegExp(
  String.raw`remote|home-?office|home office|hybrid|büro|vor ort|präsenz|von zu hause|von daheim|mobil(?:e[mns]?)? arbeiten|pendeln|baustelle|${ONSITE_PLACE}`,
);
/** "vor Ort arbeiten ist für mich genau richtig", "ich will an die Anlage", "ich bin auf der Baustelle, das will ich auch so". */
const ONSITE_WISH = new RegExp(
  String.raw`${ONSITE_PLACE}\s+(?:zu\s+)?(?:arbeiten\s+|sein\s+)?(?:ist|wäre|wär)\s+(?:für mich|mir)\s+(?:\w+\s+)?(?:richtig|lieber|recht|ideal|wichtig)|\b(?:will|möchte)\s+(?:(?:lieber|gern|gerne|weiter|auch)\s+)*${ONSITE_PLACE}|\bich bin\s+(?:\w+\s+)?${ONSITE_PLACE}[^.?!]{0,12}\b(?:das|so)\s+(?:will|möchte)\s+ich\s+(?:auch\s+)?(?:so|behalten)\b|\bich bin gern\w*\s+(?:\S+\s+){0,3}?${ONSITE_PLACE}`,
);

/** A rule of the job or the past ("Bei uns ist drei Tage Büro Pflicht", "In der Bank war immer Präsenz"). */
const FACT = /\bbei uns\b|\bpflicht\b|\bvorgeschrieben\b|\b(?:war|waren|musste|mussten)\b/;
const WISH_WORD =
  /möchte|\bwill\b|wünsch|hätte? gern|lieber|am liebsten|(?:wäre|wär)\s+(?:\S+\s+){0,4}?(?:schön|super|toll|gut|ideal|prima)\b|wichtig|\bbitte\b|brauche|suche|verhandelbar/;

function workModelOf(sentence: string): CallExtraction['workModel'] {
  // "nicht verhandelbar" insists on the model; it negates nothing.
  const l = lower(sentence).replace(/nicht verhandelbar/g, 'unverzichtbar');
  if (!WORK_CUE.test(l)) return null;
  if (FACT.test(l) && !WISH_WORD.test(l)) return null;
  const full =
    /(?:komplett|voll(?:ständig)?|nur|ausschließlich|überwiegend|100 ?%|100 prozent|hundert prozent|full|zu hundert prozent|ganz)\s*(?:[\p{L}]+\s+){0,2}(?:remote|home-?office|von zu hause|von daheim|daheim|mobil(?:es)? arbeiten)|(?:remote|home-?office)\s+(?:komplett|voll|zu hundert prozent|zu 100)/u;
  const notOffice =
    /(?:nicht|nie|kein\w*)\s+(?:mehr\s+)?(?:ins|im|in ein|ans)\s+büro|ins büro (?:will|möchte|muss|fahr|fahre|geh|gehe|komm|komme) ich nicht|nicht mehr pendeln|kein bock (?:mehr )?aufs? pendeln|kein(?:en)? fest(?:es|en) büro/;
  const partial =
    /hybrid|(?:home-?office|remote|mobil\w*)\b[^.?!]{0,30}?\b(?:\d|ein|zwei|drei|vier)\w*(?:\s*(?:,|oder|bis)\s*(?:\d|zwei|drei|vier)\w*)?\s+tage?n?\b|(?:\d|ein|zwei|drei|vier)\w*(?:\s*(?:,|oder|bis)\s*(?:\d|zwei|drei|vier)\w*)?\s+(?:tage?|täg)\s+(?:die woche\s+|pro woche\s+|in der woche\s+)?(?:im\s+|ins\s+)?(?:home-?office|remote|büro|von zu hause|zu ?hause|mobil|daheim|dahoim|dahoam)|teils|teilweise|gemischt|mischung|\bmix\b|ab und zu|gelegentlich|tageweise/;
  // What the person prefers, not what their job requires ("ich muss vor Ort sein") or is denied.
  const onsite =
    /(?:lieber|am liebsten|gerne?|bevorzugt|bevorzuge)\s+(?:im|ins)\s+büro|\b(?:komm|komme|geh|gehe|fahr|fahre)\s+(?:\S+\s+)?(?:gern|gerne|lieber)\s+(?:ins|in die|in den)\s+(?:büro|firma|betrieb)|(?:brauch\w*|will|möchte)\b[^.?!]{0,30}\b(?:(?:jeden tag|täglich)\s+(?:ins|im) büro|(?:ins|im) büro,?\s+(?:und zwar\s+)?(?:jeden tag|täglich))|(?:arbeite|bin)\s+(?:\w+\s+)?(?:im büro|vor ort)\s+(?:lieber|am liebsten)|präsenz|(?:brauche|will|möchte)\s+(?:kein|keine)\s+(?:home-?office|remote)|home-?office (?:brauche|will|möchte|mag) ich nicht|(?:will|möchte) (?:(?:lieber|gern|gerne)\s+)?(?:vor ort|auf der baustelle|im büro|in der werkstatt|in der firma|im betrieb|im lager|in der produktion)|(?:vor ort|(?:im )?büro|in der firma|in der werkstatt|präsenz)\s+(?:ist|is|wäre|wär)\s+mir\s+(?:(?:viel|eh|einfach)\s+)?(?:lieber|wichtig)|(?:lieber|am liebsten|gerne?|bevorzugt|bitte) (?:vor ort|in der firma|im betrieb|auf der baustelle|in der werkstatt|beim kunden|im lager|in der produktion|draußen)/;
  const onsiteDoubt = /\b(?:nicht|nie|muss|müsste|müssen)\b/;
  // "Homeoffice wäre schön" leaves open how much; "ich will remote arbeiten" does not.
  const wantRemote =
    /remote|von zu hause (?:aus )?arbeiten|(?:am liebsten|lieber)\s+(?:ganz\s+)?(?:von zu hause|von daheim|daheim)\b/.test(
      l,
    ) &&
    /\b(?:will|möchte|bitte|am liebsten|ideal|suche|bevorzug\w*|lieber|gerne?|wünsche|wichtig|bedingung|unbedingt|überwiegend|unverzichtbar)\b/.test(
      l,
    ) &&
    !/kein muss|nicht (?:so |zwingend )?(?:wichtig|nötig)|egal/.test(l);
  // "ganz remote will ich nicht": a refused full remote is no wish for it.
  const fullMatch = full.exec(l);
  const fullRefused =
    fullMatch !== null &&
    /^\s*(?:\S+\s+){0,2}?(?:nicht|will ich nicht|möchte ich nicht)\b/.test(
      l.slice(fullMatch.index + fullMatch[0].length),
    );
  if ((fullMatch && !fullRefused) || notOffice.test(l)) return 'remote';
  if (partial.test(l)) return 'hybrid';
  // The doubt must sit in the clause of the wish ("Eigentlich nicht, ich bin gern in der Halle").
  for (const wish of l.matchAll(new RegExp(ONSITE_WISH.source, 'g'))) {
    const clauseStart = Math.max(
      l.lastIndexOf(',', wish.index),
      l.lastIndexOf('.', wish.index),
      l.lastIndexOf(' aber ', wish.index),
    );
    // Without punctuation the clause is the wish itself and the word before it.
    const from = Math.max(clauseStart + 1, wish.index - 8);
    if (!onsiteDoubt.test(l.slice(from, wish.index + wish[0].length))) return 'onsite';
  }
  // A wish said in its own clause ("… nicht weniger als jetzt. Und bitte vor Ort, …"): the doubt must
  // stand in that clause; a stream's window holds other sentences too.
  const onsiteAt = onsite.exec(l);
  const onsiteClause = onsiteAt
    ? l.slice(
        Math.max(0, l.lastIndexOf('. ', onsiteAt.index) + 1, l.lastIndexOf('? ', onsiteAt.index) + 1),
        // … up to the end of the wish's clause ("lieber im Büro, daheim kann ich mich nicht konzentrieren").
        onsiteAt.index +
          onsiteAt[0].length +
          (/[,;.!?]/.exec(
            l.slice(onsiteAt.index + onsiteAt[0].length, onsiteAt.index + onsiteAt[0].length + 40),
          )?.index ?? 40),
      )
    : l;
  if (
    onsiteAt &&
    !onsiteDoubt.test(
      onsiteClause.replace(
        /(?:brauche|will|möchte)\s+(?:kein|keine)\s+|home-?office (?:brauche|will|möchte|mag) ich nicht|(?:home-?office|remote)\s+(?:geht|ist)\s+(?:da\s+|bei mir\s+|hier\s+)?nicht|geht\s+(?:da\s+|bei mir\s+|hier\s+)?(?:home-?office|remote)\s+nicht|(?:nicht|kein\w*)\s+(?:im\s+|ins\s+)?(?:home-?office|remote)/g,
        '',
      ),
    )
  )
    return 'onsite';
  // "ich will nicht mehr reisen ich will remote arbeiten": only a negation next to the word counts.
  const remoteAt = l.search(/remote|von zu hause (?:aus )?arbeiten/);
  const nearRemote = l.slice(Math.max(0, remoteAt - 20), remoteAt + 25);
  if (wantRemote && !/\b(?:nicht|kein\w*)\b/.test(nearRemote)) return 'remote';
  return null;
}

/** The word that names each model, for the quote. */
const MODEL_WORD: Record<NonNullable<CallExtraction['workModel']>, RegExp> = {
  remote: /remote|home-?\s?office|von zu hause|daheim|mobil/i,
  hybrid: /hybrid|\btage?n?\b|teils|teilweise|\bmix\b|mischung/i,
  onsite: /vor ort|büro|präsenz|werkstatt|in der firma|im betrieb|baustelle|anlage|maschine|halle/i,
};
const REMOTE_DECISIVE =
  /ins büro (?:will|möchte|muss|fahr|fahre|geh|gehe|komm|komme) ich nicht|nicht (?:mehr )?ins büro|kein(?:en)? fest(?:es|en) büro|(?:komplett|voll|ganz|nur|ausschließlich)\s+(?:\S+\s+)?(?:remote|home-?office|von zu hause)/i;
const WELCOMED = /^\s*(?:das\s+)?(?:wäre|wär)\s+(?:\S+\s+)?(?:schön|toll|super|gut|ideal|prima|klasse)\b/i;

const DAYS =
  /\b(?:\d|ein|eins|zwei|drei|vier)\w*(?:\s*(?:,|oder|bis)\s*(?:\d|zwei|drei|vier)\w*)?\s+(?:tage?n?|täg)(?![\p{L}])/u;

/** A short answer to a work-model question, read with the question ("Und Homeoffice?" – "Zwei Tage."). */
function answerModel(question: string, answer: string): CallExtraction['workModel'] {
  const l = lower(answer).replace(/nicht verhandelbar/g, 'unverzichtbar');
  const q = lower(question);
  const named = [
    /remote|komplett (?:im )?home-?office/.test(q) ? 'remote' : null,
    /hybrid/.test(q) ? 'hybrid' : null,
    /vor ort|im büro|präsenz/.test(q) ? 'onsite' : null,
  ].filter((m): m is 'remote' | 'hybrid' | 'onsite' => m !== null);
  // "Wäre Präsenz für Sie ein Problem?" – "Nein, vor Ort ist völlig in Ordnung.": a no to a problem is a yes.
  if (
    named.length === 1 &&
    /\b(?:ein problem|schlimm|stören|störend)\b/.test(q) &&
    /^\s*(?:nein|nee|ne|gar nicht|überhaupt nicht)\b/.test(l) &&
    !/\baber\b/.test(l.slice(0, 50))
  )
    return named[0]!;
  if (/^\s*(?:nein|nee|ne)\b/.test(l) && !/\b(?:lieber|brauche|will|möchte)\b/.test(l)) return null;
  const homeAsked = /home-?\s?office|remote|mobil\w* arbeiten|von zu hause|daheim/.test(q);
  // "Homeoffice-Anteil?" – "So fünfzig Prozent.", "Halbe-halbe wär schön."
  if (
    (homeAsked || /büro/.test(q)) &&
    (/\b(?:\d{1,2}|zehn|zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig)\s*(?:%|prozent)/.test(
      l,
    ) ||
      /\bhalbe?[\s-]+halbe?\b|fifty[\s-]?fifty|50\s*\/\s*50|\bhälfte\b/.test(l)) &&
    !/\b(?:kein\w*|nicht)\b/.test(l)
  )
    return 'hybrid';
  // "Wie viele Tage Büro wären okay?" – "Zwei, maximal drei.": a count of days answers with a mix.
  if (
    /\btage?\b/.test(q) &&
    /büro|home-?\s?office|remote|mobil|von zu hause|daheim|präsenz/.test(q) &&
    /^\s*(?:(?:so|also|naja|hm)[,\s]+)*(?:ein|einen|eins|zwei|drei|vier|[1-4])\b/.test(l) &&
    !/\b(?:kein\w*|nicht)\b/.test(l.split(/[,.;]/)[0] ?? l)
  )
    return 'hybrid';
  if (/\b(?:egal|weiß (?:ich )?nicht|mal sehen|kein muss)\b/.test(l)) return null;
  const direct = workModelOf(answer);
  if (direct) return direct;
  // "Remote oder vor Ort?" – "Beides ist okay, ein Mix wäre ideal."
  const twoAsked =
    /remote|home-?office|von zu hause/.test(q) && /vor ort|büro|präsenz/.test(q) && /\boder\b/.test(q);
  if (
    twoAsked &&
    /\b(?:beides|mix|gemischt|abwechselnd|mischung)\b/.test(l) &&
    !/\b(?:nicht|kein\w*)\b/.test(l)
  )
    return 'hybrid';
  // "Und Homeoffice?" – "Auf keinen Fall, ich brauche das Team um mich.": the home office refused as a wish.
  if (
    /home-?\s?office|remote|von zu hause/.test(q) &&
    !/vor ort|büro|präsenz/.test(q) &&
    /^\s*(?:nein|nee|auf keinen fall|bloß nicht|gar nicht|(?:brauch|brauche|will|möchte|mag) ich nicht)\b[^.?!]{0,12}\b(?:ich brauche|ich will|ich möchte|lieber|ich bin gern\w*|ich (?:komm|komme|geh|gehe|fahr|fahre) (?:\S+ )?(?:gern|gerne|lieber))\b/.test(
      l,
    ) &&
    !/\bbei uns\b|\bgeht\b|\bgibt es\b|erlaubt|\btage?\b/.test(l)
  )
    return 'onsite';
  // "Möchten Sie remote arbeiten?" – "Ja, gerne.": a yes to a question naming one model.
  const asked = [
    /remote|komplett (?:im )?home-?office/.test(q) ? 'remote' : null,
    /hybrid/.test(q) ? 'hybrid' : null,
    /vor ort|im büro|präsenz/.test(q) ? 'onsite' : null,
  ].filter((m): m is 'remote' | 'hybrid' | 'onsite' => m !== null);
  if (
    asked.length === 1 &&
    (/^\s*(?:ja|gerne?|unbedingt|auf jeden fall|genau)\b/.test(l) || WELCOMED.test(l)) &&
    !/\b(?:nicht|aber|kein\w*)\b/.test(l.slice(0, 60))
  )
    return asked[0]!;
  if (
    DAYS.test(l) &&
    /home-?\s?office|remote|mobil|von zu hause|daheim|dahoim|dahoam/.test(`${q} ${l}`) &&
    !/\b(?:kein\w*|nicht)\b/.test(l)
  )
    return 'hybrid';
  const chosen =
    /^\s*(?:(?:also|ja|eher|lieber|definitiv|klar)[,\s]+)*(remote|hybrid|vor ort|im büro|präsenz|komplett (?:von )?(?:zu hause|daheim)|komplett remote|voll remote)\b/.exec(
      l,
    );
  if (chosen && !/\b(?:nicht|kein\w*)\b/.test(l.slice(0, 50))) {
    const c = chosen[1]!;
    return c === 'hybrid' ? 'hybrid' : /vor ort|büro|präsenz/.test(c) ? 'onsite' : 'remote';
  }
  if (
    /\blieber\b.{0,30}\b(?:im büro|vor ort|in der firma)|\b(?:im büro|vor ort)\b.{0,30}\b(?:lieber|passt|gern)/.test(
      l,
    )
  )
    return 'onsite';
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
    // In a stream a window may hold questions too ("präsenz oder remote? remote, klar"): only what is
    // no question counts, and a wish put as a question that is welcomed ("zwei Tage? Das wäre schön").
    const parts = s.text.split(/(?<=[.!?])\s+/);
    const judged = s.unit
      ? s.text
      : parts.filter((p, i) => !p.trim().endsWith('?') || WELCOMED.test(parts[i + 1] ?? '')).join(' ');
    const model = workModelOf(judged);
    if (!model) continue;
    // In a stream of words: the words around the work-model word, not the whole window.
    // In a stream: the words around the word that names this model, so the quote holds what decided.
    // The words that decided go into the quote: "ins Büro fahr ich nicht" rather than a "von zu Hause"
    // next to "drei Tage beim Kunden".
    const from = s.text.slice(Math.max(0, s.text.indexOf(judged.slice(0, 20))));
    const at = s.unit
      ? null
      : ((model === 'remote' ? REMOTE_DECISIVE.exec(from) : null) ?? MODEL_WORD[model].exec(from));
    const base = s.unit ? 0 : Math.max(0, s.text.indexOf(judged.slice(0, 20)));
    found = {
      value: model,
      quote: at
        ? quoteAround(text, s.start + base + at.index, s.start + base + at.index + at[0].length)
        : quoteAround(text, s.start, s.start + s.text.length),
    };
  }
  if (found) return found;
  // "Und Homeoffice?" – "Zwei Tage die Woche wären gut." / "Remote oder vor Ort?" – "Remote, auf jeden Fall."
  for (const u of counterpartUnits(units)) {
    if (!u.prompt || u.role !== 'counterpart' || u.topic !== 'workModel') continue;
    const first = sentences(u.text).slice(0, 2);
    const answer = first.map((x) => x.text).join(' ');
    const model = answerModel(u.prompt.text, answer);
    if (model)
      found = {
        value: model,
        quote: `${quoteAround(text, u.prompt.start, u.prompt.start + u.prompt.text.length)} … ${answer.slice(0, 100)}`,
      };
  }
  // The same in a stream: the words after the work-model question.
  for (const u of units) {
    if (found || u.role !== 'unknown' || u.topic !== 'workModel') continue;
    const qEnd = u.text.indexOf('?');
    const cut = qEnd >= 0 && qEnd < 90 ? qEnd + 1 : Math.min(u.text.length, 40);
    const answer = u.text
      .slice(cut, cut + 110)
      .replace(/\s(?:alles klar|verstehe|okay|gut|prima|super)\b.*$/i, '');
    const model = answerModel(u.text.slice(0, cut), answer);
    if (model) found = { value: model, quote: quoteAround(text, u.start, u.start + cut + answer.length) };
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
