import { CAPITALISED } from './fieldSupport.ts';
import { CITIES } from './vocabulary.ts';

/** Company names as said after "bei"/"beim" or an institution word ("im Haus Sonnenhof"). */

export const STOP_WORDS = new Set(
  'lieber gern gerne remote hybrid vor ich sie du er es wir ihr da hier gerade grad seit noch auch eigentlich schon also ja nein ein eine einer einem einen sehr so im in bei dort jetzt gut total mir mal nicht zufrieden froh interessiert offen flexibel unterwegs für mit und oder aber das die der dem den zwischen auf an zu von vom ohne wieder immer bald fertig dabei zuhause zu hause krank arbeitslos raus weg vor allem hauptsächlich eher vielleicht wie was wo wann ganz selbst selbstständig momentan aktuell derzeit zurzeit mehr üs öis'.split(
    ' ',
  ),
);
export const INSTITUTION =
  /^(?:\p{Lu}\p{Ll}+(?:hotel|praxis|klinik|labor|gasthof|gasthaus)|Gasthof|Gasthaus|Landgasthof|Wirtshaus|Brauerei|Metzgerei|Labor|Haus|Kita|Kindertagesstätte|Kindergarten|Klinik|Klinikum|Krankenhaus|Praxis|Kanzlei|Schule|Grundschule|Gymnasium|Hotel|Restaurant|Autohaus|Bäckerei|Apotheke|Seniorenheim|Seniorenzentrum|Pflegeheim|Altenheim|Pflegedienst|Universität|Uni|Hochschule|Stadtverwaltung|Landratsamt|Rathaus|Filiale|Werk|Zentrum|Center|Studio|Agentur|Sparkasse|Volksbank|Stadtwerke\w*|Firma)$/u;
/**
 * Where a company name ends. A dot after an abbreviation of a name or legal form belongs to it
 * ("Gebr. Albers", "Müller & Co. KG", "Tafel e. V.", "H. Berger GmbH").
 */
export const EMPLOYER_END =
  /\s+(?:in|im|seit|als|wo|da|hier|aktuell|gerade|schon|richtig|genau|ja|jo|noch|ne|gell|stimmt|korrekt|oder|für|mit|tätig|beschäftigt|angestellt|unterwegs|zufrieden|gekündigt|und(?!\s+(?:partner|söhne|sohn|co|töchter|kollegen)\b)|ist|sind|war|bin|ich|wir|er|es|,)(?![\p{L}])|(?<!(?:^|[^\p{L}])(?:gebr|co|ing|inh|dipl|dt|int|kfm|gen|mbh|st|dr|\p{L}))\.|[,;:?!]|$/iu;

/** Where one is "bei" without working there ("beim Arzt", "bei den Kunden", "bei meinen Eltern"). */
export const NOT_AN_EMPLOYER =
  /^(?:arzt|zahnarzt|friseur|kunden?|kollegen|eltern|freunden|familie|termin|meeting|essen|mittagessen|sport|training|urlaub|arbeit|bewerbungsgespräch|vorstellungsgespräch|gespräch|anruf|telefonat|bewerbung|messe|schulung|fortbildung|weiterbildung|umzug|wetter|thema|frage|stelle|position|job|zukunft|kinder|firma$)\b/i;

/** Plural nouns of company names that take -e ("die Werke", dative "den Werken"). */
const PLURAL_E = /(?:werk|betrieb|dienst|markt|hof|verbund|laden|bad|amt|haus)en$/i;
const PLURAL_E_UMLAUT = /(?:häus|ämt|bäd|höf|märkt)ern?$/i;
/** The last noun of a neuter name ("das Rote Kreuz", "das Klinikum"): its adjectives end in -es. */
const NEUTER_NOUN =
  /(?:kreuz|um|amt|haus|werk|zentrum|institut|büro|hotel|studio|labor|unternehmen|team|netz|archiv|theater|gericht|kontor|center|lager|heim|hospital|spital|stift|seminar|atelier|ministerium|kolleg|gymnasium|museum|orchester|wohnheim|bistum|dekanat)$/i;

