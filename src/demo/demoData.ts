import type { CandidateInput, LeadInput } from '../crm/recordInput.ts';

/** A small, obviously fictitious team and CRM for trying CallBridge out. */
export const DEMO_LEADS: LeadInput[] = [
  {
    company: 'ACME GmbH',
    contactPerson: 'Petra Schulz',
    email: 'p.schulz@acme.example',
    city: 'Berlin',
    notes: 'Sucht 2 Java-Entwickler:innen, Start Q1.',
    phones: ['+49 30 123456'],
  },
  {
    company: 'Nordlicht Logistik AG',
    contactPerson: 'Jan Hansen',
    email: null,
    city: 'Hamburg',
    notes: 'Disponenten gesucht.',
    phones: ['040 7654321', '0171 5550101'],
  },
  {
    company: 'Brandt & Söhne KG',
    contactPerson: 'Maria Brandt',
    email: 'mb@brandt.example',
    city: 'Kassel',
    notes: null,
    phones: ['0561 998877'],
  },
];

export const DEMO_CANDIDATES: CandidateInput[] = [
  {
    firstName: 'Lukas',
    lastName: 'Demir',
    email: 'lukas.demir@mail.example',
    position: 'Senior Java-Entwickler',
    status: 'in_kontakt',
    city: 'Hamburg',
    notes: null,
    phones: ['0151 23456789'],
  },
  {
    firstName: 'Anna',
    lastName: 'Keller',
    email: 'anna.keller@mail.example',
    position: 'Teamleiterin Buchhaltung',
    status: 'neu',
    city: 'Kassel',
    notes: null,
    phones: ['+49 (160) 111 22 33'],
  },
];

const vtt = (cues: [string, string][]) =>
  `WEBVTT\n\n${cues.map(([who, text], i) => `${i + 1}\n00:00:${String(i * 4).padStart(2, '0')}.000 --> 00:00:${String(i * 4 + 4).padStart(2, '0')}.000\n<v ${who}>${text}</v>`).join('\n\n')}\n`;

/** What the demo calls say; Webex would deliver such a transcript with the recording. */
const CANDIDATE_CALL = vtt([
  [
    'Recruiter',
    'Hallo Herr Demir, Karimi von der Agentur. Sie sind Senior Java-Entwickler bei der Nordbank Digital?',
  ],
  ['Kandidat', 'Genau, seit drei Jahren. Spring Boot und Kafka, ein bisschen Kubernetes.'],
  ['Recruiter', 'Wo liegen Sie gehaltlich?'],
  ['Kandidat', 'Bei zweiundsechzigtausend brutto.'],
  ['Recruiter', 'Und Ihre Vorstellung für einen Wechsel?'],
  ['Kandidat', 'Fünfundsechzig bis siebzig.'],
  ['Recruiter', 'Kündigungsfrist?'],
  ['Kandidat', 'Drei Monate zum Quartalsende. Hybrid wäre ideal, Hamburg geht.'],
  ['Recruiter', 'Gut, ich stelle Sie bei zwei Kunden vor und rufe Sie nächsten Dienstag an.'],
]);
const CLIENT_CALL = vtt([
  ['Kundin', 'Schulz, ACME GmbH. Wir suchen zwei Java-Entwickler, gerne mit Kafka.'],
  ['Recruiter', 'Sehr gern, ich schicke Ihnen unsere Konditionen und erste Kandidaten.'],
  ['Kundin', 'Prima. Rufen Sie mich am Freitag an.'],
]);

/** Someone the CRM does not know yet: the note waits under "Nicht zugeordnet" until it is assigned. */
const UNKNOWN_CANDIDATE_CALL = vtt([
  ['Anruferin', 'Guten Tag, Meyer hier. Ich habe Ihre Anzeige für die Stelle als Lohnbuchhalterin gesehen.'],
  ['Recruiter', 'Schön, dass Sie anrufen. Wo arbeiten Sie im Moment?'],
  ['Anruferin', 'Als Lohnbuchhalterin bei den Stadtwerken München, seit fünf Jahren.'],
  ['Recruiter', 'Und was wäre Ihre Gehaltsvorstellung?'],
  ['Anruferin', 'Um die achtundfünfzigtausend brutto im Jahr.'],
  ['Recruiter', 'Danke, ich lege Sie an und melde mich morgen.'],
]);

/**
 * Numbers the simulator rings in the demo, in turn: known lead, known candidate, an unknown caller
 * (recorded, so the inbox has an entry), and an unknown one that is missed (every fourth call is).
 */
export const DEMO_CALLERS = [
  { number: '+4930123456', name: 'ACME GmbH', transcript: CLIENT_CALL },
  { number: '+4915123456789', transcript: CANDIDATE_CALL },
  { number: '+4989555123', transcript: UNKNOWN_CANDIDATE_CALL },
  { number: '+494076543210' },
];
