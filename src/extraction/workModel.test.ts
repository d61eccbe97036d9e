import { describe, expect, it } from 'vitest';
import { candidateCall, extractChecked } from '../../test/support/extractCall.ts';
import { extractWithRules } from './index.ts';

const model = (question: string, answer: string, stream = false) => {
  const lines = [
    'Beraterin: Sie hatten sich beworben, danke für den Lebenslauf.',
    'Bewerber: Gern.',
    `Beraterin: ${question}`,
    `Bewerber: ${answer}`,
    'Beraterin: Verstehe.',
  ];
  const text = stream ? lines.map((l) => l.replace(/^\w+: /, '')).join(' ') : lines.join('\n');
  return extractWithRules(text, { callDate: '2026-12-01' }).extraction.workModel;
};

describe('work model: the person’s wish, also in short answers', () => {
  it('reads wishes in many wordings', () => {
    expect(model('Wie möchten Sie arbeiten?', 'Remote wäre mir wichtig.')).toBe('remote');
    expect(model('Wie möchten Sie arbeiten?', 'Ein Mix aus Büro und Homeoffice.')).toBe('hybrid');
    expect(model('Wie möchten Sie arbeiten?', 'Vor Ort ist mir lieber, ich brauche die Kollegen.')).toBe(
      'onsite',
    );
    expect(
      model(
        'Wie möchten Sie arbeiten?',
        'Jetzt bin ich immer im Büro, ich hätte gern Homeoffice an zwei Tagen.',
      ),
    ).toBe('hybrid');
    expect(
      model(
        'Wie möchten Sie arbeiten?',
        'Als Tischler geht Homeoffice nicht, ich will in der Werkstatt arbeiten.',
      ),
    ).toBe('onsite');
  });

  it('reads a short answer with its question, labelled or not', () => {
    for (const stream of [false, true]) {
      expect(model('Und mobiles Arbeiten?', 'Drei Tage die Woche wären super.', stream)).toBe('hybrid');
      expect(model('Präsenz oder remote?', 'Remote, ganz klar.', stream)).toBe('remote');
      expect(model('Welches Arbeitsmodell wünschen Sie sich?', 'Komplett von daheim.', stream)).toBe(
        'remote',
      );
      expect(
        model(
          'Homeoffice wäre möglich, wollen Sie das?',
          'Nee, ich sitze lieber mit dem Team im Büro.',
          stream,
        ),
      ).toBe('onsite');
    }
  });

  it('leaves it open when the person does not care', () => {
    expect(model('Homeoffice?', 'Ist mir egal, zwei Tage oder keiner.')).toBeNull();
    expect(model('Und Homeoffice?', 'Nee.')).toBeNull();
  });
});

describe('work model: being there in person as the wish', () => {
  it('reads a place of work the person wants or keeps', () => {
    for (const stream of [false, true]) {
      expect(
        model(
          'Wäre Homeoffice wichtig?',
          'Eher nicht, ich steh gern in der Werkstatt, vor Ort zu sein ist mir lieber.',
          stream,
        ),
      ).toBe('onsite');
      expect(
        model(
          'Homeoffice gibt es bei Ihnen wohl nicht.',
          'Nein, in meinem Beruf nicht, ich will an die Maschine.',
          stream,
        ),
      ).toBe('onsite');
      expect(
        model(
          'Remote ist bei Ihnen kein Thema, oder?',
          'Nee, ich bin im Lager, das möchte ich auch so.',
          stream,
        ),
      ).toBe('onsite');
    }
  });

  it('still reads no wish from what the job requires', () => {
    expect(model('Und Homeoffice?', 'Geht nicht, ich muss an die Maschine.')).toBeNull();
  });

  it('takes a remote wish when another clause of the passage is negated', () => {
    expect(
      model(
        'Und sonst?',
        'ich möchte nicht mehr so viel fahren ich möchte remote arbeiten wenn büro dann Hamburg',
        true,
      ),
    ).toBe('remote');
  });
});

