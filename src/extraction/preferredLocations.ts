import { AGREE_START, counterpartUnits, type Unit } from './conversation.ts';
import { employerIn } from './employerName.ts';
import { lower } from './fieldSupport.ts';
import { polarity } from './relocation.ts';
import { clauses, sentences } from './transcript.ts';
import { CITIES, REGIONS } from './vocabulary.ts';

const ACCEPT_PLACE =
  /\b(?:nur|verwurzelt|heimisch|geht|ginge|gut|passt|passen|okay|ok|in frage|vorstellen|gerne?|am liebsten|bevorzug\w*|möchte|will|bleib\w*|auch|flexibel|erreichbar|schaffe|machbar|wäre|wär|ideal|kein problem|denkbar|infrage|lieber|pendeln|pendel|pendle|super|toll|prima|goht|gieng|basst|radius|grenze|beides|hauptsache|ooch)\b|\bumzieh\w* (?:\S+ ){0,3}?(?:nicht|nich|net|ned|nöd)\b|\bumzug (?:\S+ ){0,2}?(?:nicht|nich|kein)\b|\bweiter (?:fahr|pendel)\w* (?:(?:möchte|will|würde?|mag|tät) )?(?:ich|i) (?:nicht|ned|net|nimmer)\b|\b(?:würde?|tät) (?:ich|i) (?:\S+ )?(?:fahren|fahrn|pendeln|ziehen|hinziehen)\b/;
/** "Wo soll's sein?", "Wohin darf es gehen?", "Welche Region?": a question for places of work. */
const WHERE_QUESTION =
  /(?:^|[.!?]\s*)(?:und\s+)?(?:wo\b(?!\s+(?:wohnen|wohnst|arbeiten|arbeitest|sind|bist|genau|her)\b)(?![^?]*\b(?:wohnen sie|wohnst du|her)\b)[^?]{0,40}\?|wohin\b[^?]{0,30}\?|welche(?:r|n|s)? (?:region|ort|orte|stadt|städte|raum|ecke|gegend)\b[^?]{0,30}\?|\b(?:örtlich|regional|räumlich)\b[^?]{0,20}\?)/i;
const REJECT_PLACE = /\b(?:nicht|kein|keine|nie|auf keinen fall|ungern|zu weit)\b/;

/** Place names by their words in lower case ("neu ulm", "frankfurt oder"), longest first. */
const PLACE_BY_WORDS = new Map<string, string>();
for (const name of [...CITIES, ...REGIONS]) {
  const key = (name.match(/\p{L}+/gu) ?? []).join(' ').toLowerCase();
  if (key && !PLACE_BY_WORDS.has(key)) PLACE_BY_WORDS.set(key, name);
}
const MAX_PLACE_WORDS = Math.max(...[...PLACE_BY_WORDS.keys()].map((k) => k.split(' ').length));
const CITY_NAMES = new Set<string>(CITIES);
/** A town takes no article: "in der Halle", "die Waren" are words, not places (regions do: "im Allgäu"). */
const ARTICLE_BEFORE =
  /(?:^|[^\p{L}])(?:der|die|das|den|dem|des|ein|eine|einer|einem|einen|meine[rmn]?|unsere[rmn]?|ihre[rmn]?)\s+$/iu;

/** Words before a place that make it an area, not a qualifier ("Raum Hamburg", "Landkreis Harburg"). */
const AREA_WORD =
  /^(?:raum|großraum|region|kreis|landkreis|nähe|umgebung|umland|stadt|gegend|ecke|ja|nein|genau|also|und|oder|auch|nur|gern|gerne|lieber|eher|am|aber|naja|okay|ok|super|klar|prima|sehr|hauptsache|egal|nach|in|im|bei|aus|um|richtung|bis|ab|von|für|zwischen|rund|ganz|ganze[nms]?)$/i;

/**
 * "Arbeitsrecht Schweiz", "BauPersonal Rhein-Main": a place right after a capitalised noun names a
 * kind of thing or a company, not a place the person accepts.
 */
