import type { CallExtraction } from './callExtraction.ts';
import { counterpartUnits, type Unit } from './conversation.ts';
import type { ParsedTranscript } from './transcript.ts';

const count = (text: string, res: RegExp[]) => res.reduce((n, r) => n + (r.test(text) ? 1 : 0), 0);

export function callTypeOf(p: ParsedTranscript, units: Unit[]): CallExtraction['callType'] {
  const all = p.text.toLowerCase();
  const theirs = counterpartUnits(units)
    .map((u) => u.text)
    .join('\n')
    .toLowerCase();
  const ours = p.labelled
    ? units
        .filter((u) => u.role === 'recruiter')
        .map((u) => u.text)
        .join('\n')
        .toLowerCase()
    : all;
  const candidate =
    2 *
      count(all, [
        /kündigungsfrist/,
        /was verdienen sie|gehaltlich|ihr (?:aktuelles )?gehalt|ihre (?:gehalts)?vorstellung|wo (?:liegen|stehen) sie|gehaltsvorstellung|was verdienst du/,
        /\b(?:ich verdiene|ich liege bei|brutto im (?:monat|jahr))/,
      ]) +
    2 *
      count(theirs, [
        // A job seeker calling in: "ich suche eine neue Stelle", "ich interessiere mich für die Stelle als …"
        /\b(?:ich suche|ich bin auf der suche nach|ich interessiere mich für|ich bewerbe mich (?:auf|für)|ich habe (?:mich )?(?:ihre|die) (?:anzeige|stellenanzeige|ausschreibung))\b.{0,40}?\b(?:stelle|job|position|anzeige|stellenanzeige|ausschreibung|arbeit)\b/,
        // The agency sent the person a job ("Sie hatten mir die Stelle in Bamberg geschickt").
        /\b(?:sie hatten mir|sie haben mir|ihr habt mir|du hast mir)\b.{0,40}\b(?:stelle|job|position|angebot)\b.{0,30}\b(?:geschickt|geschrieben|angeboten|gemailt)/,
      ]) +
    // The agency offering a job: "ich hätte eine interessante Stelle als Disponentin für Sie", also on a
    // mailbox ("ich rufe an wegen der Bauleiterstelle in Kiel", "es geht um die Stelle als …"); "Ihre
    // Stelle" is a client's.
    2 *
      count(ours, [
        /\b(?:stelle|position|jobangebot|vakanz)\b[^.?!]{0,50}\bfür (?:sie|dich)\b/,
        /\b(?:wegen der|es geht um die|bezüglich der|zu der)\s+(?:[\p{L}-]+\s+){0,2}?[\p{L}-]*(?:stelle|position)\b(?![^.?!]{0,40}\b(?:sie|ihr) (?:ausgeschrieben|suchen|zu besetzen)\b)/u,
      ]) +
    // The recruiter asking about the person's job and pay ("Sie fahren als LKW-Fahrer …?", "Was zahlen die Ihnen?").
    2 *
      count(ours, [
        /\bsie (?:fahren|arbeiten|sind)\s+(?:(?:aktuell|derzeit|gerade|noch)\s+)?als\b|\bwas (?:zahlen|zahlt) (?:die|der|ihr\w*|euch)\b[^.?!]{0,15}\b(?:ihnen|dir)\b|\bwas hätten sie (?:denn )?gerne?\b/,
      ]) +
    count(all, [
      /beworben|bewerbung|lebenslauf|ihre unterlagen|ihr profil\b/,
      /(?<!jahres|schicht|reifen|öl|ein)wechsel(?:n|bereit|wunsch)?\b|neue herausforderung|wechselwillig/,
      /\b(?:sie sind|du bist) .{2,60} bei\b|sie arbeiten als|ich arbeite als|ich bin .{2,40} bei\b/,
      /umzieh|umzug/,
      /ab wann (?:könnten|können) sie|wann könnten sie anfangen/,
      /gekündigt|mein letzter (?:arbeits)?tag|arbeitssuchend|arbeitslos|freigestellt|elternzeit|was machen sie (?:derzeit|aktuell|beruflich|im moment|gerade)|wo arbeiten sie/,
    ]);
  const client =
    2 *
      count(theirs, [
        /\b(?:wir suchen|suchen wir|wir brauchen|brauchen wir|bräuchten wir|wir bräuchten|benötigen wir|wir benötigen|uns fehlen|fehlen uns|mir fehlen|mir brauchat|mir brauchet|mir suchet|mir suchat|mir bräuchtet|wir haben (?:\w+ )?(?:offene|freie) stellen)\b(?![^.?!]{0,50}\b(?:belege|unterlagen|kleinigkeiten|angaben|informationen|dokumente|rechnung\w*|nachweise|daten|ihre unterschrift)\b)/,
        /\b(?:zu besetzen|vakanz|offene stelle|offenen stellen|stellenbeschreibung|anforderungsprofil|wir zahlen|können wir (?:anbieten|zahlen)|bei uns (?:gibt|ist|geht)|budget (?:bis|liegt|von|ist|wäre)|rahmenvertrag)/,
        // "Ich such einen Gesellen" (not "ich suche eine neue Stelle").
        /\bich such(?:e)?\s+(?:noch\s+|dringend\s+)?(?:einen|eine|zwei|drei|vier|leute|verstärkung|jemand\w*)\b(?!\s+(?:neue[nr]?\s+|andere[nr]?\s+)?(?:stelle|job|arbeit|position|herausforderung|beschäftigung|ausbildung))/,
      ]) +
    count(ours, [
      /\bsie suchen\b|ihre[rn]? (?:stelle|anzeige|stellenanzeige|vakanz|ausschreibung)|ausgeschrieben|wie viele (?:leute|mitarbeiter\w*|kräfte|stellen|fachkräfte)|(?:brauchen|suchen) sie (?:noch )?(?:leute|personal|verstärkung|mitarbeiter)/,
      /(?:unser\w*|mein\w*|die|den) konditionen|erfolgsbasis|honorar|rahmenvertrag|provision|vermittlungsgebühr|arbeitnehmerüberlassung|überlassung|zeitarbeit|personalleasing/,
      /(?:passende|erste|geeignete|zwei|drei) kandidaten|kandidaten (?:vorstellen|schicken)|profile? (?:anonymisiert )?(?:schicken|zuschicken)|\bich (?:hab|habe|hätte) (?:da )?(?:einen|eine) (?:kandidat|kandidatin|bewerber|bewerberin)\b/,
    ]) +
    count(theirs, [
      /personalleit|niederlassungsleit|geschäftsführ|hr-abteilung|personalabteilung|teamleiter.{0,20}suche/,
    ]);
  const other =
    2 *
      count(theirs, [
        /angebot für|katalog|(?<!be)werbung|aus (?:ihrer|der|dem) (?:liste|verteiler)|zufrieden mit|software|\bdemo\b|\bprodukt(?:e|en|s)?\b|versicherung|stromtarif|toner|druckerpapier|büromaterial|abonnement|umfrage|gewinnspiel|spende|falsch verbunden|verwählt|lizenz|wir bieten .{0,40} an/,
        /kein bedarf|kein interesse|nehmen sie uns|wir sind versorgt|brauchen wir nicht|nein danke/,
        /redaktion|zeitung|tageblatt|journalist|reportage|presse|interview|pressestelle|podcast/,
        /leasing|sonderkondition|sonderangebot|rabatt|firmenwagen|dienstwagen|unverbindlich|testphase|kostenlos testen|probeabo/,
      ]) +
    // A vendor's pitch and its answer, whoever says them: with names instead of role labels the vendor
    // can look like the agency's side ("Wir hätten eine kostenlose Demo" – "Wir nutzen schon ein System").
    2 *
      count(all, [
        /\b(?:kostenlose|unverbindliche|kurze) (?:demo|testphase|testversion|produktvorführung)\b|\bpaketpreis|\b(?:sonder|herbst|frühjahrs|sommer|winter|jahres)angebot\b|(?:nutzen|haben) (?:schon|bereits) (?:ein|eine|einen) (?:system|software|anbieter|lösung|tool)\b/,
      ]);
  if (p.counterpartHint === 'candidate' || p.counterpartHint === 'client') return p.counterpartHint;
  if (p.counterpartHint === 'other' && candidate < 4 && client < 4) return 'other';
  if (other >= 2 && other >= candidate && other >= client) return 'other';
  if (candidate >= 2 && candidate >= client) return 'candidate';
  if (client >= 2) return 'client';
  if (candidate > 0 && candidate >= client) return 'candidate';
  if (client > 0) return 'client';
  return 'other';
}
