import { quoteAround, type Unit } from './conversation.ts';
import { cleanEmployer, EMPLOYER_END, employerIn, INSTITUTION } from './employerName.ts';
import type { Found } from './fieldSupport.ts';
import {
  AS_AT,
  AT_AS,
  type Candidate,
  cleanTitle,
  FOR_AS,
  JOB_QUESTION,
  JOBLIKE,
  SELF_ROLE,
  TITLE_AT,
} from './jobPhrases.ts';
import { readRecruiterQuestion } from './jobQuestion.ts';
import { sentences } from './transcript.ts';

/** Current position and employer: the person's own words, or the recruiter's question confirmed. */

export interface Job {
  position: Found<string> | null;
  employer: Found<string> | null;
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
      readRecruiterQuestion(u, pieces, {
        units,
        labelled,
        capitalised,
        titles,
        quote,
        addEmployer,
      });
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
