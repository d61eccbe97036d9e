import { describe, expect, it } from 'vitest';
import { extractWithRules } from './index.ts';

const follow = (lines: string[], callDate: string) =>
  extractWithRules(lines.join('\n'), { callDate }).extraction.followUpDate;

describe('follow-up date', () => {
  it('is set for any call with an agreed call-back, a vendor’s too', () => {
    expect(
      follow(
        [
          'Agentur: Personalberatung Brehm, guten Tag.',
          'Anbieter: Guten Tag, Kröger von Druckhaus Nord, wir bieten Flyer für Jobmessen an.',
          'Agentur: Schicken Sie mir eine Preisliste.',
          'Anbieter: Gern, und ich melde mich am Dienstag noch einmal.',
        ],
        '2026-03-04',
      ),
    ).toBe('2026-03-10');
  });

  it('ignores an appointment someone wants to move', () => {
    expect(
      follow(
        [
          'A: Personalberatung Brehm.',
          'B: Ich möchte meinen Termin am Freitag absagen, ist da die Physiotherapie?',
        ],
        '2026-03-04',
      ),
    ).toBeNull();
  });

  it('keeps the date asked for when the answer only repeats its day or weekday', () => {
    expect(
      follow(
        [
          'Beraterin: Sie hatten sich beworben. Wir telefonieren dann am Montag, den 11. Januar?',
          'Bewerber: Der 11. passt mir.',
        ],
        '2026-12-02',
      ),
    ).toBe('2027-01-11');
    expect(
      follow(
        [
          'Beraterin: Sie hatten sich beworben. Darf ich Sie Mittwoch nächster Woche anrufen?',
          'Bewerber: Ja, Mittwoch am Nachmittag.',
        ],
        '2026-03-04',
      ),
    ).toBe('2026-03-11');
  });

  it('keeps the later weekday in a stream without labels when it is said again bare', () => {
    // Call on Wednesday 4 March: "Freitag nächster Woche" is 13 March, the bare "Freitag" after it too.
    expect(
      follow(
        [
          'Druckerei Sommer, Albers am Apparat. Hallo, Reinholz hier von der Personalagentur Kaiser, es geht um Ihre Anzeige als Drucker. ' +
            'Können wir Freitag nächster Woche telefonieren? Ja, Freitag ab zehn. Schön, dann bis Freitag.',
        ],
        '2026-03-04',
      ),
    ).toBe('2026-03-13');
  });

  it('takes a day settled after a counter-proposal, and not a farewell repeating the weekday', () => {
    expect(
      follow(
        [
          'Beraterin: Sie hatten sich beworben. Können wir nächsten Mittwoch telefonieren?',
          'Bewerber: Mittwoch geht nicht, lieber Donnerstag.',
          'Beraterin: Gut, dann Donnerstag.',
        ],
        '2026-03-04',
      ),
    ).toBe('2026-03-05');
    expect(
      follow(
        [
          'Beraterin: Sie hatten sich beworben. Darf ich Sie Dienstag nächster Woche anrufen?',
          'Bewerber: Ja, gern.',
          'Beraterin: Schön, dann bis Dienstag.',
        ],
        '2026-03-04',
      ),
    ).toBe('2026-03-10');
  });
});

describe('follow-up date: the caller’s own appointment elsewhere', () => {
  it('is no contact agreed with us', () => {
    expect(
      follow(
        [
          'guten tag hier ist brandt ich ruf an wegen meinem termin übermorgen beim zahnarzt ob ich die karte mitbringen soll ' +
            'nein da sind sie falsch verbunden hier ist eine personalvermittlung oh dann entschuldigung tschüss',
        ],
        '2026-05-04',
      ),
    ).toBeNull();
  });
});

