import { describe, expect, it } from 'vitest';
import { extractChecked } from '../../test/support/extractCall.ts';
import { extractWithRules } from './index.ts';

const job = (answer: string) => {
  const e = extractWithRules(
    `Beraterin: Sie hatten sich beworben. Was machen Sie im Moment?\nBewerberin: ${answer}\nBeraterin: Verstehe.`,
    { callDate: '2026-12-01' },
  ).extraction;
  return [e.currentPosition, e.currentEmployer];
};

describe('current position: temporary states and life situations are no titles', () => {
  it('takes no title from leave, unemployment, notice, family', () => {
    for (const a of [
      'Ich bin gerade in Elternzeit.',
      'Ich bin seit Mai arbeitslos.',
      'Ich bin noch in der Kündigungsfrist.',
      'Ich bin Vater von drei Kindern.',
      'Ich bin Quereinsteigerin.',
    ])
      expect(job(a)[0], a).toBeNull();
  });

  it('reads the title after "seit drei Jahren"', () => {
    expect(job('Ich bin seit vier Jahren Schichtleiterin bei der Molkerei Ammerland.')).toEqual([
      'Schichtleiterin',
      'Molkerei Ammerland',
    ]);
  });
});

describe('current employer said after a comma or in a later sentence', () => {
  it('reads a long legal form and a company after a comma', () => {
    expect(job('Ich bin Kauffrau, bei der Hermes & Töchter GmbH & Co. KG in Lübeck.')[1]).toBe(
      'Hermes & Töchter GmbH & Co. KG',
    );
  });

  it('takes the company named in a later sentence of the job answer', () => {
    expect(job('Ich bin Lagerist. Ich mache Kommissionierung. Bei Logistik Brünjes in Verden.')[1]).toBe(
      'Logistik Brünjes',
    );
  });

  it('does not take a company of the past or of an application', () => {
    expect(job('Ich bin Lagerist. Früher war ich bei Logistik Brünjes.')[1]).toBeNull();
  });
});

describe('current position: training and hedged yeses', () => {
  const run = (lines: string[]) =>
    extractWithRules(lines.join('\n'), { callDate: '2026-12-01' }).extraction.currentPosition;

  it('takes today’s job over a training the recruiter asks about', () => {
    expect(
      run([
        'Beraterin: Sie hatten sich beworben. Sie sind gelernte Bäckerin?',
        'Bewerberin: Ja, aber jetzt arbeite ich als Verkäuferin.',
      ]),
    ).toMatch(/^Verkäuferin/);
  });

  it('reads "…, als X" in the answer to a job question', () => {
    expect(
      run([
        'Beraterin: Sie hatten sich beworben. Was machen Sie beruflich?',
        'Bewerber: Ich bin in der Logistik, als Disponent.',
      ]),
    ).toBe('Disponent');
  });
});

describe('current position: a confirmed company question', () => {
  const both = (lines: string[]) => {
    const e = extractWithRules(lines.join('\n'), { callDate: '2026-12-01' }).extraction;
    return [e.currentPosition, e.currentEmployer];
  };

  it('takes no title from "Du bist gerade beim …", only the company', () => {
    expect(
      both([
        'Recruiterin: Hallo Jonas, hier ist Lea von der Personalagentur Nordlicht, es geht um deinen Lebenslauf.',
        'Kandidat: Hi.',
        'Recruiterin: Du bist gerade beim Wasserverband Ostheide, oder?',
        'Kandidat: Ja, richtig.',
      ]),
    ).toEqual([null, 'Wasserverband Ostheide']);
  });

  it('reads the title after "seit …" and "als" in the confirming answer', () => {
    expect(
      both([
        'Recruiterin: Hallo Jonas, hier ist Lea von der Personalagentur Nordlicht, es geht um deinen Lebenslauf.',
        'Kandidat: Hi.',
        'Recruiterin: Du bist gerade beim Wasserverband Ostheide, oder?',
        'Kandidat: Ja genau, seit April als Anlagenmechaniker. Mit Rufbereitschaft.',
      ]),
    ).toEqual(['Anlagenmechaniker', 'Wasserverband Ostheide']);
  });
});

