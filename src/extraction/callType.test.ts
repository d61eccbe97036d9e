import { describe, expect, it } from 'vitest';
import { extractChecked } from '../../test/support/extractCall.ts';
import { extractWithRules } from './index.ts';

const type = (text: string) => extractWithRules(text, { callDate: '2026-12-01' }).extraction.callType;

describe('call type of voicemails and unlabelled calls', () => {
  it('takes a vendor’s offer on the mailbox for other, not for a client', () => {
    expect(
      type(
        'Sie sind verbunden mit Jobwerk Süd, bitte sprechen Sie nach dem Ton. Grüß Gott, Huber von Drucker Direkt. ' +
          'Wir haben Sonderkonditionen für Multifunktionsgeräte im Leasing, unverbindlich vier Wochen zum Testen. Rufen Sie mich zurück.',
      ),
    ).toBe('other');
  });

  it('takes the agency’s message about a job for a candidate call', () => {
    expect(
      type(
        'Hier ist die Mailbox von Jonas Peters. Hallo Herr Peters, Huber von Jobwerk Süd, ich hätte eine spannende Stelle ' +
          'als Schichtleiter in Ulm für Sie. Melden Sie sich gern.',
      ),
    ).toBe('candidate');
  });

  it('keeps a client who mentions the collective agreement and our terms', () => {
    expect(
      type(
        'Beraterin: Sie suchen zwei Pflegefachkräfte?\nKundin: Ja, bezahlt wird nach Tarif.\nBeraterin: Darf ich Ihnen unsere Konditionen schicken?',
      ),
    ).toBe('client');
  });
});

describe('call type: our side labelled "Wir", needs that are no staff', () => {
  it('reads "Wir:" as the agency, so a vendor’s pitch is other', () => {
    expect(
      type(
        [
          'Anrufer: Guten Morgen, Jansen von KlickRecruit, habe ich die Inhaberin am Apparat?',
          'Wir: Ja, worum geht es?',
          'Anrufer: Wir haben eine Software für Personalvermittler, mit Lebenslauf-Import und einer kostenlosen Demo.',
          'Wir: Danke, ein Wechsel kommt für uns nicht in Frage.',
          'Anrufer: Dann schicke ich Ihnen nur eine Mail.',
        ].join('\n'),
      ),
    ).toBe('other');
  });

  it('does not take missing papers for a hiring need', () => {
    expect(
      type(
        'Guten Tag, hier ist das Büro Lindner Buchhaltung, eine Nachricht für Frau Wolf von der Personalvermittlung Wolf. ' +
          'Für die Lohnabrechnung bräuchten wir noch die Unterlagen vom Oktober, schicken Sie sie bitte bis Freitag. Danke und tschüss.',
      ),
    ).toBe('other');
  });
});

describe('rules extractor: who calls in', () => {
  it('reads a caller labelled "Anrufer" by what they say, not by the label', () => {
    const seeker = extractChecked(
      [
        'Anrufer: Guten Tag, ich bin auf der Suche nach einer neuen Stelle als Disponent.',
        'Recruiter: Gern.',
      ],
      '2026-10-05',
    );
    expect(seeker.callType).toBe('candidate');
    const client = extractChecked(
      [
        'Anrufer: Müller, Logistik Nord. Wir suchen zwei Disponenten, die Stelle ist ab sofort zu besetzen.',
        'Recruiter: Da habe ich passende Kandidaten.',
      ],
      '2026-10-05',
    );
    expect(client.callType).toBe('client');
  });
});

describe('rules extractor: other call types', () => {
  it('recognises a client who is hiring, keeps candidate fields empty, reads the agreed date', () => {
    const r = extractChecked(
      [
        'Jana Vogel: Guten Morgen Herr Dr. Stein, Jana Vogel von BauTalente.',
        'Dr. Stein: Guten Morgen. Ich bin Geschäftsführer bei Stein Bau.',
        'Jana Vogel: Sie suchen nach wie vor eine Bauleitung für den Hochbau?',
        'Dr. Stein: Ja, dringend. Gehalt bis 75.000, Homeoffice geht bei uns nicht.',
        'Jana Vogel: Ich schicke Ihnen zwei Profile anonymisiert und unsere Konditionen.',
        'Dr. Stein: Gut, und dann telefonieren wir am 8. Januar?',
        'Jana Vogel: Sehr gern.',
      ],
      '2026-01-02',
    );
    expect(r).toMatchObject({
      callType: 'client',
      currentPosition: null,
      currentEmployer: null,
      currentSalaryEur: null,
      workModel: null,
      followUpDate: '2026-01-08',
    });
    expect(r.summary).toMatch(/Bauleitung/);
  });

  it('classifies a sales call and a wrong number as other, with nothing agreed', () => {
    const sales = extractChecked(
      [
        'Sprecher 1: Personalservice Hahn, Sie sprechen mit Lisa Hahn.',
        'Sprecher 2: Hallo, Weber von TeleSoft. Wir bieten eine Software für Bewerbermanagement an.',
        'Sprecher 1: Wir haben schon ein System, danke.',
        'Sprecher 2: Ich könnte Ihnen eine Demo zeigen, nächsten Donnerstag vielleicht?',
        'Sprecher 1: Nein, kein Bedarf.',
      ],
      '2026-05-25',
    );
    expect(sales).toMatchObject({ callType: 'other', followUpDate: null, nextSteps: [] });
    const wrong = extractChecked(
      [
        'Sprecher 1: Personalvermittlung Krause, guten Tag.',
        'Sprecher 2: Hallo, ist da die Praxis Dr. Müller? Ich wollte meinen Termin am Montag verschieben.',
        'Sprecher 1: Nein, da sind Sie falsch verbunden.',
      ],
      '2026-10-30',
    );
    expect(wrong).toMatchObject({
      callType: 'other',
      followUpDate: null,
      summary: expect.stringMatching(/\S/),
    });
  });
});

