import { describe, expect, it } from 'vitest';
import { extractChecked } from '../../test/support/extractCall.ts';
import { extractWithRules } from './index.ts';

const places = (lines: string[]) =>
  extractWithRules(['Beraterin: Sie hatten sich beworben, danke für den Lebenslauf.', ...lines].join('\n'), {
    callDate: '2026-06-10',
  }).extraction.preferredLocations;

describe('places: words that only look like town names', () => {
  it('takes no town from a noun with an article or a verb in lower case', () => {
    expect(
      places([
        'Beraterin: Wo möchten Sie arbeiten?',
        'Bewerber: Am liebsten bleibe ich in der Halle, die Kollegen waren gut. Kassel oder Göttingen wäre gut.',
      ]),
    ).toEqual(['Kassel', 'Göttingen']);
  });

  it('still takes a region that takes an article', () => {
    expect(
      places(['Beraterin: Wo möchten Sie arbeiten?', 'Bewerber: Gerne im Allgäu, Kempten wäre ideal.']),
    ).toEqual(expect.arrayContaining(['Kempten']));
  });
});

describe('rules extractor: places of a commuting question', () => {
  it('takes the places of a commuting question the person says yes to', () => {
    const r = extractChecked(
      ['Recruiter: Wären Sie bereit, nach Stuttgart zu pendeln?', 'Kandidatin: Pendeln ja, umziehen nein.'],
      '2026-10-27',
    );
    expect(r.preferredLocations).toEqual(['Stuttgart']);
    expect(r.willingToRelocate).toBe(false);
  });
});

describe('places: the answer to a where-question, towns beyond the big cities', () => {
  it('takes the towns named in reply to "Wo soll es sein?" without a cue word', () => {
    expect(
      places(['Beraterin: Wo soll es denn sein?', 'Bewerber: Verden. Gifhorn auch, da fährt der Zug hin.']),
    ).toEqual(['Verden', 'Gifhorn']);
    expect(places(['Beraterin: Wohin darf es gehen?', 'Bewerber: Tirol oder Vorarlberg.'])).toEqual([
      'Tirol',
      'Vorarlberg',
    ]);
  });

  it('does not take the place of origin or a place asked about something else', () => {
    expect(places(['Beraterin: Wo wohnen Sie?', 'Bewerber: In Gifhorn.'])).toEqual([]);
    expect(
      places(['Beraterin: Wo soll es sein?', 'Bewerber: Ich komme aus Celle, da bin ich offen.']),
    ).toEqual([]);
  });

  it('reads "würd ich noch fahren" and dialect yeses as accepting a town', () => {
    expect(
      places([
        'Beraterin: Und ein Umzug?',
        'Bewerber: Nee, ich bleib in Pirna. Meißen würd ich noch fahren, aber nicht weiter.',
      ]),
    ).toEqual(expect.arrayContaining(['Pirna', 'Meißen']));
    expect(places(['Beraterin: Und ein Umzug?', 'Bewerber: Noi. Esslingen, Nürtingen, des goht.'])).toEqual([
      'Esslingen',
      'Nürtingen',
    ]);
  });
});

describe('places: last resorts, qualifiers and the question’s own places', () => {
  it('takes no place accepted only as a last resort', () => {
    expect(
      places([
        'Beraterin: Wo soll es sein?',
        'Bewerber: Kassel, Göttingen. Hannover nur, wenn es gar nicht anders geht.',
      ]),
    ).toEqual(['Kassel', 'Göttingen']);
  });

  it('takes no place that qualifies a noun ("Steuerrecht Österreich")', () => {
    expect(
      places(['Beraterin: Was können Sie?', 'Bewerber: Lohn, Steuerrecht Österreich auch, das geht.']),
    ).toEqual([]);
    // A preposition or a yes before the place is no qualifier.
    expect(places(['Beraterin: Und ein Umzug?', 'Bewerber: Nach Graz würd ich ziehen.'])).toEqual(['Graz']);
  });

  it('lets the answer’s own places choose among the question’s', () => {
    expect(
      places([
        'Beraterin: Wäre Kassel oder auch Fulda denkbar?',
        'Bewerber: Ja, Kassel, Göttingen ginge auch.',
      ]),
    ).toEqual(['Kassel', 'Göttingen']);
    expect(places(['Beraterin: Sie arbeiten in Kassel, richtig?', 'Bewerber: Ja, genau.'])).toEqual([]);
  });
});

describe('places: answers to "Und örtlich?", to a question of places, and a limit', () => {
  it('takes a list of towns answering "Und regional?" or "Celle?"', () => {
    expect(places(['Beraterin: Und regional?', 'Bewerber: Celle oder Gifhorn.'])).toEqual([
      'Celle',
      'Gifhorn',
    ]);
    expect(places(['Beraterin: Celle?', 'Bewerber: Celle, ja.'])).toEqual(['Celle']);
    expect(
      places([
        'Beraterin: Und Wolfsburg ist für Sie okay?',
        'Bewerber: Wolfsburg, Gifhorn, alles in der Nähe.',
      ]),
    ).toEqual(['Wolfsburg', 'Gifhorn']);
  });

  it('reads the towns before "weiter fahr ich nicht" as accepted', () => {
    expect(
      places(['Beraterin: Und sonst?', 'Bewerber: Minden oder Herford, weiter fahr ich nicht.']),
    ).toEqual(['Minden', 'Herford']);
  });

  it('takes no town from a question about something else', () => {
    expect(places(['Beraterin: Was verdienen Sie in Celle?', 'Bewerber: Celle zahlt schlecht.'])).toEqual([]);
  });
});

describe('places: "Hauptsache X"', () => {
  it('takes the region after "Hauptsache" as accepted', () => {
    expect(
      places(['Beraterin: Wo möchten Sie arbeiten?', 'Bewerber: Egal, Hauptsache Norddeutschland.']),
    ).toEqual(['Norddeutschland']);
  });
});

describe('places in a punctuated stream, sentence by sentence', () => {
  const stream = (t: string) => extractWithRules(t, { callDate: '2026-06-10' }).extraction.preferredLocations;

  it('takes the towns after a where-question and not the client’s town', () => {
    expect(
      stream(
        'Guten Tag, Sie hatten sich beworben. Der Kunde sitzt in Kassel und zahlt gut. Wo möchten Sie arbeiten? Göttingen oder Northeim. Gut, ich melde mich.',
      ),
    ).toEqual(['Göttingen', 'Northeim']);
  });

  it('reads a list before a refusal to move, also across a cut at the topic word', () => {
    expect(
      stream(
        'Guten Tag, Sie hatten sich beworben. Wie möchten Sie arbeiten? Hybrid wäre gut. Celle oder Gifhorn, umziehen möchte ich nicht. Gut.',
      ),
    ).toEqual(['Celle', 'Gifhorn']);
    expect(stream('Guten Tag, Sie hatten sich beworben. Na, Fürth, Erlangen, des basst scho. Gut.')).toEqual([
      'Fürth',
      'Erlangen',
    ]);
  });
});