describe('work model: a stream without punctuation', () => {
  it('reads a later onsite wish when an earlier one sits next to the "nicht" of the answer', () => {
    expect(
      model(
        'und homeoffice wäre ihnen das wichtig',
        'eher nicht ich bin gern in der werkstatt vor ort arbeiten ist für mich genau richtig',
        true,
      ),
    ).toBe('onsite');
  });
});

describe('rules extractor: work model in a whole call', () => {
  it('leaves the work model open when it is only a fact of the job or a vague wish', () => {
    const r = extractChecked(
      [
        'Recruiter: Wie möchten Sie arbeiten?',
        'Kandidat: Homeoffice wäre schön, ist aber kein Muss. Im Moment muss ich jeden Tag vor Ort sein.',
      ],
      '2026-08-12',
    );
    expect(r.workModel).toBeNull();
  });
});

describe('work model said as a question', () => {
  const run = candidateCall;

  it('takes a hybrid wish said as a question and welcomed', () => {
    expect(
      run(['Beraterin: Wie möchten Sie arbeiten?', 'Bewerber: Drei Tage Homeoffice? Das wär toll.'])
        .workModel,
    ).toBe('hybrid');
  });
});

describe('work model: regional wording and what the quote must hold', () => {
  it('reads "is mir lieber", days "daheim" and "kein festes Büro"', () => {
    expect(model('Magst du Homeoffice?', 'Nö, Büro is mir eh lieber, da hab ich meine Ruhe.')).toBe('onsite');
    expect(model('Und Homeoffice?', 'Drei Tage daheim wären mir wichtig, den Rest im Büro.')).toBe('hybrid');
    expect(model('Wie möchten Sie arbeiten?', 'Mir isch wichtig, dass i zwei Täg dahoim schaffe kann.')).toBe(
      'hybrid',
    );
    expect(
      model(
        'wie wollen sie arbeiten',
        'remote und wenn nötig auch mal beim kunden aber kein festes büro',
        true,
      ),
    ).toBe('remote');
  });

  it('keeps a remote wish whose last sentence only refuses the office', () => {
    const { extraction, flags } = extractWithRules(
      [
        'Beraterin: Sie hatten sich beworben, danke für den Lebenslauf.',
        'Beraterin: Remote?',
        'Bewerber: Ja, komplett remote, das zählt für mich. Ins Büro will ich nicht mehr.',
      ].join('\n'),
      { callDate: '2026-12-01' },
    );
    expect(flags).toEqual([]);
    expect(extraction.workModel).toBe('remote');
  });
});

describe('work model: facts of the job, refusals and insistence', () => {
  it('takes no wish from a rule of the job or of the past', () => {
    expect(
      model('Und wie arbeiten Sie?', 'Bei uns sind zwei Tage Büro Pflicht, damit komme ich klar.'),
    ).toBeNull();
    expect(
      model('Wie möchten Sie arbeiten?', 'Hybrid wäre schön. Bei der Versicherung war immer Präsenz.'),
    ).toBe('hybrid');
  });

  it('reads "nicht verhandelbar" as insisting, "bitte vor Ort" as a wish and a refused full remote', () => {
    expect(model('Und remote?', 'Remote, das ist für mich nicht verhandelbar.')).toBe('remote');
    expect(model('Was wäre Ihnen wichtig?', 'Bitte vor Ort, daheim wird das mit den Kindern zu wild.')).toBe(
      'onsite',
    );
    expect(model('und homeoffice', 'zwei tage homeoffice wär gut ganz remote will ich nicht', true)).toBe(
      'hybrid',
    );
    expect(model('Und Homeoffice?', 'Ja, komplett. Ins Büro fahre ich nicht mehr.')).toBe('remote');
  });
});

