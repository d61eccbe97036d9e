import { formatWeekdayDate } from '../shared/berlinTime.ts';

/** Speech, not a to-do: the recruiter or caller talking ("Ich rufe Sie … an", "Wir melden uns"). */
const SPOKEN = /\b(?:ich|wir|mich|mir|uns|unser\w*|mein\w*|sie|ihnen|ihr\w*|du|dich|dir|dein\w*)\b/i;
const CALL_BACK = /\b(?:ruf\w*|rückruf\w*|anrufen|telefon\w*|meld\w*|sprech\w*|gespräch|durchklingeln)\b/i;

// Pure wording rules (no database), here beside the next-step phrases they read, so tasks/, recordings/
// and migration 012b share them without db/ and tasks/ importing each other.

/**
 * A follow-up as the recruiter's to-do. A next step already phrased as one ("Profil an Firma X
 * schicken") stays; a quoted sentence ("Ich rufe Sie am Dienstag an") becomes "Rückruf bei <record>
 * am Di 08.12." (or "Nachfassen bei …"), and the sentence is kept as the task's detail.
 */
export function todoTitle(
  step: string | null,
  ctx: { recordName: string; due: string },
): { title: string; detail: string | null } {
  const when = formatWeekdayDate(ctx.due);
  const s = step?.trim().replace(/(?<!\d)[.!]+$/, '') ?? '';
  if (!s) return { title: `Nachfassen bei ${ctx.recordName} am ${when}`, detail: null };
  // The extraction's short form ("Rückruf Di 08.12.") says when, not with whom.
  const bare = /^(Rückruf|Nachfassen)\s+(?:am\s+)?(\p{L}{2}\.?\s+\d{2}\.\d{2}\.?)$/u.exec(s);
  if (bare) return { title: `${bare[1]} bei ${ctx.recordName} am ${when}`, detail: null };
  if (!SPOKEN.test(s)) return { title: s, detail: null };
  const verb = CALL_BACK.test(s) ? 'Rückruf' : 'Nachfassen';
  return { title: `${verb} bei ${ctx.recordName} am ${when}`, detail: step!.trim() };
}

/**
 * "Ich lege Sie an" → "Kandidat anlegen": done once the note is on a record, which is when a follow-up
 * task is made (above all when the record is created from the call's inbox card).
 */
const CREATES_RECORD = /\b(?:anlegen|angelegt|neu aufnehmen)\b/i;

/**
 * The next step that is the agreed contact: a call-back if there is one (the extraction's own
 * "Rückruf Di 08.12." included), else the first that is still to do.
 */
export function followUpStep(steps: string[]): string | null {
  return steps.find((s) => CALL_BACK.test(s)) ?? steps.find((s) => !CREATES_RECORD.test(s)) ?? null;
}

const STOP = new Set(
  'am an bei mit und oder der die das den dem des ein eine einen zu zum zur für von vom im in auf nach noch mal wieder bis'.split(
    ' ',
  ),
);
const words = (s: string) =>
  new Set(
    s
      .toLocaleLowerCase('de')
      .replace(/\d+[./]\d+\.?(\d+)?/g, ' ')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > 1 && !STOP.has(w)),
  );

/** Two wordings of the same follow-up ("Rückruf bei Keller am Di 08.12." / "… am Fr 11.12."). */
export function similarTasks(a: string, b: string): boolean {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return false;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared) >= 0.6;
}
