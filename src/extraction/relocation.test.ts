import { describe, expect, it } from 'vitest';
import { buildUnits } from './conversation.ts';
import { extractWithRules } from './index.ts';
import { extractRelocation, polarity } from './relocation.ts';
import { parseTranscript } from './transcript.ts';

const reloc = (lines: string[]) => {
  const text = lines.join('\n');
  return extractRelocation(buildUnits(parseTranscript(text)), text)?.value ?? null;
};

describe('relocation: refusals, wishes and dialect', () => {
  it('reads "würde … nicht" as no and a bare modal as yes', () => {
    expect(polarity('wegziehen würde ich eher nicht')).toBe(false);
    expect(polarity('für den passenden Job würde ich umziehen')).toBe(true);
    expect(polarity('das kann ich mir nicht vorstellen')).toBe(false);
  });

  it('takes dialect negations and "ich bleibe in …" for a refusal to move', () => {
    expect(reloc(['Beraterin: Und ein Umzug nach Ulm?', 'Bewerber: Naa, umziehn dua i ned.'])).toBe(false);
    expect(
      reloc([
        'Beraterin: Die Stelle ist in Kiel.',
        'Bewerberin: Ich bleibe in Rostock, da sind meine Kinder.',
      ]),
    ).toBe(false);
    expect(reloc(['Berater: Wie sieht es aus?', 'Bewerber: Nach Erfurt würde ich schon ziehen, klar.'])).toBe(
      true,
    );
  });

  it('reads the refusal in a stream without speaker labels', () => {
    expect(
      reloc([
        'und die stelle wär in magdeburg wär das was nee ich bleib in halle da hab ich meine wohnung okay verstehe',
      ]),
    ).toBe(false);
  });
});

describe('relocation: short answers and streams', () => {
  const ask = (q: string, a: string, stream = false) => {
    const lines = [
      'Beraterin: Sie hatten sich beworben.',
      `Beraterin: ${q}`,
      `Bewerber: ${a}`,
      'Beraterin: Verstehe.',
    ];
    return reloc(stream ? [lines.map((l) => l.replace(/^\w+: /, '')).join(' ')] : lines);
  };

  it('reads answers to "örtlich flexibel?" and "nach X ziehen?"', () => {
    for (const stream of [false, true]) {
      expect(ask('Sind Sie räumlich flexibel?', 'Ja, ziemlich.', stream)).toBe(true);
      expect(ask('Wie sieht es mit einem Umzug aus?', 'Ich möchte in Jena bleiben.', stream)).toBe(false);
      expect(ask('Und wenn die Stelle in Kiel wäre?', 'Dann würde ich auch umziehen.', stream)).toBe(true);
    }
    expect(ask('Könnten Sie sich vorstellen, nach Gera zu ziehen?', 'Klar, ich bin da flexibel.')).toBe(true);
  });

  it('judges the clause of the move word ("Ja, Jena oder Weimar, umziehen kommt nicht in Frage")', () => {
    expect(
      ask('Und Jena bleibt gesetzt?', 'Ja, Jena oder Weimar, umziehen kommt nicht in Frage.', true),
    ).toBe(false);
  });
});

describe('relocation: a yes corrected in the same breath', () => {
  it('lets the correction win', () => {
    expect(
      reloc([
        'Beraterin: Sie hatten sich beworben. Umzug?',
        'Bewerberin: Ja, also, nein, eher nicht, die Kinder gehen hier zur Schule.',
      ]),
    ).toBe(false);
  });
});

describe('relocation: in a stream without punctuation', () => {
  const rel = (t: string) => extractWithRules(t, { callDate: '2026-06-10' }).extraction.willingToRelocate;
  it('reads the words right before the move word when the answer after it says nothing', () => {
    expect(
      rel(
        'guten tag hier ist die agentur sie hatten sich beworben und ein umzug falls es irgendwann einmal eine andere stadt sein sollte für eine wirklich gute stelle würde ich auch umziehen meine frau sieht das genauso schön',
      ),
    ).toBe(true);
    expect(
      rel(
        'guten tag hier ist die agentur sie hatten sich beworben und ein umzug wenn es mal woanders ist also ich will hier nicht umziehen meine frau sieht das genauso schön',
      ),
    ).toBe(false);
  });
});