function qualifies(text: string, at: number): boolean {
  const window = text.slice(Math.max(0, at - 40), at);
  // The noun must follow other words of the clause: "Nach Wien", "Im Allgäu" at a start are no qualifiers.
  const before = /[\p{L}\d,]\s+(\p{Lu}[\p{L}-]*) $/u.exec(window);
  if (!before) return false;
  const w = before[1]!;
  if (AREA_WORD.test(w) || PLACE_BY_WORDS.has(w.toLowerCase())) return false;
  // A text in capitals throughout, or a sentence start ("Genau. Hamburg"), tells nothing.
  return /\p{Ll}/u.test(w) && w.length >= 4;
}

/** Places named in a text, each once, in order: a word-sequence lookup, longest name first. */
function placesIn(text: string): { name: string; at: number }[] {
  const capitalised = /\p{Lu}/u.test(text.slice(1));
  const words = [...text.matchAll(/\p{L}+/gu)].map((m) => ({
    w: m[0].toLowerCase(),
    at: m.index,
    end: m.index + m[0].length,
  }));
  const out: { name: string; at: number }[] = [];
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(MAX_PLACE_WORDS, words.length - i); n >= 1; n--) {
      const seq = words.slice(i, i + n);
      // Only spaces, hyphens, dots and brackets between the words of one name.
      if (seq.some((x, k) => k > 0 && !/^[\s\-.()]+$/.test(text.slice(seq[k - 1]!.end, x.at)))) continue;
      const name = PLACE_BY_WORDS.get(seq.map((x) => x.w).join(' '));
      if (!name) continue;
      if (CITY_NAMES.has(name) && ARTICLE_BEFORE.test(text.slice(Math.max(0, seq[0]!.at - 12), seq[0]!.at)))
        break;
      // In a text written with capitals a name in lower case is a word ("die waren", "essen gehen").
      const said = text.slice(seq[0]!.at, seq[0]!.at + 1);
      if (capitalised && said === said.toLowerCase()) break;
      if (!out.some((o) => o.name === name)) out.push({ name, at: seq[0]!.at });
      i += n - 1;
      break;
    }
  }
  return out;
}