const ADJECTIVE_EN =
  /^\p{Lu}\p{Ll}*(?:isch|sch|lich|ig|al|ell|iv|är|ar|ös|os|sam|bar|haft|t|neu|frei|groß|klein|blau|grün|weiß|hoch|jung|privat|ober|unter|nieder|mittler|inner|äußer)en$/u;

/**
 * A company name said in the dative after a preposition, in its nominative: "(bei) den Stadtwerken
 * München" → "Stadtwerke München", "(bei) der Deutschen Bahn" → "Deutsche Bahn", "(beim) Bayerischen
 * Rundfunk" → "Bayerischer Rundfunk", "(beim) Deutschen Roten Kreuz" → "Deutsches Rotes Kreuz".
 * `article` is the dative article that was said ("den", "der", "dem"; "beim", "im", "am" are "dem").
 */
export function nominative(name: string, article: string | null): string {
  const words = name.split(/\s+/);
  const art = article?.toLowerCase() ?? null;
  // Feminine and neuter names read the same after "für die/das" as in the nominative.
  if (art === 'die' || art === 'das') return name;
  // An inflected adjective before a noun ("Deutschen", "Roten", "Vereinigten"), not a surname ("Hansen").
  const isAdjective = (w: string, i: number) =>
    i < words.length - 1 && ADJECTIVE_EN.test(w) && /^\p{Lu}/u.test(words[i + 1]!);
  const headOf = (i: number) => words.slice(i + 1).find((x, k) => !isAdjective(x, i + 1 + k)) ?? '';
  return words
    .map((w, i) => {
      if (art === 'den' || art === null) {
        // Dative plural: "Stadtwerken" → "Stadtwerke", "Johannitern" → "Johanniter".
        if (PLURAL_E.test(w)) return w.slice(0, -1);
        if (art === 'den' && (/[^e]ern$|eln$/.test(w) || PLURAL_E_UMLAUT.test(w)) && w.length > 5)
          return w.slice(0, -1);
        if (art === 'den' && isAdjective(w, i)) return w.slice(0, -1);
        return w;
      }
      if (!isAdjective(w, i)) return w;
      if (art === 'der') return w.slice(0, -1);
      // "dem": masculine or neuter, told by the last noun.
      return `${w.slice(0, -1)}${NEUTER_NOUN.test(headOf(i)) ? 's' : 'r'}`;
    })
    .join(' ');
}

export function cleanEmployer(
  raw: string,
  capitalised: boolean,
  article: string | null = null,
): string | null {
  const said = /^(der|dem|den|die|des)\s+/i.exec(raw);
  const t0 = raw
    .replace(/^(?:der|dem|den|die|des)\s+/i, '')
    .replace(/[,;:!?]+$/, '')
    .replace(/(?<!(?:^|[^\p{L}])(?:gebr|co|ing|inh|dipl|dt|int|kfm|gen|st|dr|\p{L}))\.+$/iu, '')
    .trim();
  const t = nominative(t0, said?.[1] ?? article);
  if (!t) return null;
  const words = t.split(/\s+/);
  if (
    // Legal forms and "&" do not make a name long ('Müller & Söhne GmbH & Co. KG').
    words.filter(
      (w) => /\p{L}/u.test(w) && !/^(?:gmbh|co\.?|kg|ag|se|mbh|ohg|gbr|ug|e\.|v\.|eg|kgaa)$/i.test(w),
    ).length > 6 ||
    /^(?:uns|ihnen|mir|dir|euch|einem|einer|einen|meinem|meiner|meinen|meine|mein|ihrem|ihrer|ihren|seinem|seiner|seinen|unserem|unserer|unseren|dem|der)$/i.test(
      words[0]!,
    ) ||
    NOT_AN_EMPLOYER.test(t)
  )
    return null;
  if (capitalised && !CAPITALISED(words[0]!)) return null;
  if (STOP_WORDS.has(words[0]!.toLowerCase())) return null;
  // A place alone is no employer ("bei Hamburg").
  if (words.length === 1 && CITIES.some((c) => c.toLowerCase() === words[0]!.toLowerCase())) return null;
  return t;
}