describe('rules extractor: title and company in whole calls', () => {
  it('takes a refinement without "ja", a company named in reply to "wo arbeiten Sie", "ortsgebunden", a same-day call-back', () => {
    const r = extractChecked(
      [
        'Recruiter: Sie sind Elektriker?',
        'Kandidat: Elektroniker für Energie- und Gebäudetechnik, bei der Firma Strom & Licht in Jena.',
        'Recruiter: Und Umzug?',
        'Kandidat: Nein, ich bin ortsgebunden, wegen der Kinder.',
        'Recruiter: Homeoffice geht bei uns nicht.',
        'Kandidat: Ich arbeite eh gern auf der Baustelle.',
        'Recruiter: Gut, ich rufe Sie heute Nachmittag noch mal an.',
      ],
      '2026-08-12',
    );
    expect(r).toMatchObject({
      currentPosition: 'Elektroniker für Energie- und Gebäudetechnik',
      currentEmployer: 'Firma Strom & Licht',
      willingToRelocate: false,
      workModel: 'onsite',
      followUpDate: '2026-08-12',
    });
    const asked = extractChecked(
      ['Recruiter: Wo arbeiten Sie zurzeit?', 'Kandidatin: Beim Jugendamt Hannover, in der Familienhilfe.'],
      '2026-01-08',
    );
    expect(asked.currentEmployer).toBe('Jugendamt Hannover');
  });
});

describe('rules extractor: short answers and corrections', () => {
  it('quotes a bare figure with its question, takes a corrected company, a late "ja" and an institution answer', () => {
    const r = extractChecked(
      [
        'Recruiter: Sie sind Bauleiter bei Hochtief?',
        'Kandidat: Nein, bei Züblin, seit drei Jahren, vorher Hochtief.',
        'Recruiter: Was verdienen Sie?',
        'Kandidat: 82.',
        'Recruiter: Wären Sie bereit, nach Frankfurt umzuziehen?',
        'Kandidat: Für den richtigen Job ja.',
      ],
      '2026-08-19',
    );
    expect(r).toMatchObject({
      currentPosition: 'Bauleiter',
      currentEmployer: 'Züblin',
      currentSalaryEur: 82000,
      willingToRelocate: true,
    });
    expect(r.evidence['currentSalaryEur']).toBe('Was verdienen Sie? … 82.');
    const hotel = extractChecked(
      [
        'Recruiterin: Wo arbeiten Sie aktuell?',
        'Kandidatin: Im Hotel Alpenblick in Garmisch, als stellvertretende Empfangschefin.',
      ],
      '2026-12-04',
    );
    expect(hotel).toMatchObject({
      currentPosition: 'stellvertretende Empfangschefin',
      currentEmployer: 'Hotel Alpenblick',
    });
  });
});

describe('rules extractor: precision guards', () => {
  it('does not take appointments, applications, hesitant yeses or birthplaces for facts', () => {
    const r = extractChecked(
      [
        'Recruiter: Was machen Sie gerade?',
        'Kandidat: Ich bin gerade beim Arzt, aber kurz geht es. Ich habe mich bei Siemens als Ingenieur beworben.',
        'Recruiter: Ab wann könnten Sie anfangen?',
        'Kandidat: Nicht sofort, erst nach der Kündigungsfrist.',
        'Recruiter: Mein Kunde würde 65.000 zahlen.',
        'Kandidat: Gut, das muss ich mir überlegen.',
        'Recruiter: Wo möchten Sie arbeiten?',
        'Kandidat: Ich komme aus Köln, aber Düsseldorf wäre auch gut.',
      ],
      '2026-05-05',
    );
    expect(r).toMatchObject({
      callType: 'candidate',
      currentPosition: null,
      currentEmployer: null,
      availableFrom: null,
      salaryExpectationEur: null,
    });
    expect(r.preferredLocations).toEqual(['Düsseldorf']);
  });
});

