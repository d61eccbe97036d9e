import { employerIn, STOP_WORDS } from './employerName.ts';
import { CAPITALISED, CONFIRM, nameRe } from './fieldSupport.ts';
import { sentences } from './transcript.ts';
import { SKILLS } from './vocabulary.ts';

/** Words and phrases a job is said in, and the checks of a title, shared by the readers of currentJob.ts. */

export const NOT_A_TITLE =
  /^(?:mutter|vater|mama|papa|oma|opa|ehefrau|ehemann|single|verheiratet|geschieden|quereinsteiger\w*|berufseinsteiger\w*|wiedereinsteiger\w*|rentner\w*|pensionär\w*|schwanger|alleinerziehend\w*|nervös|gespannt|froh|zufrieden|unzufrieden)\b/i;

export function cleanTitle(raw: string, capitalised: boolean): string | null {
  let t = raw
    // Swiss "sit zwei Johr" is "seit zwei Jahren".
    .replace(/\s+(?:seit|sit)\s+.*$/i, '')
    // Hesitation before the title ("Ähm, also, …") is no part of it.
    .replace(/^(?:(?:ähm?|öhm|hm+|naja|also|tja)\s*,?\s*)+/i, '')
    .replace(
      /^(?:(?:derzeit|aktuell|gerade|grad|noch|momentan|jetzt|ja|doch|inzwischen|mittlerweile|schon|hier)\s+)+/i,
      '',
    )
    .replace(/^(?:jahren|jahre|jahr|monaten|monate|wochen|tagen)\s+/i, '')
    .replace(/^als\s+/i, '')
    .replace(/\s+(?:richtig|oder|nicht wahr|gell|ne)$/i, '')
    .trim();
  t = t.replace(/[,.;:?!]+$/, '').trim();
  if (!t) return null;
  // "Du bist gerade beim Landratsamt, oder?": a place or company after a preposition is no title.
  if (/^(?:bei|beim|im|in|am|an|auf|für|mit|von|vom|zum|zur|zu|aus)\s/i.test(t)) return null;
  // "Genau, seit drei Jahren" (Swiss "sit drei Johr"): a time, no title.
  if (/^(?:seit|sit)\s/i.test(t)) return null;
  // Family and life situations are no job titles ("Mutter von zwei Kindern", "Quereinsteiger").
  if (NOT_A_TITLE.test(t)) return null;
  const words = t.split(/\s+/);
  if (words.length > 6 || /\d{3,}/.test(t)) return null;
  if (STOP_WORDS.has(words[0]!.toLowerCase())) return null;
  // "Sie sind dat wegen der Mail": a reason, no title.
  if (/\b(?:wegen|bezüglich|betreffend|deswegen|deshalb)\b/i.test(t)) return null;
  if (capitalised) {
    const last = words.at(-1)!;
    if (!CAPITALISED(last.replace(/^[-(]/, ''))) return null;
  }
  return t;
}

/** Title segments of a confirming answer: "Ja, Maschinenbau-Konstrukteur, seit fünf Jahren" → ["Maschinenbau-Konstrukteur"]. */
export function titleSegments(answer: string): string[] {
  // "Ja genau, …", "Ja, richtig, …": every confirming word before the title.
  let body = answer;
  while (CONFIRM.test(body) && body.replace(CONFIRM, '') !== body) body = body.replace(CONFIRM, '');
  // "offiziell heißt es Einkaufsassistentin", "eigentlich heißt das Fachkraft Lagerlogistik"
  body = body.replace(
    /^(?:(?:also|ähm?)\s*,?\s*)*(?:(?:offiziell|eigentlich|genau genommen)\s+)?heißt (?:es|das)\s+(?:(?:offiziell|eigentlich)\s+)?/i,
    '',
  );
  const first = sentences(body)[0]?.text ?? body;
  const out: string[] = [];
  for (const seg of first.split(/,\s*/)) {
    let s = seg.trim();
    // "seit November als Mechatroniker": the title after "als", not the time before it.
    const as = /^(?:(?:seit|ab|schon|jetzt|inzwischen|mittlerweile)\s+\S+(?:\s+\S+)?\s+)?als\s+(.+)$/i.exec(
      s,
    );
    if (as) s = as[1]!;
    // "Ja, noch, als Zusteller": a word of assent between the yes and the title.
    if (/^(?:noch|immer noch|genau|richtig|klar|ja)$/i.test(s)) continue;
    const emp = employerIn(s, true);
    if (emp) s = s.slice(0, emp.at).trim();
    s = s.replace(/\s+in\s+[\p{Lu}][\p{L}-]+$/u, '').trim();
    const t = s ? cleanTitle(s, true) : null;
    if (t && !SKILLS.some((k) => new RegExp(`^(?:${(k.pattern ?? nameRe(k.name)).source})$`, 'iu').test(t))) {
      out.push(t);
    } else if (/^(?:im|in der)\s+\p{Lu}/u.test(s) && !emp) {
    } else if (s || !emp) break;
  }
  return out;
}

/**
 * What the person is now when they correct the recruiter: "Nicht mehr, seit Juli Projektleiter bei der
 * Brandt Bau." / "Jein. Disponent ja, aber seit Mai bei der Hanse Logistik." `said` starts with the no.
 */
export function correction(
  said: string,
  capitalised: boolean,
  asked: string | null,
): { title: string | null; emp: { name: string; at: number; end: number } } | null {
  const now =
    /^\s*(?:nein|nee|jein|nicht mehr|nicht ganz)\b[,.]?\s*(.*?)\s*,?\s*(?:aber\s+)?(?:(?:seit\s+\S+|inzwischen|mittlerweile|jetzt|ich bin|bin)\s+)+(?:(\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*){0,2})\s+)?(?=(?:bei|beim)\s)/iu.exec(
      said,
    );
  const emp = now ? employerIn(said.slice(now[0].length), capitalised) : null;
  if (!now || !emp || emp.at !== 0 || /\b(?:war|vorher|früher|damals)\b/i.test(now[0])) return null;
  const newTitle = now[2] ? cleanTitle(now[2], capitalised) : null;
  const kept = now[1] ? cleanTitle(now[1].replace(/\s+ja$/i, ''), capitalised) : null;
  const title = newTitle ?? (kept && asked && kept.toLowerCase() === asked.toLowerCase() ? asked : null);
  return { title, emp: { name: emp.name, at: now[0].length + emp.at, end: now[0].length + emp.end } };
}

