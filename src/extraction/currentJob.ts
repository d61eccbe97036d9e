import { quoteAround, type Unit } from './conversation.ts';
import { cleanEmployer, EMPLOYER_END, employerIn, INSTITUTION, STOP_WORDS } from './employerName.ts';
import { CAPITALISED, CONFIRM, DENY, type Found, nameRe } from './fieldSupport.ts';
import { sentences } from './transcript.ts';
import { SKILLS } from './vocabulary.ts';

/** Current position and employer: the person's own words, or the recruiter's question confirmed. */

const NOT_A_TITLE =
  /^(?:mutter|vater|mama|papa|oma|opa|ehefrau|ehemann|single|verheiratet|geschieden|quereinsteiger\w*|berufseinsteiger\w*|wiedereinsteiger\w*|rentner\w*|pensionär\w*|schwanger|alleinerziehend\w*|nervös|gespannt|froh|zufrieden|unzufrieden)\b/i;

function cleanTitle(raw: string, capitalised: boolean): string | null {
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
function titleSegments(answer: string): string[] {
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
function correction(
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

export interface Job {
  position: Found<string> | null;
  employer: Found<string> | null;
}

const PREFIX = String.raw`(?:(?:derzeit|aktuell|gerade|grad|noch|momentan|jetzt|ja|doch|zurzeit|immer noch|weiterhin|nach wie vor)\s+)*`;
/** "Sie sind (als) X (bei Y)?", "Sie arbeiten als X", "Du bist gerade als X bei Y, richtig?" */
const RECRUITER_ROLE = new RegExp(
  String.raw`\b(?:(?:sie sind|du bist|sind sie|sie san|san sie)\s+${PREFIX}(?:als\s+)?|(?:sie|du)\s+(?:arbeiten|arbeitest|fahren|fährst|schaffen|schaffed|schaffst|jobben|jobbst)\s+${PREFIX}als\s+|(?:arbeiten|fahren|schaffen) sie\s+${PREFIX}als\s+)(.+?)(?=\s+(?:bei|beim|bi|bim)\s|\s+für\s+(?:die|den|das)\s|[,?.!]|\s+richtig\b|\s+oder\b|\s+tätig\b|$)`,
  'i',
);
/** "Sie fahren aktuell bei der Spedition Maier?" */
const RECRUITER_EMPLOYER = new RegExp(
  String.raw`\b(?:(?:sie|du)\s+(?:sind|san|bist|arbeiten|arbeitest|fahren|fährst|schaffen|schaffed|jobben|sind angestellt|bist angestellt)|(?:arbeiten|fahren|schaffen) sie)\s+${PREFIX}(?=(?:bei|beim|bi|bim)\s|für\s+(?:die|den|das)\s)`,
  'i',
);
const SELF_ROLE =
  /\b(?:ich bin|ich arbeite|arbeite ich|bin ich)\s+((?:(?:seit\s+[^,.]{1,25}?|derzeit|aktuell|gerade|grad|momentan|jetzt|noch|schon|inzwischen|mittlerweile|hier|da|zurzeit|übrigens|halt)\s+)*(?:als\s+)?)(.+?)(?=\s+(?:bei|beim)\s|[,?.!]|\s+seit\b|$)/i;
/** "bei der Volksbank als Kreditorenbuchhalterin", "als Lagerist bei Logimax" */
const AS_AT = /\b(?:bei|beim)\s+((?:der\s+|dem\s+|den\s+)?.+?)\s+als\s+(.+?)(?=\s+seit\b|[,.?!]|\s+und\b|$)/i;
const AT_AS = /\bals\s+(.+?)\s+(?=(?:bei|beim)\s)/i;
/** "Ich arbeite für die Deutsche Post als Zusteller" */
const FOR_AS =
  /\barbeite\w*\s+(?:(?:seit|schon|jetzt|aktuell|derzeit|gerade)\s+(?:\S+\s+)?)?für\s+((?:die|den|das)\s+)?(\p{Lu}.+?)\s+als\s+(.+?)(?=\s+seit\b|[,.?!]|\s+und\b|$)/u;
/** "Projektingenieur bei Voith in Heidenheim." as the answer to "Was ist Ihr Job?" */
const TITLE_AT =
  /^\s*(?:(?:ja|also|aktuell|derzeit|zurzeit|momentan|noch)\s*,?\s*)*((?:\p{Ll}+\s+)?\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?)\s+(?=(?:bei|beim)\s)/u;
/** A question for today's job ("Was machen Sie genau?", "Wo arbeiten Sie zurzeit?"). */
const JOB_QUESTION =
  /\b(?:was mach(?:en sie|st du)\b(?!.*\b(?:gern|lieber|in der freizeit|am wochenende)\b)|wo arbeite(?:n sie|st du)|wo sind sie (?:\S+ )?(?:beschäftigt|angestellt|tätig)|was ist ihr (?:aktueller )?job|beruflich)\b/i;
const JOBLIKE =
  /(?:er|in|ist|ent|eur|ant|ör|ur|ling|ker|mann|frau|kraft|leitung|leiter|leiterin|lead|manager|managerin|engineer|analyst|consultant|ingenieur|ingenieurin|meister|meisterin)$/i;

interface Candidate {
  value: string;
  quote: string;
  /** Own words with a company 3, a confirmed recruiter question or an answer to "was machen Sie" 2, else 1. */
  rank: number;
}

export function extractJob(units: Unit[], text: string, labelled: boolean): Job {
  // What was said, not the speaker labels: "Frau Kraus: sie san kfz-mechatroniker beim autohaus gruber"
  // is a text in lower case although its labels have capitals.
  const said = units.map((u) => u.text).join(' ');
  const words = said.match(/[\p{L}]+/gu) ?? [];
  const upper = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  const capitalised = upper >= 3 && upper >= words.length * 0.05;
  const titles: Candidate[] = [];
  const employers: Candidate[] = [];
  const quote = (u: Unit, from: number, to: number) => quoteAround(text, u.start + from, u.start + to);
  const addEmployer = (
    u: Unit,
    e: { name: string; at: number; end: number } | null,
    base: number,
    rank: number,
  ) => {
    if (e) employers.push({ value: e.name, quote: quote(u, base + e.at, base + e.end), rank });
  };

  for (const u of units) {
    const pieces = labelled ? sentences(u.text) : [{ text: u.text, start: 0 }];
    // The recruiter asks "Sie sind … bei …?"; the person confirms, corrects or refines.
    if (u.role === 'recruiter' || (!labelled && u.role === 'unknown')) {
      for (const s of pieces) {
        const role = RECRUITER_ROLE.exec(s.text);
        // "Sie sind Erzieherin in der Kita Sonnenschein in Köln?": the institution is the employer.
        let roleRaw = role?.[1] ?? '';
        const roleAt = role ? role.index + role[0].length - roleRaw.length : 0;
        const inst = role ? employerIn(roleRaw, capitalised) : null;
        const instEmp =
          inst && !/^(?:bei|beim)\b/i.test(roleRaw.slice(inst.at))
            ? { name: inst.name, at: roleAt + inst.at, end: roleAt + inst.end }
            : null;
        if (instEmp) roleRaw = roleRaw.slice(0, inst!.at);
        const roleTitle = role ? cleanTitle(roleRaw, capitalised) : null;
        // "Sie sind bei der Deutschen Bahn?": no title, only the company.
        const m = roleTitle ? role : null;
        const onlyEmp = m ? null : RECRUITER_EMPLOYER.exec(s.text);
        if (!m && !onlyEmp) continue;
        const hit = (m ?? onlyEmp)!;
        const title = m ? roleTitle : null;
        const afterAt = m ? hit.index + hit[0].length : hit.index + hit[0].length - 1;
        const afterTitle = s.text.slice(afterAt);
        const bei = /^\s*(?:bei|beim|bi|bim|für\s+(?:die|den|das))\s/i.test(afterTitle)
          ? employerIn(afterTitle, capitalised, true)
          : null;
        const emp = bei
          ? { name: bei.name, at: afterAt + bei.at, end: afterAt + bei.end }
          : m
            ? instEmp
            : null;
        if (!title && !emp) continue;
        const empEnd = emp ? Math.max(emp.end, afterAt) : afterAt;
        if (!labelled) {
          // Without labels the next words must confirm ("… in Stuttgart genau seit vier Jahren").
          const tail = s.text.slice(empEnd, empEnd + 40);
          // "Sie sind Bauleiter bei Hochtief? Nicht mehr, seit Juli Projektleiter bei der Züblin.": a correction.
          const after = s.text.slice(empEnd).replace(/^[\s,]*(?:oder|richtig|ne|gell)?\s*\?\s*/i, '');
          const base = s.start + s.text.length - after.length;
          const asked = /\?/.test(s.text.slice(empEnd, empEnd + 20));
          const now = asked ? correction(after.slice(0, 200), capitalised, title) : null;
          if (now) {
            addEmployer(u, now.emp, base, 3);
            if (now.title)
              titles.push({ value: now.title, quote: quote(u, base, base + now.emp.end), rank: 3 });
            continue;
          }
          // "… bei Roche? Bei der Roche Diagnostics in Rotkreuz, ja.": the company the answer names.
          const named =
            asked && /^(?:bei|beim)\s/i.test(after) ? employerIn(after.slice(0, 120), capitalised) : null;
          if (
            named &&
            named.at === 0 &&
            /^[^.?!]{0,30}?[\s,]+(?:ja|genau|richtig|korrekt|stimmt)\b/i.test(after.slice(named.end))
          ) {
            addEmployer(u, named, base, 3);
            if (title)
              titles.push({ value: title, quote: quote(u, s.start + hit.index, s.start + afterAt), rank: 2 });
            continue;
          }
          const yes = /\b(?:genau|richtig|ja|jo|korrekt|stimmt|exakt)\b/i.exec(tail);
          if (!yes) continue;
          // "… bei der Brightlane? Jein, … aber seit Juli bei …": a correction, not a yes.
          if (/\b(?:nein|nee|jein|nicht mehr|nicht ganz)\b/i.test(tail.slice(0, yes.index + yes[0].length)))
            continue;
          if (title)
            titles.push({ value: title, quote: quote(u, s.start + hit.index, s.start + afterAt), rank: 2 });
          const afterYes = empEnd + yes.index + yes[0].length;
          if (emp) {
            addEmployer(u, emp, s.start, 2);
            // "sie arbeiten bei rossmann ja als filialleiterin": the title after the yes.
            const as = title
              ? null
              : /^[\s,]*(?:(?:noch|immer noch|genau|richtig)[\s,]+)*als\s+(\S+(?:\s+\S+)?)/i.exec(
                  s.text.slice(afterYes),
                );
            const t = as ? cleanTitle(as[1]!.replace(/\s+(?:seit|und|bei|in|im)$/i, ''), capitalised) : null;
            if (t && JOBLIKE.test(t.split(/\s+/)[0]!))
              titles.push({
                value: t,
                quote: quote(u, s.start + hit.index, s.start + afterYes + 40),
                rank: 2,
              });
          } else {
            // "Sie sind Pflegerin? Ja, … am Klinikum Nord, seit 2018." / "…, richtig? Ja, genau. Beim Klinikum
            // Nord.": the company in the answer's first sentence past the yes words.
            const skip = /^(?:[\s,.?!]|ja\b|genau\b|richtig\b|jo\b|stimmt\b)*/i.exec(s.text.slice(afterYes))!;
            const from = afterYes + skip[0].length;
            const rest = s.text.slice(from, from + 120).split(/[.?!]/)[0] ?? '';
            addEmployer(u, employerIn(rest, capitalised), s.start + from, 2);
          }
          continue;
        }
        const answer = units[u.index + 1];
        if (!answer || answer.role === 'recruiter') continue;
        // "Sie sind Elektriker?" – "Elektroniker für Energie- und Gebäudetechnik, bei …": a refinement.
        const refinesOnly =
          !CONFIRM.test(answer.text) && capitalised && titleSegments(answer.text).length > 0;
        // "Sie sind Beraterin bei Roche?" – "Bei der Roche Diagnostics in Basel, ja.": the company the answer names.
        const ownFirst = sentences(answer.text)[0]?.text ?? '';
        const ownEmp = /^\s*(?:bei|beim)\s/i.test(ownFirst) ? employerIn(ownFirst, capitalised) : null;
        if (
          ownEmp &&
          ownEmp.at === 0 &&
          !DENY.test(answer.text) &&
          /,\s*(?:ja|genau|richtig|korrekt|stimmt)\b[.!]?\s*$/i.test(ownFirst)
        ) {
          addEmployer(answer, ownEmp, 0, 3);
          if (title)
            titles.push({ value: title, quote: quote(u, s.start + hit.index, s.start + afterAt), rank: 2 });
          continue;
        }
        if (DENY.test(answer.text)) {
          // "Sie sind Bauleiter bei Hochtief?" – "Nein, bei Züblin, seit drei Jahren.": only the company was wrong.
          const fix =
            /^\s*(?:nein|nee|nicht ganz)\s*,?\s*(?:(?:ich bin|inzwischen|mittlerweile|jetzt|seit \w+)\s+)*(?=(?:bei|beim)\s)/i.exec(
              answer.text,
            );
          const other = fix ? employerIn(answer.text.slice(fix[0].length), capitalised) : null;
          if (fix && other && other.at === 0 && emp) {
            addEmployer(answer, other, fix[0].length, 3);
            if (title)
              titles.push({ value: title, quote: quote(u, s.start + hit.index, s.start + afterAt), rank: 2 });
            continue;
          }
          // "Nicht mehr, seit Juli Projektleiter bei der Brandt Bau." / "Jein. Disponent ja, aber seit Mai bei
          // der Hanse Logistik.": what the person is now, in the first two sentences of the answer.
          const said = sentences(answer.text)
            .slice(0, 2)
            .map((x) => x.text)
            .join(' ');
          const now = correction(said, capitalised, title);
          if (now) {
            addEmployer(answer, now.emp, 0, 3);
            if (now.title) titles.push({ value: now.title, quote: quote(answer, 0, now.emp.end), rank: 3 });
          }
          continue;
        }
        if (!CONFIRM.test(answer.text) && !refinesOnly) continue;
        // "Ja, aber im Moment arbeite ich als Kellner": the yes is not for today's job.
        if (/^\s*\S+,?\s+(?:aber|allerdings|wobei)\b/i.test(answer.text)) continue;
        const refined = titleSegments(answer.text);
        if (refined.length) {
          const first = refined[0]!;
          const at = answer.text.indexOf(first);
          const lastSeg = refined.at(-1)!;
          const end = answer.text.indexOf(lastSeg) + lastSeg.length;
          // "Sie sind Einkäuferin …?" – "Ja, strategischer Einkauf": keep the title the answer leaves out.
          const joined = refined.join(', ');
          const head = (title ?? '').split(/[\s-]+/).filter((w) => w.length >= 5 && CAPITALISED(w));
          const covers =
            !title ||
            refinesOnly ||
            // "offiziell heißt es X": X replaces the recruiter's word.
            /\bheißt (?:es|das)\b/i.test(sentences(answer.text)[0]?.text ?? '') ||
            head.some((w) => joined.toLowerCase().includes(w.toLowerCase().replace(/-$/, '')));
          titles.push({
            value: covers ? joined : `${title} (${joined})`,
            quote: covers
              ? quote(answer, at, Math.max(end, at + first.length))
              : `${quote(u, s.start + hit.index, s.start + afterAt)} … ${quote(answer, at, Math.max(end, at + first.length))}`,
            rank: 2,
          });
        } else if (title) {
          titles.push({ value: title, quote: quote(u, s.start + hit.index, s.start + afterAt), rank: 2 });
        }
        if (emp) addEmployer(u, emp, s.start, 2);
        else {
          // "Ja, genau. Bei der Brandt Bau in Ulm, Instandhaltung.": the company may follow the yes.
          const [a1, a2] = sentences(answer.text);
          const inFirst = employerIn(a1?.text ?? answer.text, capitalised);
          // The second sentence counts after a bare yes, or when it starts with the company ("Bei der …").
          const inSecond =
            !inFirst &&
            a2 &&
            (/^(?:\s*(?:ja|genau|richtig|jo|stimmt)\b[\s,.!]*)+$/i.test(a1!.text) ||
              /^\s*(?:bei|beim)\s/i.test(a2.text))
              ? employerIn(a2.text, capitalised)
              : null;
          if (inFirst) addEmployer(answer, inFirst, a1?.start ?? 0, 2);
          else if (inSecond && inSecond.at === 0) addEmployer(answer, inSecond, a2!.start, 2);
        }
      }
    }
    if (u.role === 'recruiter') continue;
    const asked = u.topic === 'position';
    // The first sentence of an answer to a job question: the turn's own with labels; in a stream with
    // punctuation the sentence after "Was machen Sie genau?", "Wo arbeiten Sie?".
    const jobFirsts: { text: string; start: number }[] = [];
    const jobAsked =
      asked || (u.prompt !== null && JOB_QUESTION.test(sentences(u.prompt.text).at(-1)?.text ?? ''));
    if (labelled && jobAsked && sentences(u.text)[0]) jobFirsts.push(sentences(u.text)[0]!);
    if (!labelled) {
      const all = sentences(u.text);
      all.forEach((q, i) => {
        if (q.text.trim().endsWith('?') && JOB_QUESTION.test(q.text) && all[i + 1])
          jobFirsts.push(all[i + 1]!);
      });
    }
    // "Was machen Sie beruflich?" – "Ich bin im Einkauf, als Sachbearbeiter."
    for (const first of jobFirsts) {
      const as =
        /(?:^|,\s*)als\s+((?:\p{Ll}+\s+)?\p{Lu}[\p{L}-]+(?:\s+(?:für|im|in der)\s+\p{Lu}[\p{L}-]+)?)(?=[,.!?]|\s+(?:bei|beim|seit|in)\b|$)/u.exec(
          first.text,
        );
      const title = as ? cleanTitle(as[1]!, capitalised) : null;
      if (title)
        titles.push({
          value: title,
          quote: quote(u, first.start + as!.index, first.start + as!.index + as![0].length),
          rank: 2,
        });
    }
    // "Was ist Ihr aktueller Job?" – "Projektingenieur bei Voith in Heidenheim."
    for (const first of jobFirsts) {
      const m = first ? TITLE_AT.exec(first.text) : null;
      const title = m ? cleanTitle(m[1]!, capitalised) : null;
      const emp =
        m && title && JOBLIKE.test(title) ? employerIn(first!.text.slice(m[0].length), capitalised) : null;
      if (m && title && emp && emp.at === 0) {
        titles.push({
          value: title,
          quote: quote(u, first!.start, first!.start + first!.text.length),
          rank: 2,
        });
        addEmployer(u, emp, first!.start + m[0].length, 2);
      }
    }
    // "Was machen Sie genau?" – "Schlosser in der Instandhaltung, bei der Brandt Stahlbau in Soest."
    for (const first of jobFirsts) {
      const comma = first ? /^\s*([^,]{3,60}?)\s*,\s*(?=(?:bei|beim)\s)/.exec(first.text) : null;
      const emp = comma ? employerIn(first!.text.slice(comma[0].length), capitalised) : null;
      const raw = comma ? comma[1]!.replace(/\s+(?:in der|im)\s+\p{Lu}[\p{L}-]*$/u, '') : '';
      const title = emp && emp.at === 0 ? cleanTitle(raw, capitalised) : null;
      if (title && JOBLIKE.test(title.split(/\s+/)[0]!.replace(/-$/, ''))) {
        titles.push({
          value: title,
          quote: quote(u, first!.start, first!.start + first!.text.length),
          rank: 2,
        });
        addEmployer(u, emp, first!.start + comma![0].length, 2);
      }
    }
    // "Was machen Sie aktuell?" – "Kundenberaterin, Sparkasse Hannover.": a company told by an
    // institution word or a legal form, without "bei".
    for (const first of jobFirsts) {
      const pair =
        /^\s*(\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?)\s*,\s*(\p{Lu}[^,.;:!?]{2,60}?)\s*(?:[,.!?]|$)/u.exec(
          first.text,
        );
      if (!pair || !capitalised) continue;
      const title = cleanTitle(pair[1]!, capitalised);
      const company = pair[2]!.replace(/\s+(?:in|seit)\s.*$/i, '');
      const named =
        INSTITUTION.test(company.split(/\s+/)[0]!) ||
        /\s(?:GmbH|AG|KG|SE|OHG|GbR|UG|e\.\s?V\.|eG)(?:\s|$)/.test(` ${company} `);
      const name = named && company.split(/\s+/).length >= 2 ? cleanEmployer(company, capitalised) : null;
      if (title && name && JOBLIKE.test(title.split(/\s+/)[0]!)) {
        const q = quote(u, first.start, first.start + first.text.length);
        titles.push({ value: title, quote: q, rank: 2 });
        employers.push({ value: name, quote: q, rank: 2 });
      }
    }
    // "Wo arbeiten Sie zurzeit?" – "Beim Jugendamt Hannover, in der Familienhilfe."
    for (const first of jobFirsts) {
      // "Im Hotel Alpenblick in Garmisch, als stellvertretende Empfangschefin."
      const lead =
        /^\s*(?:(?:ja|also|aktuell|derzeit|zurzeit|momentan|noch|immer noch)\s*,?\s*)*(?=(?:bei|beim|im|in der|am)\s)/i;
      if (first && lead.test(first.text)) {
        const body = first.text.replace(lead, '');
        const emp = employerIn(body, capitalised);
        if (emp && emp.at === 0) addEmployer(u, emp, first.start + (first.text.length - body.length), 2);
        const as = /(?:^|,\s*)als\s+(.+?)(?=[,.!?]|\s+seit\b|$)/i.exec(body);
        const title = as ? cleanTitle(as[1]!, capitalised) : null;
        if (emp && emp.at === 0 && title)
          titles.push({
            value: title,
            quote: quote(u, first.start, first.start + first.text.length),
            rank: 2,
          });
      }
    }
    for (const s of pieces) {
      // "bei der Volksbank als Kreditorenbuchhalterin", "als Lagerist bei Logimax"
      // Not an application or a past job ("ich habe mich bei Siemens als Ingenieur beworben").
      const past =
        /beworben|bewerbe|bewerbung|vorstellungsgespräch|angebot|früher|vorher|damals|\bwar\b|\bwaren\b|hatte|gearbeitet/i;
      // In a stream the whole call is one piece: past words count only near the job words.
      const near = (at: number, len: number) =>
        labelled ? s.text : s.text.slice(Math.max(0, at - 60), at + len + 10);
      // In a stream also the person's "ich" shortly before, and no job on offer ("die Stelle ist bei …").
      const ownAt = (m: RegExpExecArray) =>
        labelled ||
        (!past.test(near(m.index, m[0].length)) &&
          /\b(?:ich|was mach(?:en sie|st du)|wo arbeite(?:n sie|st du))\b/i.test(
            s.text.slice(Math.max(0, m.index - 60), m.index + 1),
          ) &&
          !/\b(?:stelle|position|kunde|kunden|sucht|suchen|angebot)\b/i.test(near(m.index, m[0].length)));
      if ((asked || /\bich\b/i.test(s.text)) && (labelled ? !past.test(s.text) : true)) {
        const forAs = FOR_AS.exec(s.text);
        if (forAs && ownAt(forAs)) {
          const name = cleanEmployer(forAs[2]!, capitalised, forAs[1]?.trim() ?? null);
          const title = cleanTitle(forAs[3]!, capitalised);
          if (name && title) {
            const q = quote(u, s.start + forAs.index, s.start + forAs.index + forAs[0].length);
            titles.push({ value: title, quote: q, rank: 3 });
            employers.push({ value: name, quote: q, rank: 3 });
          }
        }
        const asAt0 = AS_AT.exec(s.text);
        const asAt = asAt0 && ownAt(asAt0) ? asAt0 : null;
        const atAs0 = asAt0 ? null : AT_AS.exec(s.text);
        const atAs = atAs0 && ownAt(atAs0) ? atAs0 : null;
        if (asAt) {
          // "beim Autohaus Peters in Husum, als …": the name ends where a company name ends.
          const end = EMPLOYER_END.exec(asAt[1]!);
          const rawName = asAt[1]!.slice(0, end ? end.index : undefined);
          const name = cleanEmployer(rawName, capitalised, /^beim\b/i.test(asAt[0]) ? 'dem' : null);
          const title = cleanTitle(asAt[2]!, capitalised);
          if (name && title) {
            titles.push({
              value: title,
              quote: quote(u, s.start + asAt.index, s.start + asAt.index + asAt[0].length),
              rank: 3,
            });
            employers.push({
              value: name,
              quote: quote(u, s.start + asAt.index, s.start + asAt.index + asAt[0].length),
              rank: 3,
            });
          }
        } else if (atAs) {
          const title = cleanTitle(atAs[1]!, capitalised);
          const emp = employerIn(s.text.slice(atAs.index + atAs[0].length), capitalised);
          if (title && emp && !/beworben|gesucht|ausgeschrieben/i.test(s.text)) {
            titles.push({
              value: title,
              quote: quote(u, s.start + atAs.index, s.start + atAs.index + atAs[0].length),
              rank: 3,
            });
            addEmployer(u, emp, s.start + atAs.index + atAs[0].length, 3);
          }
        }
      }
      // The person's own words: "Ich bin seit sechs Jahren Disponent im Nahverkehr bei Spedition Hartmann".
      for (const m of s.text.matchAll(new RegExp(SELF_ROLE.source, 'gi'))) {
        const afterTitle = s.text.slice(m.index + m[0].length);
        const emp = /^\s*,?\s+(?:bei|beim)\s/i.test(afterTitle) ? employerIn(afterTitle, capitalised) : null;
        const rawStart = m.index + m[0].length - m[2]!.length;
        let raw = m[2]!;
        // "ich bin seit 2019 bei der Bahn": a company, no title.
        if (/^(?:bei|beim)\s/i.test(raw)) {
          const rest = s.text.slice(m.index + m[0].length - raw.length);
          if (
            asked ||
            /\b(?:seit|aktuell|derzeit|zurzeit|momentan|noch|angestellt|beschäftigt|tätig)\b/i.test(m[1]!)
          )
            addEmployer(u, employerIn(rest, capitalised), s.start + m.index + m[0].length - raw.length, 3);
          continue;
        }
        // "Pflegefachfrau im Haus Sonnenhof": the institution is the employer, not part of the title.
        const instEmp = employerIn(raw, capitalised);
        if (instEmp) raw = raw.slice(0, instEmp.at);
        // "Ich arbeite täglich mit SAP": without "als" the words after "arbeite" are no title.
        const worksAs = !/^(?:ich arbeite|arbeite ich)\b/i.test(m[0]) || /\bals\s*$/i.test(m[1]!);
        const title = worksAs ? cleanTitle(raw, capitalised) : null;
        const hasEmp = Boolean(emp || instEmp);
        if (emp) addEmployer(u, emp, s.start + m.index + m[0].length, 3);
        else if (instEmp) addEmployer(u, instEmp, s.start + rawStart, 3);
        else if (/^ich arbeite|^arbeite ich/i.test(m[0])) {
          // "ich arbeite momentan in der Intensivpflege, im Klinikum Nord": a company later in the sentence
          addEmployer(u, employerIn(s.text.slice(m.index), capitalised), s.start + m.index, 2);
        }
        if (!title || (!hasEmp && !asked && !capitalised)) continue;
        if (!hasEmp && !asked && !/\s/.test(title) && !JOBLIKE.test(title)) continue;
        titles.push({
          value: title,
          quote: quote(u, s.start + m.index, s.start + m.index + m[0].length),
          rank: hasEmp ? 3 : asked ? 2 : 1,
        });
      }
    }
  }
  // Last resort: a company the person names with "bei/beim" while talking about their job now
  // ("Ich bin Berufskraftfahrer. … Bei Spedition Wolters in Delmenhorst.").
  if (!employers.length && labelled) {
    for (const u of units) {
      if (u.role !== 'counterpart') continue;
      const talksJob =
        u.topic === 'position' ||
        /\b(?:ich bin|ich arbeite|arbeite ich|bin ich|angestellt|als\s+\p{Lu})/u.test(u.text);
      if (!talksJob) continue;
      for (const s of sentences(u.text)) {
        if (
          /beworben|bewerbe|bewerbung|vorstellungsgespräch|angebot|früher|vorher|damals|\bwar\b|\bwaren\b|hatte|gearbeitet|kunde|kunden/i.test(
            s.text,
          )
        )
          continue;
        const emp = employerIn(s.text, capitalised);
        if (emp) {
          addEmployer(u, emp, s.start, 1);
          break;
        }
      }
      if (employers.length) break;
    }
  }
  // A training ("gelernter Koch") is no job today, unless nothing else is said.
  for (const t of titles)
    if (/^(?:gelernte[rn]?|ausgebildete[rn]?|studierte[rn]?)\s/i.test(t.value)) t.rank = 0;
  const best = (c: Candidate[]) =>
    c.reduce<Candidate | null>((b, x) => (!b || x.rank > b.rank ? x : b), null);
  const p = best(titles);
  const e = best(employers);
  return {
    position: p ? { value: p.value, quote: p.quote } : null,
    employer: e ? { value: e.value, quote: e.quote } : null,
  };
}
