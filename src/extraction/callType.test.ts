import { describe, expect, it } from 'vitest';
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
