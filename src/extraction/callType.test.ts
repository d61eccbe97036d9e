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