describe('follow-up date: visits, requests and day parts', () => {
  it('takes a visit proposed with a day in the next sentence, answered yes', () => {
    expect(
      follow(
        [
          'Agentur: Ich würde gern bei Ihnen vorbeikommen. Passt Dienstag, der 8. Dezember?',
          'Kundin: Ja, Dienstag, der Achte, am Vormittag.',
        ],
        '2026-11-26',
      ),
    ).toBe('2026-12-08');
  });

  it('takes a call asked for as a request and a weekday said with its part of the day', () => {
    expect(
      follow(
        [
          'Agentur: Bis Mittwoch habe ich die ersten Profile.',
          'Kunde: Am Donnerstag bin ich im Haus. Rufen Sie mich da an.',
          'Agentur: Mach ich, Donnerstagnachmittag.',
        ],
        '2026-11-30',
      ),
    ).toBe('2026-12-03');
  });
});

describe('follow-up date: more contact words, echoes, refusals and deadlines', () => {
  it('takes a briefing, a presentation "stelle ich Ihnen vor" and a date echoed with "ja"', () => {
    expect(
      follow(['Agentur: Wir machen am Mittwoch ein kurzes Briefing.', 'Kunde: Gut.'], '2026-11-30'),
    ).toBe('2026-12-02');
    expect(
      follow(
        ['Agentur: Am 7. Dezember stelle ich Ihnen die ersten Profile vor.', 'Kunde: Passt.'],
        '2026-11-30',
      ),
    ).toBe('2026-12-07');
    expect(
      follow(
        [
          'Agentur: Telefonieren wir am Dienstag, den 5. Januar?',
          'Kandidat: Dienstag, der fünfte, ja. Nachmittags.',
        ],
        '2026-12-18',
      ),
    ).toBe('2027-01-05');
  });

  it('takes no demo offered and turned down, and no deadline for something sent', () => {
    expect(
      follow(
        ['Anrufer: Ich könnte Ihnen am Donnerstag eine Demo zeigen.', 'Empfang: Nein danke, kein Bedarf.'],
        '2026-11-30',
      ),
    ).toBeNull();
    expect(
      follow(
        ['Agentur: Ich schicke Ihnen bis Freitag ein Angebot und melde mich dann im Januar.'],
        '2026-11-30',
      ),
    ).toBeNull();
  });
});

describe('follow-up date: two days offered, a day refused, the week after next', () => {
  it('leaves "Donnerstag oder Freitag" and a day the person is away empty', () => {
    expect(
      follow(['Agentur: Ich melde mich Montag oder Dienstag.', 'Kandidatin: Gut.'], '2026-06-10'),
    ).toBeNull();
    expect(
      follow(
        ['Agentur: Telefonieren wir am Montag?', 'Kandidatin: Montag bin ich verreist, leider.'],
        '2026-06-10',
      ),
    ).toBeNull();
  });

  it('puts "übernächste Woche, sagen wir Mittwoch" into the week after next', () => {
    expect(
      follow(
        ['Agentur: Wir sprechen übernächste Woche, sagen wir Mittwoch?', 'Kandidatin: Passt.'],
        '2026-06-10',
      ),
    ).toBe('2026-06-24');
  });
});

describe('follow-up date: a call proposed per video, a new try on the mailbox, Bavarian "ruafen"', () => {
  it('"per Zoom" is a contact; "ich probier’s sonst übermorgen nochmal" a new call; "ruafen S’ mi … an" a call-back', () => {
    expect(
      follow(
        [
          'Agentur: Personalberatung Brehm.',
          'Anbieter: Grüß Gott, Kröger von Softwerk, wir hätten ein Zeiterfassungstool.',
          'Agentur: Erzählen Sie.',
          'Anbieter: Ginge Freitag, der 11. Dezember, um zehn, per Zoom?',
          'Agentur: Ja, gut.',
        ],
        '2026-12-01',
      ),
    ).toBe('2026-12-11');
    expect(
      follow(
        [
          'Beraterin: Hallo Herr Voss, Brehm von Personal Brehm, es geht um die Stelle als Monteur. Ich versuche es sonst übermorgen wieder. Tschüss!',
        ],
        '2026-12-01',
      ),
    ).toBe('2026-12-03');
    expect(
      follow(
        [
          'Kundin: Servus, Huber vom Gasthof Post.',
          'Agentur: Servus, Brehm hier. Ich schick Ihnen zwei Köche.',
          'Kundin: Guad, und ruafen S’ mi am Montag o.',
        ],
        '2026-12-01',
      ),
    ).toBe('2026-12-07');
  });
});
