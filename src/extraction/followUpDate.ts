import { AGREE_START, quoteAround, type Unit } from './conversation.ts';
import { type DateKind, findDates } from './dateResolver.ts';
import { sentences } from './transcript.ts';

const CONTACT =
  /\b(?:ruf\w*|anruf\w*|anzurufen|zurückruf\w*|rückruf|telefonier\w*|telefonat|meld\w*|sprechen|sprechen wir|sprechen uns|hören|besprechen|durchgehen|termin|treffen|call|videocall|zusammensetzen|zusammentelefonieren|weiterreden|weitersprechen|vorbeikommen|vorbeischauen|vorbeikomme|telefonisch|briefing|demo|einladung|ruaf\w*|oruaf\w*|anruaf\w*)\b|\bstell\w*\s+(?:ich\s+)?(?:ihnen|dir|euch)\b|\bper\s+(?:teams|zoom|webex|skype|video|telefon)\b|\bversuch\w*(?:['’]s|\s+es)?\s+(?:\S+\s+){0,3}?(?:noch ?mal|nochmals|erneut|wieder)\b/;
const FOLLOW_KINDS: DateKind[] = [
  'explicit',
  'dayOfMonth',
  'weekday',
  'relativeDay',
  'relativeWeeks',
  'monthStart',
];
/** Agreement said later in the answer ("Der 7. passt.", "Freitag geht klar."). */
const AGREED_IN =
  /^[^?]{0,40}\b(?:passt|geht (?:klar|gut|in ordnung)|geht|klappt|ist gut|in ordnung|einverstanden|is good|passt mir)\b|^[^!.]{0,40}(?:[,?]\s*)(?:ja|jo|genau|gerne?|passt)\b/i;
const NEGATED_DATE =
  /\b(?:geht nicht|kann ich nicht|bin ich nicht|passt nicht|klappt nicht|nicht am|nicht da|schlecht|im urlaub|verreist|nicht erreichbar|nicht im haus|auf montage|krank)\b/;
/** "Donnerstag oder Freitag": two days offered name no agreed one. */
const DAY_WORD = '(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|\\d{1,2}\\.)';
const EITHER_AFTER = new RegExp(`^\\s*oder\\s+(?:am\\s+|den\\s+)?${DAY_WORD}`);
const EITHER_BEFORE = new RegExp(`${DAY_WORD}\\s+oder\\s+(?:am\\s+|den\\s+)?$`);

/** A bare day or weekday that repeats the date already agreed ("Der 7. passt.", "dann bis Donnerstag"). */
function repeatsDay(found: { value: string } | null, d: { kind: DateKind; date: string }): boolean {
  if (!found) return false;
  if (d.kind === 'dayOfMonth') return found.value.slice(8) === d.date.slice(8);
  const day = (x: string) => new Date(`${x}T12:00:00Z`).getUTCDay();
  return d.kind === 'weekday' && day(found.value) === day(d.date);
}

export function followUp(
  units: Unit[],
  text: string,
  callDate: string,
): { value: string; quote: string } | null {
  let found: { value: string; quote: string } | null = null;
  for (const u of units) {
    const pieces = u.role === 'unknown' ? [{ text: u.text, start: 0 }] : sentences(u.text);
    for (const [i, s] of pieces.entries()) {
      const l = s.text.toLowerCase();
      // "Ich würde gern vorbeikommen. Ginge Montag, der 7. Dezember?": a short question with a day
      // takes its contact word from the sentence before.
      const lead =
        i > 0 && /\?\s*$/.test(s.text) && s.text.length < 60 ? pieces[i - 1]!.text.toLowerCase() : '';
      for (const d of findDates(s.text, callDate)) {
        // "heute Nachmittag rufe ich Sie zurück": the call date itself.
        const today =
          d.kind === 'now' &&
          /^heute$/i.test(d.text) &&
          /^\s+(?:nachmittag|abend|noch|später)\b/i.test(s.text.slice(d.end));
        if ((!FOLLOW_KINDS.includes(d.kind) && !today) || d.date < callDate) continue;
        // A contact word next to the date ("ruf Sie nächsten Dienstag an", "telefonieren wir am 12. Mai").
        // "wegen meinem Termin morgen": the person's own appointment elsewhere is no contact with us,
        // "ich ruf an wegen …" is this call.
        const near = l
          .slice(Math.max(0, d.start - 50), d.end + 40)
          .replace(/\b(?:wegen\s+)?(?:mein\w*|dem|des)\s+termin\w*\b|\bich ruf(?:e)? (?:an|wegen)\b/g, ' ');
        // "… rufe Sie am Donnerstag an." – "Donnerstag bin ich auf Montage, lieber Freitag früh.": a day
        // put against the proposed one, in the same breath of a stream.
        const counter =
          u.role === 'unknown' &&
          /\b(?:lieber|besser|eher|dann)\s+(?:am\s+)?$/.test(l.slice(Math.max(0, d.start - 14), d.start)) &&
          CONTACT.test(l.slice(Math.max(0, d.start - 120), d.start));
        if (!(CONTACT.test(near) || CONTACT.test(lead) || counter) || /vorstellungsgespräch/.test(near))
          continue;
        // "bis morgen ein Angebot und melde mich Anfang November": a deadline for something sent is no
        // contact date.
        if (
          /\bbis\s+(?:zum\s+|spätestens\s+)?$/.test(l.slice(Math.max(0, d.start - 16), d.start)) &&
          /^\s*(?:\S+\s+){0,2}?(?:ein|eine|einen|die|das|den|unser\w*|ihr\w*|mein\w*)\s+\p{Lu}/u.test(
            s.text.slice(d.end, d.end + 40),
          )
        )
          continue;
        // An appointment being moved or cancelled is no agreed contact ("meinen Termin verschieben").
        if (/\b(?:verschieb\w*|absag\w*|stornier\w*)\b/.test(l)) continue;
        if (NEGATED_DATE.test(l.slice(d.start, d.end + 35))) continue;
        if (
          EITHER_AFTER.test(l.slice(d.end, d.end + 20)) ||
          EITHER_BEFORE.test(l.slice(Math.max(0, d.start - 20), d.start))
        )
          continue;
        // An offer ("Ich könnte Ihnen am Dienstag eine Demo zeigen.") the other side turns down.
        if (
          /\bkönnte\w*\b/.test(l) &&
          u.role !== 'unknown' &&
          /^\s*(?:nein|nee|leider|danke,? (?:aber )?nein|kein bedarf|kein interesse)\b/i.test(
            units[u.index + 1]?.text ?? '',
          )
        )
          continue;
        if (
          /\bkönnte\w*\b/.test(l) &&
          u.role === 'unknown' &&
          /\b(?:nein danke|kein bedarf|kein interesse|wirklich nicht)\b/.test(l.slice(d.end, d.end + 90))
        )
          continue;
        // A proposal put as a question counts when the other side agrees.
        const isQuestion =
          /\?\s*$/.test(s.text) || (u.role === 'unknown' && /\?/.test(l.slice(d.end, d.end + 30)));
        if (isQuestion && u.role !== 'unknown') {
          const next = units[u.index + 1];
          if (
            !next ||
            !(AGREE_START.test(next.text) || AGREED_IN.test(next.text.slice(0, 60))) ||
            /\b(?:nein|nee|leider|geht nicht)\b/i.test(next.text.slice(0, 30))
          )
            continue;
        }
        // "Donnerstag nächster Woche?" … "Ja, Donnerstag nach elf." … "bis Donnerstag": the bare weekday
        // (or day) said again after a later date was agreed is that same day, not an earlier one.
        if (found && repeatsDay(found, d) && d.date < found.value) continue;
        found = {
          value: d.date,
          quote: quoteAround(text, u.start + s.start + d.start, u.start + s.start + d.end),
        };
      }
    }
    // "Freitag ist schlecht, lieber Montag." – "Gut, dann Montag.": a day settled after a contact proposal.
    const before = units.slice(Math.max(0, u.index - 2), u.index).map((x) => x.text.toLowerCase());
    if (
      u.role !== 'unknown' &&
      /^\s*(?:(?:gut|okay|ok|alles klar|prima|einverstanden|abgemacht)[,.]?\s+)?dann\b/i.test(u.text)
    ) {
      const d = findDates(u.text.slice(0, 60), callDate).find(
        (x) => FOLLOW_KINDS.includes(x.kind) && x.date >= callDate,
      );
      if (d && before.some((b) => CONTACT.test(b)) && !repeatsDay(found, d))
        found = { value: d.date, quote: quoteAround(text, u.start + d.start, u.start + d.end) };
    }
    // "Wann sprechen wir wieder?" – "Am Donnerstag, den 4. Juni." / "Passt, Freitag um zehn."
    const next = units[u.index + 1];
    if (u.role === 'recruiter' || u.role === 'counterpart') {
      // … or asked for as a request ("Rufen Sie mich da an." – "Mach ich, Freitagvormittag.").
      const lastSentence = sentences(u.text).at(-1)?.text.trim() ?? '';
      const asksContact =
        CONTACT.test(u.text.toLowerCase()) &&
        (/\?\s*$/.test(u.text.trim()) ||
          (/^(?:rufen sie|ruf|melden sie sich|meld dich|melde dich)\b/i.test(lastSentence) &&
            (AGREE_START.test(next?.text ?? '') || /^\s*(?:mach|mache) ich\b/i.test(next?.text ?? ''))));
      if (asksContact && next && next.role !== u.role && next.role !== 'unknown') {
        const d = findDates(next.text, callDate).find(
          (x) => FOLLOW_KINDS.includes(x.kind) && x.date >= callDate,
        );
        // "… am Donnerstag, den 7. Januar?" – "Der 7. passt.": the day repeats the date asked for.
        // "Donnerstag nächster Woche?" – "Ja, Donnerstag nach elf.": the weekday repeats it too.
        const repeats = d ? repeatsDay(found, d) : false;
        if (d && !repeats && !NEGATED_DATE.test(next.text.toLowerCase().slice(d.start, d.end + 25)))
          found = { value: d.date, quote: quoteAround(text, next.start + d.start, next.start + d.end) };
      }
    }
  }
  return found;
}