export function extractLocations(units: Unit[], relocationYes: boolean): string[] {
  const out: string[] = [];
  const add = (name: string) => {
    if (!out.includes(name)) out.push(name);
  };
  for (const u of counterpartUnits(units)) {
    // A stream with punctuation is judged sentence by sentence too (one without stays one piece).
    const pieces = sentences(u.text);
    // "Hamburg?", "Und Heilbronn ist für Sie okay?": a question about places of its own counts too.
    const asked = u.prompt ? (sentences(u.prompt.text).at(-1)?.text ?? '') : '';
    const isPlaceQuestion = (asked: string) =>
      /\?\s*$/.test(asked) &&
      placesIn(asked).length > 0 &&
      !/[\p{L}]/u.test(
        placesIn(asked)
          .reduce((t, p) => t.replace(p.name, ' '), asked)
          .replace(
            /\b(?:und|oder|auch|ist|wäre|wär|das|für sie|für dich|okay|ok|in ordnung|denkbar|möglich)\b/gi,
            ' ',
          ),
      );
    const whereAsked =
      u.role === 'counterpart' &&
      Boolean(u.prompt && (WHERE_QUESTION.test(u.prompt.text) || isPlaceQuestion(asked)));
    // A stream is cut at topic words, sometimes mid-sentence ("Bielefeld oder Gütersloh, | umziehen möchte
    // ich nicht."): the last sentence goes on into the next piece up to its first full stop.
    const next = units[u.index + 1];
    const runOn =
      u.role === 'unknown' && next && !/[.!?]\s*$/.test(u.text)
        ? ` ${(next.text.split(/[.!?]/)[0] ?? '').slice(0, 80)}`
        : '';
    for (const [i, s] of pieces.entries()) {
      // In a stream the sentence before tells the question ("Wo möchten Sie arbeiten? Greven oder Rheine.");
      // the recruiter's own sentences about a client or a job are no wish ("Der Kunde sitzt in Münster.").
      const before = u.role === 'unknown' && i > 0 ? pieces[i - 1]!.text : '';
      if (
        u.role === 'unknown' &&
        pieces.length > 1 &&
        /\b(?:der kunde|unser kunde|mein kunde|die stelle (?:ist|wäre|liegt)|die firma (?:sitzt|ist|liegt)|wir haben (?:eine|einen|kunden|was)|ich hätte (?:da )?(?:eine|einen|was|zwei|drei)\s+(?:stelle|position|job|kunden)|ich habe (?:eine|einen|zwei|drei)\s+(?:stellen?|positionen?|kunden))\b/i.test(
          s.text,
        )
      )
        continue;
      const askedHere =
        whereAsked || (before !== '' && (WHERE_QUESTION.test(before) || isPlaceQuestion(before)));
      for (const c of clauses(s.text)) {
        const l = lower(c.text);
        const places = placesIn(c.text);
        if (!places.length) continue;
        // "bei X in Dortmund" says where they work today, not where they want to.
        const emp = employerIn(c.text, false);
        // The clause decides ("Ich komme aus Köln, aber Düsseldorf wäre auch gut"); a clause of place names
        // alone ("Ulm oder Neu-Ulm, das wär's") takes its sentence.
        const onlyPlaces = !/[\p{L}]/u.test(
          places
            .reduce(
              (t, p) => t.replace(new RegExp(p.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'), ' '),
              c.text,
            )
            .replace(/\b(?:oder|und|sowie|bzw)\b/gi, ' '),
        );
        const origin =
          /\b(?:komme aus|stamme aus|bin aus|geboren in|aufgewachsen in|studiert in|wohnt in)\b/.test(l);
        const accepted =
          ACCEPT_PLACE.test(onlyPlaces ? lower(i === pieces.length - 1 ? s.text + runOn : s.text) : l) ||
          ((u.topic === 'location' || askedHere) && !origin);
        for (const p of places) {
          if (emp && p.at > emp.at && p.at <= emp.end + 20 && !/\b(?:bleib|auch|gerne?|geht|passt)\b/.test(l))
            continue;
          const near = l.slice(Math.max(0, p.at - 14), p.at + p.name.length + 20);
          if (REJECT_PLACE.test(near) && !/\bnicht nur\b|kein problem/.test(near)) continue;
          // "Frankfurt nur, wenn's gar nicht anders geht": a last resort, no wish.
          const inSentence = c.start + p.at;
          const rest = lower(s.text.slice(inSentence + p.name.length, inSentence + p.name.length + 14));
          if (/^[\s,]*nur,?\s+wenn/.test(rest)) continue;
          if (qualifies(s.text, inSentence)) continue;
          if (accepted) add(p.name);
        }
      }
    }
    // "Die Stelle wäre in Würzburg. Wäre ein Umzug denkbar?" – "Ja, …": the place of the question is accepted.
    // "Wären Sie bereit, nach Stuttgart zu pendeln?" – "Pendeln ja, umziehen nein."
    const firstClause = lower(clauses(sentences(u.text)[0]?.text ?? u.text)[0]?.text ?? '');
    const yes =
      (AGREE_START.test(u.text) && !/^\s*(?:gut|okay|ok)\b/i.test(u.text)) ||
      (u.topic === 'location' && polarity(firstClause) === true) ||
      (u.topic === 'relocate' && relocationYes && polarity(sentences(u.text)[0]?.text ?? '') === true);
    // "Sie arbeiten in Basel?" asks where the person is, not where they want to go.
    const whereNow =
      /\b(?:arbeiten|arbeitest|wohnen|wohnst|sitzen|sind|bist) (?:sie |du )?(?:jetzt |gerade |aktuell )?(?:in|aus)\b/i;
    if (
      u.prompt &&
      (u.topic === 'relocate' || u.topic === 'location') &&
      yes &&
      !whereNow.test(sentences(u.prompt.text).at(-1)?.text ?? '')
    ) {
      // "Bremen oder Hamburg?" – "Bremen, Oldenburg ginge auch": the answer's own places choose.
      const own = placesIn(u.text).map((p) => p.name);
      for (const p of placesIn(u.prompt.text)) if (!own.length || own.includes(p.name)) add(p.name);
    }
  }
  return out;
}