/** "bei der Nordbank Digital in Hamburg" → "Nordbank Digital"; "im Haus Sonnenhof" → "Haus Sonnenhof". */
export function employerIn(
  text: string,
  capitalised: boolean,
  withFor = false,
): { name: string; at: number; end: number } | null {
  // Swiss "bi de Holzbau AG", "bim Kanton" are "bei der", "beim". With `withFor` also the company one
  // works or drives for ("für die Spedition Hansen"): in the accusative, "für den …" inflects like "dem".
  const bei = withFor
    ? /(?<![\p{L}])(bei|beim|bi|bim|für)\s+((?:der|dem|den|die|das|de)\s+)?/giu
    : /(?<![\p{L}])(bei|beim|bi|bim)\s+((?:der|dem|den|die|de)\s+)?/giu;
  for (const m of text.matchAll(bei)) {
    const prep = m[1]!.toLowerCase();
    // "für" needs an article: "für Kunden", "für Stuttgart" are no companies.
    if (prep === 'für' && !m[2]) continue;
    const rest = text.slice(m.index + m[0].length);
    const stop = EMPLOYER_END.exec(rest);
    const raw = rest.slice(0, stop ? stop.index : rest.length);
    const said = m[2]?.trim().toLowerCase() ?? null;
    const article =
      prep === 'für'
        ? said === 'den'
          ? 'dem'
          : 'die'
        : said === 'de'
          ? null
          : (said ?? (prep === 'beim' || prep === 'bim' ? 'dem' : null));
    const name = cleanEmployer(raw, capitalised, article);
    if (name) return { name, at: m.index, end: m.index + m[0].length + raw.length };
  }
  if (!capitalised) {
    // "im klinikum bremen mitte seit acht jahren" → "klinikum bremen mitte"
    for (const m of text.matchAll(/\b(?:im|in der|in dem|am)\s+([\p{L}-]+)((?:\s+[\p{L}&-]+){1,3})/giu)) {
      if (!INSTITUTION.test(`${m[1]![0]!.toUpperCase()}${m[1]!.slice(1)}`)) continue;
      const words: string[] = [];
      for (const w of m[2]!.trim().split(/\s+/)) {
        if (STOP_WORDS.has(w.toLowerCase()) || /^(?:seit|als|wo|in|und|aber)$/i.test(w)) break;
        words.push(w);
      }
      if (words.length)
        return {
          name: nominative(
            [m[1]!, ...words].join(' '),
            /der$/i.test(m[0].split(/\s+/)[1] ?? '') ? 'der' : 'dem',
          ),
          at: m.index,
          end: m.index + m[0].length,
        };
    }
  }
  if (capitalised) {
    const inst =
      /\b(?:[Ii]m|[Ii]n der|[Ii]n dem|[Aa]m)\s+([\p{Lu}][\p{L}-]+)\s+((?:(?:zur|zum|Dr\.|St\.)\s+)?[\p{Lu}][\p{L}&-]+(?:\s+(?:(?:zur|zum|Dr\.|St\.)\s+)?[\p{Lu}][\p{L}&-]+){0,2})/gu;
    for (const m of text.matchAll(inst)) {
      if (!INSTITUTION.test(m[1]!)) continue;
      const second = m[2]!.split(/\s+/);
      // "im Haus Sonnenhof in Kassel": the name stops before a city.
      const article = /^in der$/i.test(m[0].split(/\s+/).slice(0, 2).join(' ')) ? 'der' : 'dem';
      const name = nominative([m[1]!, ...second.filter((w) => !CITIES.includes(w))].join(' '), article);
      return { name, at: m.index, end: m.index + m[0].length };
    }
  }
  return null;
}