describe('call type of a vendor when speakers carry only names', () => {
  it('takes the pitch of a demo answered "we already have a tool" for other', () => {
    expect(
      type(
        [
          'Carla Mertens 00:00:03',
          'Guten Tag, Carla Mertens von ZeitPlan Pro, bin ich richtig bei der Personalberatung?',
          'Peter Haas 00:00:09',
          'Ja, worum geht es?',
          'Carla Mertens 00:00:14',
          'Wir machen Dienstplanung in der Cloud. Ich könnte Ihnen eine kostenlose Demo zeigen, für Ihre Bewerber und Ihren Lebenslauf-Eingang.',
          'Peter Haas 00:00:22',
          'Danke, wir haben schon ein Tool dafür.',
        ].join('\n'),
      ),
    ).toBe('other');
  });
});

describe('call type: words inside other words, regional verbs', () => {
  it('takes "Bewerbungen" for no advertising and "mir suchet" for a hiring client', () => {
    expect(
      type(
        'stadtverwaltung personalamt guten tag hier ist die personalberatung wegen ihrer ausschreibung für die stelle ' +
          'wir haben kaum bewerbungen bekommen dann schicke ich ihnen unsere konditionen',
      ),
    ).toBe('client');
    expect(
      type(
        'Grüß Gott, hier die Personalberatung. Grüß Gott, Schäfer vom Autohaus. Mir suchet zwei Kfz-Mechatroniker, ' +
          'am liebsten ab sofort. Gut, dann schick ich Ihnen Profile.',
      ),
    ).toBe('client');
  });
});

describe('call type: a client who looks for one person, a candidate who declines, a portal’s offer', () => {
  it('reads "ich such einen Gesellen" as a client and "Sie hatten mir die Stelle geschickt" as a candidate', () => {
    expect(
      type(
        'Sprecher 1: Malerbetrieb Kühn.\nSprecher 2: Guten Tag, Personalservice Nord.\nSprecher 1: Ich such einen Maler mit Führerschein, schon lange.',
      ),
    ).toBe('client');
    expect(
      type(
        'Hallo, hier ist Jana Krug, Sie hatten mir letzte Woche die Stelle in Fulda geschickt. Ich bleibe doch, wo ich bin. Danke und tschüss.',
      ),
    ).toBe('candidate');
  });

  it('takes a portal’s package offer for other', () => {
    expect(
      type(
        'Anrufer: Guten Tag, Berger von Stellenmarkt Plus. Wir haben ein Jahresangebot: zwanzig Anzeigen zum Paketpreis, dazu die Lebenslaufsuche.\nRecruiter: Schicken Sie es mir schriftlich.',
      ),
    ).toBe('other');
  });
});

describe('call type: a job named on the mailbox, the person’s job asked, a client’s budget', () => {
  it('a message about a job opening ("wegen der …stelle") is a candidate call, "Ihre Stelle" a client’s', () => {
    expect(
      type(
        'Guten Tag Herr Brandes, Wolff von Technik Personal hier. Ich melde mich wegen der Monteursstelle in Lingen, ' +
          'bitte rufen Sie zurück. Danke!',
      ),
    ).toBe('candidate');
    expect(
      type(
        'Beraterin: Frau Jung, Wolff von Technik Personal, es geht um die Position als Teamleitung Einkauf.\nKandidatin: Ah, ja, schön.',
      ),
    ).toBe('candidate');
  });

  it('the recruiter asking "Sie arbeiten als …?" and "Was zahlen die Ihnen?" talks to a candidate', () => {
    expect(
      type(
        'A: Hallo, Wolff von Technik Personal. Sie arbeiten als Gabelstaplerfahrer in Bremen?\nB: Ja.\nA: Was zahlen die Ihnen da?\nB: Vierzehn die Stunde.\nA: Gut, ich melde mich.',
      ),
    ).toBe('candidate');
  });

  it('a budget and a framework contract make a client; "ich hab einen Kandidaten" is the agency offering people', () => {
    expect(
      type(
        'A: Guten Tag, Wolff von Technik Personal.\nB: Hallo, ich bin Leiterin der Produktion bei Kessler, wir haben Bedarf an Schweißern. Budget bis achtundvierzig.\nA: Ich hab einen Kandidaten, der passen könnte.\nB: Schicken Sie den Rahmenvertrag an die Personalabteilung.',
      ),
    ).toBe('client');
  });

  it('an executive search firm introducing itself is the agency side', () => {
    expect(
      type(
        'Frau Albers: Frau Ritter, Albers von Nordlicht Executive Search.\nFrau Ritter: Ja. Wir suchen eine Leitung Controlling für unser Werk.\nFrau Albers: Gern, ich schicke Ihnen unser Angebot.',
      ),
    ).toBe('client');
  });
});