describe('current job: regional yes, a half yes and a reason that is no title', () => {
  const call = (lines: string[]) => {
    const e = extractWithRules(lines.join('\n'), { callDate: '2026-12-01' }).extraction;
    return [e.currentPosition, e.currentEmployer];
  };
  it('takes "Jenau" as a yes and "Jein" as no confirmation of the recruiter’s words', () => {
    expect(
      call([
        'Beraterin: Sie hatten sich beworben. Du bist Disponent bei der Havelfracht GmbH, oder?',
        'Bewerber: Jenau. Seit zwei Jahren.',
      ]),
    ).toEqual(['Disponent', 'Havelfracht GmbH']);
    const half = call([
      'Beraterin: Sie hatten sich beworben. Sie sind Projektleiter bei der Nordbau AG?',
      'Bewerber: Jein. Projektleiter ja, aber seit Mai bei einer anderen Firma.',
    ]);
    expect(half[0]).not.toBe('Jein');
    expect(half[1]).not.toBe('Nordbau AG');
  });

  it('takes no title from "Sie sind … wegen der Mail"', () => {
    expect(
      extractWithRules(
        'Guten Tag, hier ist die Personalberatung. Ach, Sie sind dat wegen der Mail. Genau. Sie hatten sich beworben.',
        {
          callDate: '2026-12-01',
        },
      ).extraction.currentPosition,
    ).toBeNull();
  });
});

describe('current job: a bare title with its company, "arbeite für … als …"', () => {
  it('reads the answer "Projektingenieur bei Voith in Heidenheim" and "für die Deutsche Post als Zusteller"', () => {
    const call = (q: string, a: string) => {
      const e = extractWithRules(
        `Beraterin: Sie hatten sich beworben. ${q}\nBewerber: ${a}\nBeraterin: Verstehe.`,
        {
          callDate: '2026-12-01',
        },
      ).extraction;
      return [e.currentPosition, e.currentEmployer];
    };
    expect(call('Was ist Ihr aktueller Job?', 'Vertriebsingenieur bei Hella in Lippstadt.')).toEqual([
      'Vertriebsingenieur',
      'Hella',
    ]);
    expect(call('Was machen Sie gerade?', 'Ich arbeite für die Stadtwerke Kiel als Monteur.')).toEqual([
      'Monteur',
      'Stadtwerke Kiel',
    ]);
  });
});