describe('relocation: answers that lost their punctuation', () => {
  const rel = (t: string) => {
    const { extraction, flags } = extractWithRules(t, { callDate: '2026-06-10' });
    expect(flags).toEqual([]);
    return extraction.willingToRelocate;
  };
  it('reads the move word and its clause in a labelled answer that runs on', () => {
    expect(
      rel(
        'Beraterin: sie hatten sich beworben wo möchten sie arbeiten\nBewerber: ja essen oder bochum gern auch gelsenkirchen umziehen kommt nicht in frage dortmund wäre auch denkbar',
      ),
    ).toBe(false);
    expect(
      rel(
        'Beraterin: sie hatten sich beworben und ein umzug\nBewerberin: wenn die stelle passt ist mir der ort fast egal und ein umzug wäre für mich kein problem meine kinder sind schon groß ich habe in der pflege angefangen und bin seit zwölf jahren dabei rufen sie mich gern an',
      ),
    ).toBe(true);
  });

  it('takes the answer after a question that lost its mark, not the question', () => {
    expect(
      rel(
        'Sie hatten sich beworben, danke. Wäre ein Wohnortwechsel denkbar Ein Umzug kommt für mich leider nicht in Frage. Gut.',
      ),
    ).toBe(false);
    // "Ein Umzug ist kein Problem" asked without its mark and answered "nein": no yes from the question.
    expect(
      rel(
        'Sie hatten sich beworben, danke. Ein Umzug ist also kein Problem Nein, ich bleibe lieber hier. Gut.',
      ),
    ).toBe(false);
  });
});

describe('relocation: echoes, regional no and the recruiter’s own remark', () => {
  it('reads the answer after the question said back, and "normal" as a yes', () => {
    expect(reloc(['Beraterin: Und ein Umzug?', 'Bewerber: Umziehen? Nö, wir haben gerade gebaut.'])).toBe(
      false,
    );
    expect(reloc(['Beraterin: Und ein Umzug?', 'Bewerber: Umzieha? Noi, mir bleibet da.'])).toBe(false);
    expect(
      reloc([
        'Beraterin: Wo möchten Sie hin?',
        'Bewerberin: Umziehen ist für mich ganz normal, als Saisonkraft.',
      ]),
    ).toBe(true);
  });

  it('takes no answer from the recruiter’s statement about "Sie" in a stream', () => {
    expect(
      extractWithRules(
        'sie hatten sich beworben danke. ich hätte eine firma in der nähe, da müssten sie gar nicht umziehen, das büro ist in der stadt. das klingt gut.',
        { callDate: '2026-06-10' },
      ).extraction.willingToRelocate,
    ).toBeNull();
    expect(
      extractWithRules(
        'sie hatten sich beworben danke würden sie auch umziehen ja klar ich bin da offen super',
        {
          callDate: '2026-06-10',
        },
      ).extraction.willingToRelocate,
    ).toBe(true);
  });
});

describe('relocation: a plain "okay" to moving', () => {
  it('keeps the yes through the evidence check', () => {
    const rel = (t: string) => {
      const { extraction, flags } = extractWithRules(t, { callDate: '2026-06-10' });
      expect(flags).toEqual([]);
      return extraction.willingToRelocate;
    };
    expect(
      rel(
        'Beraterin: Sie hatten sich beworben. Und ein Umzug?\nBewerber: Nach Kassel ziehen wäre okay, wir sind flexibel.',
      ),
    ).toBe(true);
  });
});

describe('relocation: a closing "schon"', () => {
  it('reads "Für die richtige Stelle schon." as yes, not "wir haben schon gebaut"', () => {
    expect(reloc(['Beraterin: Wären Sie bereit umzuziehen?', 'Bewerber: Für den passenden Job schon.'])).toBe(
      true,
    );
    expect(reloc(['Beraterin: Und ein Umzug?', 'Bewerber: Wir haben schon gebaut.'])).not.toBe(true);
  });
});

describe('relocation: a question kept as a question, a move not needed', () => {
  const run = (text: string) =>
    extractWithRules(text, { callDate: '2026-12-01' }).extraction.willingToRelocate;

  it('in a stream the answer after a marked question decides, not the question’s "okay"', () => {
    expect(
      run(
        'Sie hatten sich beworben, danke. Kündigungsfrist? Zwei Monate. Ein Umzug nach Kiel wäre okay für Sie? Lieber nicht, die Kinder sind hier in der Schule. Verstehe.',
      ),
    ).toBe(false);
  });

  it('a no to "Müssten Sie umziehen?" refuses nothing', () => {
    expect(
      run(
        'Beraterin: Sie hatten sich beworben, danke.\nBewerber: Gern.\nBeraterin: Müssten Sie für die Stelle umziehen?\nBewerber: Nee, ich wohne zwanzig Minuten entfernt.\nBeraterin: Prima.',
      ),
    ).toBeNull();
  });
});
