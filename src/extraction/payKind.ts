import { AGREE_START, OFFER_CUE, sentenceAt, type Unit } from './conversation.ts';
import { findNumbers, type NumberToken } from './germanNumbers.ts';
import { clausesAt, isMoneyToken, isStream, type Kind } from './payFigures.ts';
import { pieceAt } from './transcript.ts';

/**
 * What a pay figure the person says means: today's pay, a wish, a recruiter's offer said back, or a
 * figure rejected ("Sechzig ist mir zu wenig"); null when the words around it do not say. Pay of a
 * former job ("zuletzt") is nothing.
 */
const PAST =
  /\b(?:früher|vorher|damals|zuletzt|beim alten|bei meinem alten|letzten (?:job|arbeitgeber|stelle)|vorigen|vorherigen|in der ausbildung|als azubi)\b/;
/** A question about pay of the past ("Was haben Sie dort zuletzt verdient?"). */
const PAST_QUESTION =
  /\b(?:haben sie|hast du|hatten sie|hattest du)\b[^?]*\b(?:verdient|bekommen|gekriegt)\b|\bzuletzt\b/;
export const REJECT =
  /\b(?:zu wenig|zu knapp|zu mager|zu niedrig|reicht (?:mir )?nicht|nicht genug|kommt nicht in frage|zu gering|ist mir zu)\b/;
const WISH_BEFORE =
  /(?:\bab|mindestens|minimum|nicht unter|mehr als|nicht weniger als|wenigstens|gerne|lieber|eher)\s*$/;
const WISH_CUE =
  /\b(?:vorstellung|wunsch|wünsch\w*|hätte gerne?|hätt ich gern|möchte|will|wollen|würde|wär(?:e|en|s)?|sollten?|müssten?|mindestens|minimum|untergrenze|schmerzgrenze|aufwärts|mehr als|passt (?:für mich|mir)|einverstanden|wechsel\w*|ziel\w*|anpeil\w*|erwart\w*|brauche|bräuchte|realistisch|angemessen|fair|drunter|darunter|verhandel\w*|gedacht)\b/g;
const NOW_CUE =
  /\b(?:verdien\w*|aktuell|derzeit|momentan|im moment|zurzeit|zur zeit|liege|liegt|bekomm\w*|krieg\w*|komme auf|stehe|ich hab(?:e)?|sind es|sind das|bin bei|tarif\w*|seit januar|jetzt|gerade)\b/g;

/** Words right after a figure that accept it ("… ist okay, ja", "… nehm ich natürlich gern"). */
export const ACCEPTED =
  /^[\s,]*(?:(?:ist|wäre|wär)\s+(?:für mich\s+|mir\s+)?(?:okay|ok|in ordnung|machbar|akzeptabel)(?![\p{L}])|passt(?: mir| für mich)?[\s,.!]|(?:nehm|nehme|nähm|nähme)\s+ich\s+(?:\S+\s+)?(?:gern|gerne|sofort|auch|natürlich))/u;
/** Asides that hold an "ich" but do not make the figure the speaker's ("der kriegt, glaub ich, siebzig"). */
const ASIDE =
  /\b(?:glaub|glaube|mein|meine|denk|denke|schätz|schätze|sag|sage|würd|würde|weiß)\s+ich\b(?:\s+(?:mal|jetzt))?|\bvon (?:mir|uns)\b/g;
/** A subject that names a person or a company: a determiner and a noun, or "er"/"man". */
const SUBJECT =
  /(?<![\p{L}])(?:(der|die|ein|eine|einer|mein|meine|unser|unsere|sein|seine|dein|deine|euer|eure|viele|manche|einige|andere|alle|beide)(?=\s+(?:(\p{L}+)\s+)?(\p{L}+)(?![\p{L}]))|(er|man)(?![\p{L}]))/gu;
/** Nouns a pay figure is said of, not people ("mein Gehalt liegt bei …", "die Erhöhung"). */
const PAY_NOUN =
  /(?:gehalt|lohn|einkommen|verdienst|vergütung|bezahlung|bezüge|tarif|fixum|brutto|netto|basis|satz|ziel|wunsch|vorstellung|erwartung|grenze|minimum|limit|erhöhung|summe|betrag|zahl|stunde|woche|monat|jahr|hälfte|rest|bonus|plus|paket|zulage|zulagen|schicht|moment|zeit|ende)$/;
const PREPOSITION =
  /(?:^|\s)(?:bei|beim|in|im|an|am|auf|mit|von|vom|für|zu|zum|zur|nach|aus|über|unter|vor|seit|durch|gegen|ohne|um|laut|wegen)\s*$/;
