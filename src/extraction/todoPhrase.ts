import { findDates } from './dateResolver.ts';

/**
 * A spoken agreement as the recruiter's to-do: "Ich stell Sie bei zwei Kunden vor" → "Bei zwei
 * Kunden vorstellen", "dann rufe ich Sie am Dienstag an" → "Rückruf Di 08.12.", "Sie schicken mir
 * Ihren Lebenslauf" → "Lebenslauf abwarten". German word order does the work: the subject (ich/wir)
 * and the finite verb go, a separable particle at the end joins the verb, the verb goes to the end
 * as an infinitive. Null when the clause has no action of ours or theirs.
 */

const WEEKDAY_SHORT = ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'];
const MODAL =
  /^(?:würde|würd|werde|werd|kann|könnte|will|möchte|muss|müsste|sollte|soll|wollte|wollen|können|werden|würden|müssen|möchten|sollten)$/i;
const PARTICLE =
  /^(?:an|vor|weiter|raus|heraus|zurück|durch|ab|mit|zu|nach|auf|aus|ein|zusammen|fest|bereit|vorbei|rüber|hin|her|los|weg|nach)$/i;
/** Words that address the other person; they drop out of our to-do ("Ich schicke Ihnen …"). */
const ADDRESSEE = /^(?:sie|ihnen|dich|dir|euch|du|ihr)$/i;
const POSSESSIVE_THEIRS =
  /^(?:ihr|ihre|ihren|ihrem|ihrer|ihres|dein|deine|deinen|deinem|deiner|eure|euren)$/i;
const POSSESSIVE_MINE = /^(?:mein|meine|meinen|meinem|meiner|meines|unser|unsere|unseren|unserem|unserer)$/i;
const LEADING_ARTICLE = /^(?:die|der|das|den|dem|eine|einen|einem|ein|einer)$/i;
const CONNECTOR = /^(?:dann|also|und|gut|ja|okay|ok|so|aber|oder|jetzt|gleich|heute|morgen|noch)$/;
const FILLER_WORD =
  /^(?:dann|also|gleich|direkt|noch|schon|mal|einfach|gerne|gern|kurz|sicher|natürlich|auf jeden fall|jetzt|so|halt|eben|bitte|doch)$/i;
const CONTACT_VERB =
  /^(?:anrufen|zurückrufen|rufen|melden|telefonieren|sprechen|hören|durchrufen|durchklingeln|zusammentelefonieren)$/i;
const SEND_VERB =
  /^(?:schicken|senden|zuschicken|zusenden|mailen|rüberschicken|weiterleiten|weiterschicken)$/i;
/** Subordinate clauses stay after the infinitive ("klären, ob er das mitmacht"). */
const SUBORDINATE = /,\s*(?:ob|dass|wann|wie|welche\w*|was|wer|wo|wieviel|wie viel|damit|sobald|wenn)\b/i;
/** Time words that say when, kept with a call-back when no day can be named. */
const WHEN =
  /\b(?:(?:morgen|übermorgen|heute)(?:\s+(?:früh|vormittag|nachmittag|abend|mittag))?|(?:nächste|übernächste|kommende)\s+woche|(?:in|nach)\s+(?:\w+\s+)?(?:tagen|wochen|woche)|(?:anfang|mitte|ende)\s+(?:der\s+)?(?:woche|\w+)|nach dem jahreswechsel|im neuen jahr|nach (?:den|dem) \w+)\b/i;
const TIME_OF_DAY = /\bum\s+(?:\d{1,2}(?:[.:]\d{2})?|\w+)(?:\s+uhr)?\b/i;

const cap = (s: string) => (s ? `${s[0]!.toUpperCase()}${s.slice(1)}` : s);
const dayLabel = (ymd: string) => {
  const d = new Date(`${ymd}T12:00:00Z`);
  return `${WEEKDAY_SHORT[d.getUTCDay()]} ${ymd.slice(8, 10)}.${ymd.slice(5, 7)}.`;
};

