import { CAPITALISED } from './fieldSupport.ts';
import { CITIES } from './vocabulary.ts';

/** Company names as said after "bei"/"beim" or an institution word ("im Haus Sonnenhof"). */

export const STOP_WORDS = new Set(
  'lieber gern gerne remote hybrid vor ich sie du er es wir ihr da hier gerade grad seit noch auch eigentlich schon also ja nein ein eine einer einem einen sehr so im in bei dort jetzt gut total mir mal nicht zufrieden froh interessiert offen flexibel unterwegs für mit und oder aber das die der dem den zwischen auf an zu von vom ohne wieder immer bald fertig dabei zuhause zu hause krank arbeitslos raus weg vor allem hauptsächlich eher vielleicht wie was wo wann ganz selbst selbstständig momentan aktuell derzeit zurzeit mehr'.split(
    ' ',
  ),
);
export const INSTITUTION =
  /^(?:Haus|Kita|Kindertagesstätte|Kindergarten|Klinik|Klinikum|Krankenhaus|Praxis|Kanzlei|Schule|Grundschule|Gymnasium|Hotel|Restaurant|Autohaus|Bäckerei|Apotheke|Seniorenheim|Seniorenzentrum|Pflegeheim|Altenheim|Pflegedienst|Universität|Uni|Hochschule|Stadtverwaltung|Landratsamt|Rathaus|Filiale|Werk|Zentrum|Center|Studio|Agentur|Sparkasse|Volksbank|Stadtwerke\w*|Firma)$/;
export const EMPLOYER_END =
  /\s+(?:in|im|seit|als|wo|da|hier|aktuell|gerade|schon|richtig|oder|für|mit|tätig|beschäftigt|angestellt|unterwegs|zufrieden|gekündigt|und(?!\s+(?:partner|söhne|sohn|co|töchter|kollegen)\b)|ist|sind|war|bin|,)\b|[,.;:?!]|$/i;

/** Where one is "bei" without working there ("beim Arzt", "bei den Kunden", "bei meinen Eltern"). */
export const NOT_AN_EMPLOYER =
  /^(?:arzt|zahnarzt|friseur|kunden?|kollegen|eltern|freunden|familie|termin|meeting|essen|mittagessen|sport|training|urlaub|arbeit|bewerbungsgespräch|vorstellungsgespräch|gespräch|anruf|telefonat|bewerbung|messe|schulung|fortbildung|weiterbildung|umzug|wetter|thema|frage)\b/i;

export function cleanEmployer(raw: string, capitalised: boolean): string | null {
  const t = raw
    .replace(/^(?:der|dem|den|die|des)\s+/i, '')
    .replace(/[,.;:!?]+$/, '')
    .trim();
  if (!t) return null;
  const words = t.split(/\s+/);
  if (
    words.length > 6 ||
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
): { name: string; at: number; end: number } | null {
  const bei = /\b(?:bei|beim)\s+((?:der|dem|den|die)\s+)?/gi;
  for (const m of text.matchAll(bei)) {
    const rest = text.slice(m.index + m[0].length);
    const stop = EMPLOYER_END.exec(rest);
    const raw = rest.slice(0, stop ? stop.index : rest.length);
    const name = cleanEmployer(raw, capitalised);
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
      if (words.length) return { name: [m[1]!, ...words].join(' '), at: m.index, end: m.index + m[0].length };
    }
  }
  if (capitalised) {
    const inst =
      /\b(?:[Ii]m|[Ii]n der|[Ii]n dem|[Aa]m)\s+([\p{Lu}][\p{L}-]+)\s+([\p{Lu}][\p{L}&-]+(?:\s+[\p{Lu}][\p{L}&-]+){0,2})/gu;
    for (const m of text.matchAll(inst)) {
      if (!INSTITUTION.test(m[1]!)) continue;
      const second = m[2]!.split(/\s+/);
      // "im Haus Sonnenhof in Kassel": the name stops before a city.
      const name = [m[1]!, ...second.filter((w) => !CITIES.includes(w))].join(' ');
      return { name, at: m.index, end: m.index + m[0].length };
    }
  }
  return null;
}