/** A verb of a third person before the figure ("ist", "hat … gegeben", "kriegt", "verdienen"). */
const THIRD_VERB =
  /(?<![\p{L}])(?:ist|war|hat|hatte|kriegt|kriegte|verdient|verdiente|bekommt|bekam|erhält|liegt|lag|geht|ging|wechselt|wechselte|sind|waren|haben|hatten|kriegen|verdienen|bekommen|liegen|gehen)(?![\p{L}])/u;
const FIRST_PERSON = /(?<![\p{L}])(?:ich|i|mir|mich|wir|uns)(?![\p{L}])/u;

/**
 * Someone else's figure in the words before it: a third person (a colleague, a friend, another
 * company) is the subject ("mein Kollege ist gerade zu einem Konzern für fünfundsiebzig", "die Bank hat
 * meinem Kumpel zweiundsiebzig gegeben"), or a third person's pay verb stands without an "ich"
 * ("Der ist jetzt bei Audi, kriegt fünfzig"). The person's own pay needs their own "ich" or a pay noun.
 */
export function someoneElses(before: string): boolean {
  // Only the words after the recruiter's question count ("… und was verdienen Sie | dreitausend").
  const lower = before.toLowerCase();
  const asked = [
    ...lower.matchAll(/\?|(?<![\p{L}])(?:sie|du|ihnen|dir|euch|was|wie|wo|wohin|wann|wieviel)(?![\p{L}])/gu),
  ].at(-1);
  const b = (asked ? lower.slice(asked.index + asked[0].length) : lower).replace(ASIDE, ' ');
  for (const m of b.matchAll(SUBJECT)) {
    if ((m[2] && PAY_NOUN.test(m[2])) || (m[3] && PAY_NOUN.test(m[3]))) continue;
    // "bei der Firma", "in der Abteilung": a dative after a preposition is no subject.
    if (m[1] && PREPOSITION.test(b.slice(0, m.index))) continue;
    const rest = b.slice(m.index + m[0].length);
    if (/[.?!]/.test(rest) || FIRST_PERSON.test(rest)) continue;
    if (THIRD_VERB.test(rest)) return true;
  }
  return (
    /(?<![\p{L}])(?:kriegt|verdient|bekommt|bekam|verdiente|kriegte|erhält)(?:\s+\S+){0,3}\s*$/u.test(b) &&
    !FIRST_PERSON.test(b)
  );
}

/** The recruiter asks about a third person's pay ("Und was verdient der Meister?"). */
function asksAboutSomeoneElse(prompt: string): boolean {
  // "Und verdient?" asks the person; "was verdient der Meister?", "was kriegt Ihr Mann?" another one.
  return /(?<![\p{L}])(?:verdient|kriegt|bekommt)\s+(?:denn\s+|so\s+|eigentlich\s+)*(?:der|die|er|ihr|ihre|dein|deine|euer|eure)(?![\p{L}])/u.test(
    prompt,
  );
}

/** The cue nearest to the figure: before it in the sentence, or right after it in its clause. */
function nearestCue(before: string, after: string): 'now' | 'wish' | null {
  let best: { d: number; kind: 'now' | 'wish' } | null = null;
  for (const [re, kind] of [
    [WISH_CUE, 'wish'],
    [NOW_CUE, 'now'],
  ] as const) {
    for (const m of before.matchAll(re)) {
      const d = before.length - (m.index + m[0].length);
      if (!best || d < best.d) best = { d, kind };
    }
    for (const m of after.matchAll(re)) {
      const d = m.index;
      if (!best || d < best.d || (d === best.d && kind === 'wish')) best = { d, kind };
    }
  }
  return best?.kind ?? null;
}

/** A figure in digits or words. */
const NUMBER_WORD = /\d|(?:zig|zehn|tausend|hundert|ßig)\b/;