/** "schicke" → "schicken", "schick" → "schicken", "kümmere" → "kümmern", "organisiere" → "organisieren". */
export function infinitive(finite: string, plural: boolean): string {
  const w = finite.toLowerCase();
  if (plural || /en$/.test(w)) return w;
  // "kümmere" → "kümmern", "sammle" → "sammeln"; but "organisiere", "stelle", "hole" just add -n.
  if (/[^i]ere$/.test(w)) return `${w.slice(0, -1)}n`;
  if (/[^aeiouäöül]le$/.test(w)) return `${w.slice(0, -2)}eln`;
  if (w.endsWith('e')) return `${w}n`;
  return `${w}en`;
}

function whenOf(clause: string, callDate: string): string | null {
  const d = findDates(clause, callDate).find((x) => x.date >= callDate && x.kind !== 'now');
  const time = TIME_OF_DAY.exec(clause)?.[0] ?? null;
  if (d) return `${dayLabel(d.date)}${time ? ` ${time}` : ''}`;
  const w = WHEN.exec(clause)?.[0] ?? null;
  return w ? `${w}${time ? ` ${time}` : ''}` : time;
}

/** Removes the words of a when-phrase from the middle part, so they are not said twice. */
function withoutWhen(words: string[], clause: string, callDate: string): string[] {
  const spans = [
    ...findDates(clause, callDate).map((d) => d.text),
    WHEN.exec(clause)?.[0],
    TIME_OF_DAY.exec(clause)?.[0],
  ].filter((x): x is string => Boolean(x));
  const drop = new Set(
    spans
      .flatMap((s) => s.toLowerCase().split(/\s+/))
      .concat(['am', 'den', 'diesen', 'nächsten', 'kommenden']),
  );
  return words.filter((w) => !drop.has(w.toLowerCase().replace(/[.,]$/, '')));
}

/**
 * One clause as a to-do. `counterpart` is how the other side is named in a to-do ("Kandidat",
 * "Kunde"); `callDate` resolves days for call-backs.
 */
