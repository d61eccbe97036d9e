import { counterpartUnits, type Unit } from './conversation.ts';
import { lower, nameRe } from './fieldSupport.ts';
import { SKILLS } from './vocabulary.ts';

const OTHERS_OR_LATER =
  /\b(?:kollege|kollegin|kollegen|chef|chefin|vorgesetzte\w*)\b[^.]{0,30}\b(?:macht|machen|übernimmt|kümmert)|\b(?:macht|machen|übernimmt|kümmert sich)\b[^.]{0,30}\b(?:ein|eine|der|die|mein|meine|unser|unsere)\s+(?:kollege|kollegin|chef|chefin|team)\b|\b(?:würde|möchte|will|wollte)\s+(?:ich\s+)?(?:gern\s+|gerne\s+)?(?:\S+\s+){0,2}lernen\b|\bzu lernen\b/;

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
    if (!found.some((f) => f.name.toLowerCase() === k.name.toLowerCase()))
      found.push({ name: k.name, at: m.index });
  }
  // Drop a general skill when a specific one covers it ("SAP" next to "SAP FI", "Spring" next to "Spring Boot").
  const names = found.sort((a, b) => a.at - b.at).map((f) => f.name);
  return names
    .filter((n) => !names.some((o) => o !== n && o.toLowerCase().startsWith(`${n.toLowerCase()} `)))
    .slice(0, 15);
}