export const PREFIX = String.raw`(?:(?:derzeit|aktuell|gerade|grad|noch|momentan|jetzt|ja|doch|zurzeit|immer noch|weiterhin|nach wie vor)\s+)*`;
/** "Sie sind (als) X (bei Y)?", "Sie arbeiten als X", "Du bist gerade als X bei Y, richtig?" */
export const RECRUITER_ROLE = new RegExp(
  String.raw`\b(?:(?:sie sind|du bist|sind sie|sie san|san sie)\s+${PREFIX}(?:als\s+)?|(?:sie|du)\s+(?:arbeiten|arbeitest|fahren|fährst|schaffen|schaffed|schaffst|jobben|jobbst)\s+${PREFIX}als\s+|(?:arbeiten|fahren|schaffen) sie\s+${PREFIX}als\s+)(.+?)(?=\s+(?:bei|beim|bi|bim)\s|\s+für\s+(?:die|den|das)\s|[,?.!]|\s+richtig\b|\s+oder\b|\s+tätig\b|$)`,
  'i',
);
/** "Sie fahren aktuell bei der Spedition Maier?" */
export const RECRUITER_EMPLOYER = new RegExp(
  String.raw`\b(?:(?:sie|du)\s+(?:sind|san|bist|arbeiten|arbeitest|fahren|fährst|schaffen|schaffed|jobben|sind angestellt|bist angestellt)|(?:arbeiten|fahren|schaffen) sie)\s+${PREFIX}(?=(?:bei|beim|bi|bim)\s|für\s+(?:die|den|das)\s)`,
  'i',
);
export const SELF_ROLE =
  /\b(?:ich bin|ich arbeite|arbeite ich|bin ich)\s+((?:(?:seit\s+[^,.]{1,25}?|derzeit|aktuell|gerade|grad|momentan|jetzt|noch|schon|inzwischen|mittlerweile|hier|da|zurzeit|übrigens|halt)\s+)*(?:als\s+)?)(.+?)(?=\s+(?:bei|beim)\s|[,?.!]|\s+seit\b|$)/i;
/** "bei der Volksbank als Kreditorenbuchhalterin", "als Lagerist bei Logimax" */
export const AS_AT =
  /\b(?:bei|beim)\s+((?:der\s+|dem\s+|den\s+)?.+?)\s+als\s+(.+?)(?=\s+seit\b|[,.?!]|\s+und\b|$)/i;
export const AT_AS = /\bals\s+(.+?)\s+(?=(?:bei|beim)\s)/i;
/** "Ich arbeite für die Deutsche Post als Zusteller" */
export const FOR_AS =
  /\barbeite\w*\s+(?:(?:seit|schon|jetzt|aktuell|derzeit|gerade)\s+(?:\S+\s+)?)?für\s+((?:die|den|das)\s+)?(\p{Lu}.+?)\s+als\s+(.+?)(?=\s+seit\b|[,.?!]|\s+und\b|$)/u;
/** "Projektingenieur bei Voith in Heidenheim." as the answer to "Was ist Ihr Job?" */
export const TITLE_AT =
  /^\s*(?:(?:ja|also|aktuell|derzeit|zurzeit|momentan|noch)\s*,?\s*)*((?:\p{Ll}+\s+)?\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?)\s+(?=(?:bei|beim)\s)/u;
/** A question for today's job ("Was machen Sie genau?", "Wo arbeiten Sie zurzeit?"). */
export const JOB_QUESTION =
  /\b(?:was mach(?:en sie|st du)\b(?!.*\b(?:gern|lieber|in der freizeit|am wochenende)\b)|wo arbeite(?:n sie|st du)|wo sind sie (?:\S+ )?(?:beschäftigt|angestellt|tätig)|was ist ihr (?:aktueller )?job|beruflich)\b/i;
export const JOBLIKE =
  /(?:er|in|ist|ent|eur|ant|ör|ur|ling|ker|mann|frau|kraft|leitung|leiter|leiterin|lead|manager|managerin|engineer|analyst|consultant|ingenieur|ingenieurin|meister|meisterin)$/i;

export interface Candidate {
  value: string;
  quote: string;
  /** Own words with a company 3, a confirmed recruiter question or an answer to "was machen Sie" 2, else 1. */
  rank: number;
}