export function todoOf(
  clauseRaw: string,
  callDate: string,
  opts: { counterpart?: string; actor?: 'we' | 'they' | null } = {},
): string | null {
  const clause = clauseRaw
    .replace(/^[\s,.;:-]+|[\s,.;:!]+$/g, '')
    .replace(
      /^(?:(?:gut|okay|ok|prima|super|sehr gut|alles klar|perfekt|dann|also|ja|gerne|und|schön|wunderbar)[,.!]?\s+)+/i,
      '',
    );
  const sub = SUBORDINATE.exec(clause);
  const main = sub ? clause.slice(0, sub.index) : clause;
  const tail = sub ? clause.slice(sub.index).replace(/^,\s*/, ', ') : '';
  const words = main.split(/\s+/).filter(Boolean);
  const lw = words.map((w) => w.toLowerCase().replace(/[,.!?]+$/, ''));
  // Who acts: we ("ich", "wir") or the other side ("Sie schicken mir …", "schicken Sie mir …"); a
  // clause after "und" keeps the actor of the one before ("… und rufe Sie morgen an").
  let subj = lw.findIndex((w) => w === 'ich' || w === 'wir');
  // "Sie schicken mir …", "Schicken Sie mir …" – but in "ruf Sie an" the "Sie" is the object.
  const theirs =
    subj < 0
      ? lw.findIndex(
          (w, k) =>
            k <= 1 &&
            ((w === 'sie' && /(?:en|ern|eln)$/.test(lw[k === 0 ? 1 : 0] ?? '')) ||
              (w === 'du' && /st$/.test(lw[k === 0 ? 1 : 0] ?? ''))),
        )
      : -1;
  let actor: 'we' | 'they' | null = subj >= 0 ? 'we' : theirs >= 0 ? 'they' : null;
  if (actor === 'they') subj = theirs;
  let verbAt: number;
  if (actor === null) {
    if (!opts.actor) return null;
    actor = opts.actor;
    subj = -1;
    verbAt = 0;
  } else {
    // The finite verb: right before the subject ("Am Freitag rufe ich Sie an", "dann gehen wir …",
    // "Schicken Sie mir …"), else right after it.
    const prev = subj > 0 ? lw[subj - 1]! : null;
    verbAt = prev && /^[a-zäöüß]+$/.test(prev) && !CONNECTOR.test(prev) ? subj - 1 : subj + 1;
  }
  if (verbAt >= lw.length) return null;
  const plural = (subj >= 0 && lw[subj] === 'wir') || actor === 'they';
  let verb = lw[verbAt]!;
  const rest: string[] = [];
  const restLower: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (i === subj || i === verbAt) continue;
    rest.push(words[i]!.replace(/[,.!?]+$/, ''));
    restLower.push(lw[i]!);
  }
  // "Ich würde Ihnen unsere Konditionen schicken": the modal goes, the infinitive at the end is the verb.
  let inf: string;
  if (MODAL.test(verb) && rest.length && /en$|ern$|eln$/.test(restLower.at(-1)!)) {
    inf = restLower.pop()!;
    rest.pop();
  } else {
    if (MODAL.test(verb)) return null;
    inf = infinitive(verb, plural);
    // A separable particle at the end joins the verb: "rufe … an" → "anrufen".
    const last = restLower.at(-1);
    if (last && PARTICLE.test(last)) {
      inf = `${last}${inf}`;
      restLower.pop();
      rest.pop();
    }
  }
  verb = inf;
  // "melde mich" → "sich melden", "uns hören" → "hören".
  const middle: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const w = restLower[i]!;
    // "Ich lege Sie an" → "Kandidat anlegen"; "Ich schicke Ihnen …" → "… schicken".
    if (/^(?:sie|dich)$/.test(w) && opts.counterpart && !CONTACT_VERB.test(verb) && middle.length === 0) {
      middle.push(opts.counterpart);
      continue;
    }
    if (/^(?:mich|uns|mir)$/.test(w)) {
      // "bei uns anlegen", "mit mir abstimmen": the preposition goes with its pronoun, or "bei" dangles.
      if (middle.length && /^(?:bei|mit|zu|für|von|an|auf)$/i.test(middle.at(-1)!)) middle.pop();
      continue;
    }
    if (ADDRESSEE.test(w) || FILLER_WORD.test(w)) continue;
    if (POSSESSIVE_THEIRS.test(w) || POSSESSIVE_MINE.test(w)) continue;
    middle.push(rest[i]!);
  }
  while (middle.length && LEADING_ARTICLE.test(middle[0]!)) middle.shift();
  if (actor === 'they') {
    // What the other side does is ours to wait for: "Sie schicken mir Ihren Lebenslauf" → "Lebenslauf abwarten".
    if (/^(?:bescheid|melden|zurückrufen|anrufen|rückmelden)$/.test(verb) || lw.includes('bescheid'))
      return 'Rückmeldung abwarten';
    if (SEND_VERB.test(verb) && middle.length) return `${cap(middle.join(' '))} abwarten`;
    return null;
  }
  if (CONTACT_VERB.test(verb) && !/\bdurchgehen|besprechen\b/.test(verb)) {
    const when = whenOf(clause, callDate);
    const topic = withoutWhen(middle, clause, callDate).filter(
      (w) => !/^(?:wieder|zurück|telefonisch|nochmal|noch mal|wegen|bei|an|um|uhr)$/i.test(w),
    );
    const about = topic.length && /^(?:wegen|zu|über)$/i.test(middle[0] ?? '') ? ` ${middle.join(' ')}` : '';
    return `Rückruf${when ? ` ${when}` : ''}${about}`.trim();
  }
  if (/^(?:bescheid)$/i.test(middle.at(-1) ?? '') && /^geben$/.test(verb)) return 'Rückmeldung geben';
  const phrase = [...middle, verb].join(' ').trim();
  if (phrase.split(/\s+/).length < 2 && !SEND_VERB.test(verb)) return cap(phrase);
  return `${cap(phrase)}${tail}`.slice(0, 140);
}
