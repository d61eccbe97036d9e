import type { Unit } from './conversation.ts';
import { employerIn } from './employerName.ts';
import { CAPITALISED, CONFIRM, DENY } from './fieldSupport.ts';
import {
  type Candidate,
  cleanTitle,
  correction,
  JOBLIKE,
  RECRUITER_EMPLOYER,
  RECRUITER_ROLE,
  titleSegments,
} from './jobPhrases.ts';
import { sentences } from './transcript.ts';

/** What the job reader shares with each way a job is said. */
export interface JobReading {
  units: Unit[];
  labelled: boolean;
  capitalised: boolean;
  titles: Candidate[];
  quote(u: Unit, from: number, to: number): string;
  addEmployer(u: Unit, e: { name: string; at: number; end: number } | null, base: number, rank: number): void;
}

/** The recruiter asks "Sie sind … bei …?"; the person's next turn confirms, corrects or refines it. */
export function readRecruiterQuestion(
  u: Unit,
  pieces: { text: string; start: number }[],
  r: JobReading,
): void {
  const { units, labelled, capitalised, titles, quote, addEmployer } = r;
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
    const emp = bei ? { name: bei.name, at: afterAt + bei.at, end: afterAt + bei.end } : m ? instEmp : null;
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
        if (now.title) titles.push({ value: now.title, quote: quote(u, base, base + now.emp.end), rank: 3 });
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
    const refinesOnly = !CONFIRM.test(answer.text) && capitalised && titleSegments(answer.text).length > 0;
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