export function classify(t: NumberToken, u: Unit, topic: Unit['topic'], text: string): Kind | null {
  const stream = u.role === 'unknown' && isStream(u.text);
  const s = sentenceAt(u.text, t.start);
  const sentence = s.text.toLowerCase();
  const pos = t.start - s.start;
  const clause = (pieceAt(clausesAt(u.text, t.start), t.start)?.text ?? sentence).toLowerCase();
  const clauseStart = pieceAt(clausesAt(u.text, t.start), t.start)?.start ?? s.start;
  const before = sentence.slice(Math.max(0, pos - (stream ? 40 : 60)), pos);
  // After the figure: the rest of its clause, up to the next figure, at most 20 characters.
  // In a stream the unit words right after the figure ("… im jahr", "brutto im monat") come first.
  const unitWords =
    /^(?:\s*(?:euro|€|brutto|netto|fix|im monat|pro monat|monatlich|im jahr|pro jahr|jährlich))+/.exec(
      u.text.slice(t.end).toLowerCase(),
    )?.[0].length ?? 0;
  let after = u.text
    .slice(
      t.end,
      Math.min(u.text.length, clauseStart + clause.length, t.end + (stream ? 16 + unitWords : 20)),
    )
    .toLowerCase();
  // Whole words only: a cut "wär" of "wäre im Jahr" must not count.
  after = after.replace(/[\p{L}]+$/u, (w) => (/[\p{L}]/u.test(u.text[t.end + after.length] ?? '') ? '' : w));
  // … and in a stream the recruiter's next question ("… im jahr und was wäre ihre vorstellung") is
  // not the person's word about the figure.
  if (stream) {
    const next = /\s(?:und|was|wie|wo|wann|okay|ok|gut|alles klar|verstehe)\b/.exec(after.slice(unitWords));
    if (next) after = after.slice(0, unitWords + next.index);
  }
  const nextNumber = /\d|(?:zig|zehn|tausend|hundert)\b/.exec(after);
  if (nextNumber) after = after.slice(0, nextNumber.index);
  const local = stream ? `${before} ${u.text.slice(t.end, t.end + 30).toLowerCase()}` : clause;
  if (PAST.test(local)) return null;
  // Someone else's figure: a colleague's pay, a partner's advice ("der kriegt über hundert", "mein Mann
  // meint, ich soll fünfundfünfzig sagen").
  if (
    /\b(?:der|die|er|kollege|kollegin|teamkollege|teamkollegin|mann|frau|partner|partnerin|freund|freundin|bruder|schwester|vater|mutter)\s+(?:\S+\s+){0,2}(?:kriegt|verdient|bekommt)\b[^.?!]{0,20}$/.test(
      before,
    ) ||
    /\b(?:meint|sagt|findet|rät)\b[^.?!]{0,30}$/.test(before) ||
    (u.prompt !== null && asksAboutSomeoneElse(u.prompt.text.toLowerCase()))
  )
    return null;
  // In a stream the words of the recruiter's past-pay question stand before the figure ("was haben
  // sie da verdient so 2.600").
  // The question may stand in the unit before ("was haben sie da verdient | so 2.600").
  const said =
    u.text.slice(0, t.start).length < 40
      ? text.slice(Math.max(0, u.start + t.start - 45), u.start + t.start)
      : before;
  if (
    stream &&
    PAST_QUESTION.test(said.toLowerCase().slice(-45)) &&
    !/\b(?:jetzt|aktuell|heute)\b/.test(before.slice(-25))
  )
    return null;
  // "… einen Senior DevOps für neunzig nach Basel vermittelt": a placement told, no one's pay here.
  if (
    /^[^.?!]{0,30}\b(?:vermittelt|untergebracht|platziert)\b/.test(
      u.text.slice(t.end, t.end + 40).toLowerCase(),
    )
  )
    return null;
  if (
    u.prompt &&
    PAST_QUESTION.test(u.prompt.text.toLowerCase()) &&
    !/\b(?:jetzt|aktuell|heute)\b/.test(local)
  )
    return null;
  if (
    u.role === 'unknown' &&
    // "Vorstellung für eine neue Stelle": the person's next job, no one's offer.
    OFFER_CUE.test(
      before
        .slice(-45)
        .replace(
          /\b(?:eine[nmr]?|die|den|der|ihre[nmr]?|deine[nmr]?)\s+neue[nmr]?\s+(?:stelle|position|firma|arbeitgeber|unternehmen)\b/g,
          ' ',
        ),
    ) &&
    // "Der Kunde, an den ich denke, zahlt um die sechzig": the recruiter's "ich" of a relative clause.
    !/\b(?:ich|mir)\b|\bmein\w*\s+(?:arbeitgeber|chef\w*|firma|unternehmen|gehalt|lohn)\b/.test(
      before
        .replace(
          /\b(?:an )?(?:den|die|das) ich (?:denke|gedacht habe|im kopf habe|im auge habe|meine|hab|habe|hätte|betreue|anbiete)\b/g,
          ' ',
        )
        .slice(-30),
    ) &&
    // "was müsste ein neuer Arbeitgeber bieten – mindestens 95": a question, not an offer
    !/\b(?:was|wie|wieviel|welche[snmr]?|wann|müsste|müssten|sollte)\b/.test(
      sentence.slice(Math.max(0, pos - 70), pos),
    )
  )
    return 'offer';
  // "Mein Kunde, eine Werkstatt in …, würde zweiundvierzigtausend im Jahr zahlen": the paying verb after
  // the figure, and a payer before it farther back than the offer words' reach.
  if (
    u.role === 'unknown' &&
    /^\s*(?:euro\s+|€\s*)?(?:brutto\s+)?(?:im jahr\s+|pro jahr\s+|im monat\s+|jährlich\s+)?(?:zahlen|bezahlen|bieten|anbieten)\b/.test(
      u.text.slice(t.end, t.end + 40).toLowerCase(),
    ) &&
    /\b(?:kunde|kundin|firma|unternehmen|arbeitgeber|betrieb|werkstatt|klinik|praxis|kanzlei)\b/.test(
      sentence.slice(Math.max(0, pos - 90), pos),
    ) &&
    !/\b(?:ich|mir|mein)\b/.test(sentence.slice(Math.max(0, pos - 30), pos))
  )
    return 'offer';
  // "Laut Tarif wären es 3.800, aber ich bin in Teilzeit": what the table would pay, not what is paid.
  if (
    /\b(?:laut|nach)\s+(?:dem\s+)?(?:tarif|tabelle|vertrag|entgelttabelle)\s+(?:wären|wäre|wär)\b/.test(
      before,
    )
  )
    return null;
  // Someone else's figure, once a recruiter's offer is ruled out ("mein Kollege ist zu einem Konzern für
  // fünfundsiebzig").
  const whole = sentenceAt(text, u.start + t.start);
  const wholeBefore = whole.text.slice(
    Math.max(0, u.start + t.start - whole.start - 90),
    u.start + t.start - whole.start,
  );
  if (someoneElses(wholeBefore)) return null;
  // Without labels "Sie verdienen jetzt 50.000, richtig?" is the recruiter's guess: it is the person's
  // pay only when the next words confirm it ("Ja, genau."), not after "Nein" or nothing.
  if (
    u.role === 'unknown' &&
    /(?<![\p{L}])(?<!(?:was|wie|wo|wieviel|viel)\s+(?:\S+\s+)?)(?:sie|du)\s+(?:\S+\s+){0,2}?(?:verdienen|verdienst|kriegen|kriegst|bekommen|bekommst|liegen|liegst)(?![\p{L}])/u.test(
      wholeBefore.toLowerCase().slice(-40),
    )
  ) {
    const reply = u.text
      .slice(t.end, s.start + s.text.length + 40)
      .replace(/^[^?.!]{0,40}[?.!]\s*/, '')
      .replace(/^[\s,]*(?:richtig|oder|gell|nicht wahr)\s*[?.!]?\s*/i, '');
    if (!AGREE_START.test(reply) || /^\W*(?:nein|nee|ne|nicht ganz|jein)\b/i.test(reply)) return null;
  }
  // "Sechzig ist mir zu wenig": the verdict follows the figure it rejects.
  const rest = u.text.slice(t.end, t.end + 30).toLowerCase();
  const restToNext = rest.slice(0, /\d|(?:zig|zehn|tausend|hundert)\b/.exec(rest)?.index ?? rest.length);
  // A verdict before the figure rejects it ("zu wenig wären fünfzig") unless it follows a figure of its
  // own: "sechzig ist mir zu wenig für den aufwand vierundsechzig sollten es sein" without a full stop.
  const verdict = REJECT.exec(before.slice(-25));
  const verdictOfEarlier =
    verdict !== null && NUMBER_WORD.test(before.slice(0, before.length - 25 + verdict.index).slice(-30));
  // A figure taken back at once ("So fünfundvierzig … nee, wart, …") is no figure.
  if (
    /^[\s.,…-]*(?:nee|nein|quatsch|moment|wart|warte|warten sie|äh nein)\b/.test(restToNext) &&
    (/…|\.\.\.|,|-/.test(restToNext.slice(0, 4)) ||
      /^\s*(?:nee|nein)\s+(?:wart|warte|warten sie|moment|quatsch)\b/.test(restToNext))
  )
    return null;
  // "achtundfünfzig ist mir ehrlich gesagt zu knapp": the verdict a few words on.
  const verdictLater =
    /^\s*(?:ist|wäre|wär)\s+mir\s+(?:\S+\s+){0,3}zu\s+(?:knapp|wenig|niedrig|gering|mager)\b/.test(
      u.text.slice(t.end, t.end + 50).toLowerCase(),
    );
  if (
    verdictLater ||
    REJECT.test(restToNext) ||
    (!stream && verdict && !NUMBER_WORD.test(before.slice(-25)) && !verdictOfEarlier)
  )
    return 'reject';
  // "Aktuell 58.000, mit Bonus eher 63", "Grundgehalt 3.700, mit Zulagen komme ich auf 4.100": a total
  // with extras after the base figure is neither the base nor a wish.
  if (
    /\b(?:mit|inkl\.?|inklusive|samt|plus)\s+(?:dem\s+|den\s+)?(?:bonus|provision|prämie\w*|zulagen|zuschlägen|variable\w*|allem)\b[^.?!]{0,22}$/.test(
      before,
    ) &&
    NUMBER_WORD.test(
      before.replace(
        /\b(?:mit|inkl\.?|inklusive|samt|plus)\s+(?:dem\s+|den\s+)?(?:bonus|provision|prämie\w*|zulagen|zuschlägen|variable\w*|allem)\b[^.?!]{0,22}$/,
        '',
      ),
    )
  )
    return 'reject';
  if (WISH_BEFORE.test(before)) return 'wish';
  // "Fünfundsechzig ist okay, ja", "Siebzig nehm ich natürlich gern": a figure accepted is a wish.
  if (ACCEPTED.test(u.text.slice(t.end, t.end + 40).toLowerCase())) return 'wish';
  // "Unter 58.000 mach ich's nicht"
  if (/\bunter\s*$/.test(before) && /\bnicht\b/.test(sentence.slice(pos, pos + 50))) return 'wish';
  // In a stream the words after a figure may already be the next question or remark ("… 62 ich hab
  // ja auch …"): only wish words right after it count there ("75 bis 80 wäre gut").
  // A stream also holds the recruiter's question ("und was möchten sie verdienen sechzig"): only the
  // person's own words count, not those around "Sie".
  const own = (x: string) => x.replace(/(?:\S+\s+)?\b(?:sie|du|ihnen|dir|ihre?[nmrs]?)\b(?:\s+\S+)?/g, ' ');
  // "Brutto wären das so 4.200": a conversion of today's pay, not a wish.
  const conversion = (x: string) =>
    x.replace(
      /\b(?:brutto|netto)\s+(?:wären|wäre|sind|macht)\s+das\b|\bdas wären\s+(?:brutto|netto)\b/g,
      ' ',
    );
  // "zehn Prozent mehr als jetzt": a comparison with today's pay names a wish.
  const compared = (x: string) =>
    x.replace(
      /\b(?:mehr|weniger|über|unter) als (?:jetzt|aktuell|heute|bisher|derzeit|im moment)\b/g,
      ' mehr als ',
    );
  const cue = nearestCue(
    compared(conversion(stream ? own(before.slice(-30)) : before)),
    conversion(stream ? after.replace(NOW_CUE, ' ') : after),
  );
  if (cue) return cue;
  if (topic === 'salaryWish' || topic === 'offer') return 'wish';
  if (topic === 'salaryNow') return u.role === 'unknown' && answeredBefore(t, u) ? null : 'now';
  return null;
}

/**
 * Without speaker labels the question's topic names only the answer right after it: a later figure of
 * the same stretch ("… 2.900 im Monat. Der Kunde zahlt bis achtunddreißig. … ich hätte eher an vierzig
 * gedacht") needs a cue of its own. A figure said right after the first one refines it ("Knapp sechzig.
 * Neunundfünfzig.").
 */
function answeredBefore(t: NumberToken, u: Unit): boolean {
  const chain = [...findNumbers(u.text.slice(0, t.start)).filter((x) => isMoneyToken(x, u.text)), t];
  for (let i = 1; i < chain.length; i++) {
    const between = u.text.slice(chain[i - 1]!.end, chain[i]!.start).toLowerCase();
    if (OFFER_CUE.test(between)) return true;
    // A correction or a pay word again keeps the stretch on today's pay ("… nee, Quatsch, das war
    // letztes Jahr. Zweiundsiebzig", "seit der Gehaltsrunde sind's zweiundsiebzig").
    if (
      between.length > 30 &&
      !/\b(?:nee|nein|quatsch|sorry|pardon|korrigiere|eigentlich|stimmt)\b|gehalt|verdien|lohn/.test(between)
    )
      return true;
  }
  return false;
}