describe('current job: "für die …", corrections, a yes before the company, dialect', () => {
  const both = (lines: string[]) => {
    const e = extractWithRules(lines.join('\n'), { callDate: '2026-12-01' }).extraction;
    return [e.currentPosition, e.currentEmployer];
  };

  it('reads the company the person drives or works for, confirmed', () => {
    expect(
      both([
        'Vermittler: Guten Tag, Sie hatten sich beworben. Sie fahren als Busfahrer für die Verkehrsbetriebe Ostholstein?',
        'Bewerber: Ja, seit sechs Jahren.',
      ]),
    ).toEqual(['Busfahrer', 'Verkehrsbetriebe Ostholstein']);
    expect(
      both([
        'Vermittler: Sie hatten sich beworben. Arbeiten Sie noch für die Stelle in Bochum?',
        'Bewerber: Ja.',
      ]),
    ).toEqual([null, null]);
  });

  it('takes the new title and company after "nicht mehr" or "jein"', () => {
    expect(
      both([
        'Vermittlerin: Sie hatten sich beworben. Sie sind Lageristin bei Kühne?',
        'Bewerberin: Nicht mehr, seit März Teamleiterin bei der Fiege Logistik in Greven.',
      ]),
    ).toEqual(['Teamleiterin', 'Fiege Logistik']);
    expect(
      both([
        'Vermittler: Sie hatten sich beworben. Sie sind Landmaschinenmechaniker bei der Claas?',
        'Bewerber: Jein. Landmaschinenmechaniker ja, aber seit Mai bei der Krone in Spelle.',
      ]),
    ).toEqual(['Landmaschinenmechaniker', 'Krone']);
    // A job of the past stays out.
    expect(
      both([
        'Vermittler: Sie hatten sich beworben. Sie sind Schreiner?',
        'Bewerber: Nein, ich war Schreiner bei der Holz Meyer, jetzt bin ich arbeitslos.',
      ]),
    ).toEqual([null, null]);
  });

  it('reads the company after a bare yes or an answer "Bei der …, ja"', () => {
    expect(
      both([
        'Vermittlerin: Sie hatten sich beworben. Sie sind Elektrikerin?',
        'Bewerberin: Ja, genau. Bei der Rheinmetall in Unterlüß, im Schichtdienst.',
      ]),
    ).toEqual(['Elektrikerin', 'Rheinmetall']);
    expect(
      both([
        'Vermittlerin: Sie hatten sich beworben. Sie arbeiten bei Henkel?',
        'Bewerberin: Bei der Henkel Beauty Care in Düsseldorf, ja.',
      ])[1],
    ).toBe('Henkel Beauty Care');
  });

  it('reads Bavarian "san", Swiss "bi de", Saxon "nu genau" and a hesitant yes', () => {
    expect(
      both([
        'Vermittler: Sie hatten sich beworben. Sie san Koch im Landgasthof zum Hirschen in Tegernsee, oder?',
        'Bewerber: Jo, seit vier Jahr.',
      ]),
    ).toEqual(['Koch', 'Landgasthof zum Hirschen']);
    expect(
      both([
        'Vermittlerin: Sie hatten sich beworben. Sie schaffed als Maurer bi de Bau Huber AG?',
        'Bewerber: Genau, sit drei Johr.',
      ]),
    ).toEqual(['Maurer', 'Bau Huber AG']);
    expect(
      both([
        'Vermittlerin: Sie hatten sich beworben. Sie sind Dachdecker bei der Zimmerei Lange?',
        'Bewerber: Nu genau, in Pirna.',
      ]),
    ).toEqual(['Dachdecker', 'Zimmerei Lange']);
    expect(
      both([
        'Vermittler: Sie hatten sich beworben. Sie sind Sachbearbeiter?',
        'Bewerber: Ähm, ja, also Sachbearbeiter Einkauf.',
      ])[0],
    ).toBe('Sachbearbeiter Einkauf');
  });

  it('in a stream: the company after the yes, no company after a "jein"', () => {
    const stream = (t: string) => {
      const e = extractWithRules(t, { callDate: '2026-12-01' }).extraction;
      return [e.currentPosition, e.currentEmployer];
    };
    expect(
      stream(
        'Hallo Frau Berg, Sie hatten sich beworben. Sie sind Pflegerin? Ja, Altenpflegerin, im Seniorenheim Lindenhof in Kassel, seit fünf Jahren. Und was verdienen Sie? 3200 brutto im Monat.',
      ),
    ).toEqual(['Pflegerin', 'Seniorenheim Lindenhof']);
    expect(
      stream(
        'hallo herr roth sie hatten sich beworben sie sind jetzt entwickler bei der dataport ja genau seit 2021 und was verdienen sie',
      ),
    ).toEqual(['entwickler', 'dataport']);
    expect(
      stream(
        'Hallo, Sie hatten sich beworben. Sie sind Planer bei der Nordplan GmbH? Jein, Planer ja, aber seit Juli bei der Ostplan. Gut.',
      )[1],
    ).not.toBe('Nordplan GmbH');
  });
});