describe('work model in a stream: the deciding words and their own clause', () => {
  it('quotes "ins Büro fahr ich nicht" and keeps a wish "bitte vor Ort" apart from an earlier "nicht"', () => {
    const run = (t: string) => {
      const { extraction, flags } = extractWithRules(t, { callDate: '2026-12-01' });
      expect(flags).toEqual([]);
      return extraction.workModel;
    };
    expect(
      run(
        'Sie hatten sich beworben. Und Sie wollen von daheim arbeiten Ja. Ich bin zwei Tage beim Kunden, den Rest mach ich von zu Hause. Ins Büro fahr ich nicht Gut.',
      ),
    ).toBe('remote');
    expect(
      run(
        'Sie hatten sich beworben. Was wäre wichtig Dass ich nicht weniger habe als jetzt. Und bitte vor Ort, daheim ist es zu laut Verstehe.',
      ),
    ).toBe('onsite');
    expect(
      run('Sie hatten sich beworben. Und remote Remote, das ist für mich nicht verhandelbar Okay.'),
    ).toBe('remote');
  });
});

describe('work model: more wordings of the wish', () => {
  it('reads "überwiegend mobil", "gern bei den Kollegen im Büro", "beides" and a refused home office', () => {
    expect(model('Homeoffice ein Thema?', 'Ja, ich will überwiegend mobil arbeiten.')).toBe('remote');
    expect(model('Und Homeoffice?', 'Nicht nötig, ich bin gern mit dem Team im Büro.')).toBe('onsite');
    expect(model('Remote oder vor Ort?', 'Beides ist gut, eine Mischung wäre ideal.')).toBe('hybrid');
    expect(model('Und Homeoffice?', 'Auf keinen Fall, ich brauche die Leute um mich.')).toBe('onsite');
    expect(model('Und Homeoffice?', 'Nein, das gibt es bei uns nicht.')).toBeNull();
  });
});

describe('work model: a wish beside the job’s rule, "am liebsten von daheim", the office every day', () => {
  it('a day a week at home that would be nice is hybrid even when the job has none', () => {
    expect(
      model('Und Homeoffice?', 'Bei uns ist alles Präsenz, dabei wäre ein Tag pro Woche daheim echt super.'),
    ).toBe('hybrid');
  });

  it('"am liebsten von daheim" is remote; "ich will jeden Tag ins Büro" is onsite', () => {
    expect(model('Wie möchten Sie arbeiten?', 'Am liebsten ganz von daheim.')).toBe('remote');
    expect(
      model(
        'Wie möchten Sie arbeiten?',
        'Ich will jeden Tag ins Büro, sonst fällt mir die Decke auf den Kopf.',
      ),
    ).toBe('onsite');
    expect(model('Wie möchten Sie arbeiten?', 'Ich muss leider jeden Tag ins Büro.')).toBeNull();
  });
});

describe('work model: answers read with their question', () => {
  it('a share, a count of office days and "halbe-halbe" are hybrid', () => {
    expect(model('Wie hoch soll der Homeoffice-Anteil sein?', 'Vierzig Prozent wären prima.')).toBe('hybrid');
    expect(model('Wie viele Tage im Büro könnten Sie sich vorstellen?', 'Drei, mehr eher nicht.')).toBe(
      'hybrid',
    );
    expect(model('Und mobiles Arbeiten?', 'Halbe-halbe fänd ich gut.')).toBe('hybrid');
  });

  it('a no to "wäre … ein Problem" is a yes to it; a refused home office with the office wished is onsite', () => {
    expect(model('Wäre Arbeiten vor Ort für Sie ein Problem?', 'Nee, gar nicht, ich mag das.')).toBe(
      'onsite',
    );
    expect(model('Und Homeoffice?', 'Will ich nicht, ich fahr eh gern in die Firma.')).toBe('onsite');
  });

  it('"Das wäre super" welcomes the one model asked; a wish clause is not doubted by the reason after it', () => {
    expect(model('Wie wäre es mit komplett remote?', 'Das wäre toll.')).toBe('remote');
    expect(
      model(
        'Und das Büro?',
        'Ich bin am liebsten im Büro, zu Hause lenkt mich zu viel ab und ich schaffe nichts.',
      ),
    ).toBe('onsite');
  });
});