describe('current job: departments, "heißt es", a greeting before the yes, streams', () => {
  const both = (lines: string[]) => {
    const e = extractWithRules(lines.join('\n'), { callDate: '2026-12-01' }).extraction;
    return [e.currentPosition, e.currentEmployer];
  };

  it('skips a department before the title and reads "offiziell heißt es …"', () => {
    expect(
      both([
        'Beraterin: Sie hatten sich beworben. Sie arbeiten beim Landratsamt Goslar?',
        'Bewerberin: Ja, im Ordnungsamt, Verwaltungsfachangestellte, seit vier Jahren.',
      ]),
    ).toEqual(['Verwaltungsfachangestellte', 'Landratsamt Goslar']);
    expect(
      both([
        'Beraterin: Sie hatten sich beworben. Sie sind Lagerhelfer?',
        'Bewerber: Ja, also offiziell heißt es Fachkraft für Lagerlogistik. Bei der Firma Brüggen Logistik.',
      ]),
    ).toEqual(['Fachkraft für Lagerlogistik', 'Firma Brüggen Logistik']);
  });

  it('reads a yes after a greeting', () => {
    expect(
      both([
        'Berater: Moin, Sie hatten sich beworben. Sie fahren als Kraftfahrer für die Spedition Thomsen?',
        'Bewerber: Moin. Jo, genau, Nahverkehr.',
      ]),
    ).toEqual(['Kraftfahrer', 'Spedition Thomsen']);
  });

  it('reads "Title, bei der X" in the answer to a job question', () => {
    expect(
      both([
        'Berater: Sie hatten sich beworben. Was machen Sie genau?',
        'Bewerber: Anlagenmechaniker in der Wartung, bei der Kessler Haustechnik in Minden. Seit 2019.',
      ]),
    ).toEqual(['Anlagenmechaniker', 'Kessler Haustechnik']);
    // Not a place or a task before the company.
    expect(
      both([
        'Berater: Sie hatten sich beworben. Was machen Sie genau?',
        'Bewerber: Viel Verwaltung, bei der Kessler Haustechnik.',
      ])[0],
    ).toBeNull();
  });

  it('in a stream: a correction after the question, a refined company, a yes before the company', () => {
    const stream = (t: string) => {
      const e = extractWithRules(t, { callDate: '2026-12-01' }).extraction;
      return [e.currentPosition, e.currentEmployer];
    };
    expect(
      stream(
        'Guten Tag, Sie hatten sich beworben. Sie sind Polier bei der Hochbau Nord? Nicht mehr, seit Mai Bauleiter bei der Wessel Bau in Leer. Und was verdienen Sie?',
      ),
    ).toEqual(['Bauleiter', 'Wessel Bau']);
    expect(
      stream(
        'Hallo, Sie hatten sich beworben. Sie sind Chemikantin bei Bayer? Bei der Bayer Crop Science in Dormagen, ja. Und Ihr Gehalt?',
      )[1],
    ).toBe('Bayer Crop Science');
    expect(
      stream(
        'Hallo, Sie hatten sich beworben. Sie sind Mechatroniker, richtig? Ja, genau. Beim Autohaus Peters in Husum, seit drei Jahren. Gut.',
      ),
    ).toEqual(['Mechatroniker', 'Autohaus Peters']);
    expect(
      stream(
        'guten tag frau maier sie hatten sich beworben sie arbeiten bei edeka ja als kassiererin seit zwei jahren und gehaltlich',
      ),
    ).toEqual(['kassiererin', 'edeka']);
  });
});

describe('current job in a stream: past words count only near the job', () => {
  const stream = (t: string) => {
    const e = extractWithRules(t, { callDate: '2026-12-01' }).extraction;
    return [e.currentPosition, e.currentEmployer];
  };

  it('reads "bei X als Y" although the call says "war" elsewhere', () => {
    expect(
      stream(
        'Hallo Herr Kurz, Sie hatten sich beworben. Was machen Sie aktuell? Ich bin seit März bei der Kruse Logistik als Disponent. Und was verdienen Sie? 3400 im Monat. Das war beim letzten Job weniger.',
      ),
    ).toEqual(['Disponent', 'Kruse Logistik']);
  });

  it('takes no job said as past or as the job on offer', () => {
    expect(
      stream(
        'Hallo Herr Kurz, Sie hatten sich beworben. Ich war bis Mai bei der Kruse Logistik als Disponent. Jetzt suche ich.',
      )[1],
    ).toBeNull();
    expect(
      stream(
        'Hallo Herr Kurz, ich ruf an wegen der Stelle bei der Kruse Logistik als Disponent. Haben Sie Interesse?',
      )[1],
    ).toBeNull();
  });
});

describe('current job: a labelled transcript in lower case without punctuation', () => {
  it('reads title and company although only the labels have capitals', () => {
    const e = extractWithRules(
      [
        'Frau Albers: guten tag sie hatten sich beworben sie sind anlagenmechaniker bei der kessler haustechnik in minden',
        'Herr Roth: ja genau seit drei jahren',
        'Frau Albers: und was verdienen sie',
      ].join('\n'),
      { callDate: '2026-12-01' },
    ).extraction;
    expect([e.currentPosition, e.currentEmployer]).toEqual(['anlagenmechaniker', 'kessler haustechnik']);
  });
});

describe('current job in a punctuated stream: the sentence after a job question', () => {
  const stream = (t: string) => {
    const e = extractWithRules(t, { callDate: '2026-12-01' }).extraction;
    return [e.currentPosition, e.currentEmployer];
  };

  it('reads "Title, bei der X" and "Beim X, als Y" after "Was machen Sie genau?"', () => {
    expect(
      stream(
        'Guten Tag, Sie hatten sich beworben. Was machen Sie genau? Kältetechniker im Service, bei der Frost Anlagenbau in Verden. Und was verdienen Sie?',
      ),
    ).toEqual(['Kältetechniker', 'Frost Anlagenbau']);
    expect(
      stream(
        'Guten Tag, Sie hatten sich beworben. Wo arbeiten Sie zurzeit? Beim Autohaus Peters in Husum, als Serviceberater. Gut.',
      ),
    ).toEqual(['Serviceberater', 'Autohaus Peters']);
  });

  it('takes nothing after a question about free time', () => {
    expect(
      stream('Guten Tag. Was machen Sie gern am Wochenende? Radfahren, bei der Feuerwehr Verden. Gut.')[1],
    ).toBeNull();
  });
});

describe('current job: "Title, Company" without "bei", "immer noch bei"', () => {
  const both = (question: string, answer: string) => {
    const e = extractWithRules(
      [`Beraterin: Sie hatten sich beworben. ${question}`, `Bewerber: ${answer}`].join('\n'),
      {
        callDate: '2026-12-01',
      },
    ).extraction;
    return [e.currentPosition, e.currentEmployer];
  };

  it('reads a company told by an institution word or a legal form', () => {
    expect(both('Was machen Sie aktuell?', 'Kassiererin, Volksbank Uelzen.')).toEqual([
      'Kassiererin',
      'Volksbank Uelzen',
    ]);
    expect(both('Was machen Sie aktuell?', 'Monteur, Brandt Aufzüge GmbH in Celle.')).toEqual([
      'Monteur',
      'Brandt Aufzüge GmbH',
    ]);
  });

  it('takes no list of tasks or places for a title and company', () => {
    expect(both('Was machen Sie aktuell?', 'Verwaltung, Empfang, Telefon.')).toEqual([null, null]);
    expect(both('Was machen Sie aktuell?', 'Hamburg, Stadtwerke Hamburg.')).toEqual([null, null]);
  });

  it('reads "Sie sind immer noch bei …?" confirmed', () => {
    expect(both('Und Sie sind immer noch bei der Rheinbahn?', 'Ja, immer noch.')[1]).toBe('Rheinbahn');
  });
});

describe('current job: "Wo sind Sie beschäftigt?", "übrigens", "Ja, noch, als …"', () => {
  const stream = (t: string) => {
    const e = extractWithRules(t, { callDate: '2026-12-01' }).extraction;
    return [e.currentPosition, e.currentEmployer];
  };

  it('reads the answers in a punctuated stream', () => {
    expect(
      stream(
        'Guten Tag, Sie hatten sich beworben. Wo sind Sie zurzeit beschäftigt? Bei der Volksbank Celle, als Kreditsachbearbeiter. Und Ihr Gehalt? 50.000 im Jahr.',
      ),
    ).toEqual(['Kreditsachbearbeiter', 'Volksbank Celle']);
    expect(
      stream(
        'Guten Tag, Sie hatten sich beworben. Ja. Ich bin übrigens seit zwei Jahren Disponentin bei Brüning in Verden. Gut.',
      ),
    ).toEqual(['Disponentin', 'Brüning']);
    expect(
      stream(
        'Guten Tag, Sie hatten sich beworben. Arbeiten Sie noch bei der Rheinbahn? Ja, noch, als Busfahrer. Und was verdienen Sie? 2900.',
      ),
    ).toEqual(['Busfahrer', 'Rheinbahn']);
  });

  it('reads "Ja, noch, als …" with labels', () => {
    const e = extractWithRules(
      'Beraterin: Sie hatten sich beworben. Arbeiten Sie noch bei der Rheinbahn?\nBewerber: Ja, noch, als Busfahrer.',
      { callDate: '2026-12-01' },
    ).extraction;
    expect([e.currentPosition, e.currentEmployer]).toEqual(['Busfahrer', 'Rheinbahn']);
  });
});
