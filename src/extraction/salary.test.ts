import { describe, expect, it } from 'vitest';
import { candidateCall, extractChecked } from '../../test/support/extractCall.ts';
import { extractWithRules } from './index.ts';

// Wording of its own for each rule; the opening line makes it a candidate call.
const pay = (lines: string[], callDate = '2026-06-10') => {
  const { extraction, flags } = extractWithRules(
    ['Beraterin: Sie hatten sich auf die Stelle beworben, danke für Ihren Lebenslauf.', ...lines].join('\n'),
    { callDate },
  );
  expect(flags).toEqual([]);
  return { now: extraction.currentSalaryEur, wish: extraction.salaryExpectationEur };
};

describe('pay: spoken forms of figures', () => {
  it('reads colloquial numbers and Swiss thousands', () => {
    expect(
      pay(['Beraterin: Was verdienen Sie?', 'Bewerber: Zwölf fuffzig die Stunde, bei 38 Stunden die Woche.'])
        .now,
    ).toBe(Math.round(12.5 * 38 * 52));
    expect(
      pay(['Beraterin: Und Ihr Lohn heute?', "Bewerber: 4'100 Franken, äh Euro, brutto im Monat."]).now,
    ).toBe(49200);
  });

  it('takes "dreizehnmal" for thirteen salaries and "bei N Stunden" for the weekly hours', () => {
    expect(
      pay(['Beraterin: Was verdienen Sie?', 'Bewerberin: 3.900 brutto im Monat, dreizehnmal.']).now,
    ).toBe(50700);
    expect(
      pay(['Beraterin: Was verdienen Sie?', 'Bewerber: Einundzwanzig Euro die Stunde, bei vierzig Stunden.'])
        .now,
    ).toBe(43680);
  });
});

describe('pay: whose figure and when', () => {
  it('does not take the pay of a former job for today’s', () => {
    const r = pay([
      'Beraterin: Und was haben Sie in der Bäckerei zuletzt verdient?',
      'Bewerber: Zweitausendneunhundert brutto.',
      'Beraterin: Und was stellen Sie sich vor?',
      'Bewerber: Dreitausend im Monat.',
    ]);
    expect(r.now).toBeNull();
    expect(r.wish).toEqual({ min: 36000, max: 36000 });
  });

  it('reads wish questions in du-form and a range', () => {
    const r = pay([
      'Beraterin: Und was hättest du gern?',
      'Bewerber: Sechzig bis zweiundsechzig im Jahr wär top.',
    ]);
    expect(r.wish).toEqual({ min: 60000, max: 62000 });
  });

  it('takes a correction the recruiter prompts and the person confirms', () => {
    const r = pay([
      'Beraterin: Wo liegst du gehaltlich?',
      'Bewerber: Bei fünfundfünfzig.',
      'Beraterin: Fünfundfünfzig? Nach der Tariferhöhung im Januar war doch von achtundfünfzig die Rede.',
      'Bewerber: Stimmt, seit Januar achtundfünfzig.',
    ]);
    expect(r.now).toBe(58000);
  });

  it('treats a net figure as net even when "brutto" follows as something the person does not know', () => {
    const r = pay([
      'Beraterin: Was verdienen Sie?',
      'Bewerber: Netto so zweitausendsechshundert, brutto weiß ich grad nicht.',
    ]);
    expect(r.now).toBeNull();
  });
});

describe('pay: a conversion is no wish', () => {
  const run = candidateCall;

  it('reads "brutto wären das …" as today’s pay converted, not as a wish', () => {
    const r = run([
      'Beraterin: Was verdienen Sie?',
      'Bewerber: Netto zweitausendfünfhundert. Brutto wären das so dreitausendsiebenhundert.',
    ]);
    expect(r.currentSalaryEur).toBe(44400);
    expect(r.salaryExpectationEur).toBeNull();
  });
});

describe('pay: more ways of saying it', () => {
  it('reads "wo wollen Sie hin" as a wish question, an offer welcomed in a stream, hours asked for', () => {
    expect(
      pay(['Beraterin: Und wo wollen Sie hin?', 'Bewerber: Zweiundsechzig bis fünfundsechzig.']).wish,
    ).toEqual({
      min: 62000,
      max: 65000,
    });
    const hours = pay([
      'Beraterin: Was verdienen Sie?',
      'Bewerber: Sechzehn Euro die Stunde.',
      'Beraterin: Bei wie vielen Stunden?',
      'Bewerber: Vierzig.',
    ]);
    expect(hours.now).toBe(16 * 40 * 52);
  });

  it('takes the base pay, not the total with bonus', () => {
    expect(
      pay(['Beraterin: Was verdienen Sie?', 'Bewerberin: Einundsechzig fix, siebzig mit Bonus.']).now,
    ).toBe(61000);
  });
});

describe('pay: an offer said back in a stream without labels', () => {
  it('reads the repeated offer figure as the welcomed wish, not as today’s pay', () => {
    const { extraction } = extractWithRules(
      'Personalservice Emsland guten Tag. Hallo, ich hab Ihre Anzeige für Staplerfahrer gelesen. Was verdienen Sie im Moment? ' +
        'Ich krieg 1.900 netto. Und brutto? Weiß ich nicht. Die Firma zahlt 2.800 brutto im Monat. 2.800 brutto. Ja. Das ist gut für mich.',
      { callDate: '2026-06-10' },
    );
    expect(extraction.currentSalaryEur).toBeNull();
    expect(extraction.salaryExpectationEur).toEqual({ min: 33600, max: 33600 });
  });
});

describe('pay: salaries counted after the figure, figures said back', () => {
  it('reads "auch mal dreizehn" after a monthly wish', () => {
    expect(
      pay([
        'Beraterin: Und was wäre Ihr Wunsch?',
        'Bewerber: Dreitausendfünfhundert im Monat, auch mal dreizehn.',
      ]).wish,
    ).toEqual({ min: 45500, max: 45500 });
  });

  const stream = (t: string) =>
    extractWithRules(t, { callDate: '2026-06-10' }).extraction as {
      currentSalaryEur: number | null;
      salaryExpectationEur: { min: number; max: number } | null;
    };

  it('keeps today’s pay when the recruiter says the wish back or offers in a relative clause', () => {
    const e = stream(
      'Personalberatung Weser guten Tag. Hallo, ich hatte mich beworben auf die Stelle als Schlosser. Was verdienen Sie aktuell? ' +
        'Achtundvierzigtausend brutto. Die Firma, an die ich denke, zahlt so um die fünfzig, wäre das okay? ' +
        'Nein, unter sechsundfünfzig wechsle ich nicht. Gut, sechsundfünfzig, das schreibe ich mir auf. Danke.',
    );
    expect(e.currentSalaryEur).toBe(48000);
    expect(e.salaryExpectationEur).toEqual({ min: 56000, max: 56000 });
  });
});

describe('pay: the next job is no offer', () => {
  it('reads a wish "für eine neue Stelle" in a stream without punctuation', () => {
    const e = extractWithRules(
      'guten tag hier ist die agentur sie hatten sich beworben was verdienen sie zurzeit zweitausendneunhundert brutto im monat ' +
        'und was wäre ihre vorstellung für eine neue stelle also unter dreitausendvierhundert im monat mache ich das nicht verstanden',
      { callDate: '2026-06-10' },
    ).extraction;
    expect(e.currentSalaryEur).toBe(34800);
    expect(e.salaryExpectationEur).toEqual({ min: 40800, max: 40800 });
  });
});

describe('rules extractor: wishes, offers and ranges', () => {
  it('keeps the person’s own wish over a later offer they only welcome', () => {
    const r = extractChecked(
      [
        'Recruiter: Frau Becker, wir hatten über die Stelle als Teamleitung gesprochen.',
        'Kandidatin: Ich bin interessiert. Aber ich verdiene jetzt 46.000 und unter 52 mache ich es nicht.',
        'Recruiter: Das bekommen wir hin. Der Kunde zahlt bis 55.',
        'Kandidatin: Umso besser.',
        'Recruiter: Wann könnten Sie starten?',
        'Kandidatin: Meine Kündigungsfrist ist ein Monat zum Monatsende, also zum 1. Juni.',
      ],
      '2026-04-28',
    );
    expect(r).toMatchObject({
      currentSalaryEur: 46000,
      salaryExpectationEur: { min: 52000, max: 52000 },
      noticePeriod: { amount: 1, unit: 'months', toEndOf: 'month' },
      availableFrom: '2026-06-01',
    });
  });

  it('takes a welcomed offer range when the person named no figure, and a company-only question', () => {
    const r = extractChecked(
      [
        'Recruiter: Sie sind bei der Deutschen Bahn?',
        'Kandidat: Genau, als Fahrdienstleiter, seit 2015. Wir sind 14 Leute im Stellwerk.',
        'Recruiter: Und was verdienen Sie?',
        'Kandidat: Darüber rede ich ungern am Telefon.',
        'Recruiter: Die Stelle ist mit 60 bis 65 dotiert.',
        'Kandidat: Das klingt gut.',
      ],
      '2026-05-06',
    );
    expect(r).toMatchObject({
      currentPosition: 'Fahrdienstleiter',
      currentEmployer: 'Deutsche Bahn',
      currentSalaryEur: null,
      salaryExpectationEur: { min: 60000, max: 65000 },
    });
  });

  it('reads "X, besser Y" as a range and "ich will da bleiben" as no move', () => {
    const r = extractChecked(
      [
        'R: Und was verdienen Sie?',
        'K: 3.100 brutto, das ist eigentlich zu wenig.',
        'R: Was stellen Sie sich vor?',
        'K: 3.600, besser 3.800 im Monat.',
        'R: Und wo möchten Sie arbeiten?',
        'K: Ich wohne in Leipzig und will da auch bleiben.',
      ],
      '2026-02-17',
    );
    expect(r).toMatchObject({
      currentSalaryEur: 37200,
      salaryExpectationEur: { min: 43200, max: 45600 },
      willingToRelocate: false,
    });
    expect(r.preferredLocations).toEqual(['Leipzig']);
  });
});

describe('rules extractor: pay details, places, dates', () => {
  it('tells the gross figure from the net one in either order; 14 salaries of the wish stay with the wish', () => {
    const r = extractChecked(
      [
        'Recruiterin: Wie viel verdienen Sie aktuell?',
        'Kandidat: Brutto sind es 4.800 im Monat, netto bleiben so 3.000.',
        'Recruiterin: Und was hätten Sie gern?',
        'Kandidat: 5.500 brutto, bei vierzehn Gehältern.',
      ],
      '2026-03-02',
    );
    expect(r.currentSalaryEur).toBe(57600);
    expect(r.salaryExpectationEur).toEqual({ min: 77000, max: 77000 });
    const reversed = extractChecked(
      ['Recruiter: Was verdienen Sie?', 'Kandidat: 4.000 brutto, also so 2.600 netto im Monat.'],
      '2026-03-02',
    );
    expect(reversed.currentSalaryEur).toBe(48000);
  });

  it('reads weekly hours from a question and its answer, and "zwanzig Euro" as an hourly wish', () => {
    const r = extractChecked(
      [
        'Recruiter: Was verdienen Sie?',
        'Kandidat: Ich krieg 16 Euro die Stunde.',
        'Recruiter: Wie viele Stunden arbeiten Sie die Woche?',
        'Kandidat: Vierzig.',
        'Recruiter: Und was wäre Ihr Ziel?',
        'Kandidat: Zwanzig Euro wären gut.',
      ],
      '2026-01-05',
    );
    expect(r.currentSalaryEur).toBe(33280);
    expect(r.salaryExpectationEur).toEqual({ min: 41600, max: 41600 });
  });
});

describe('pay: a verdict belongs to the figure before it', () => {
  it('takes the figure after a rejected one as the wish when no full stop parts them', () => {
    expect(
      pay([
        'Beraterin: was würde ein neuer arbeitgeber zahlen müssen',
        'Bewerber: fünfzig ist mir zu wenig bei der verantwortung fünfundfünfzig müssten es schon sein',
      ]).wish,
    ).toEqual({ min: 55000, max: 55000 });
    // A verdict right before a figure rejects it.
    expect(
      pay(['Beraterin: Und Ihr Ziel?', 'Bewerber: Zu wenig wären 48.000, ich dachte an mehr.']).wish,
    ).toBeNull();
  });
});

describe('pay: taken back, someone else’s, other currencies, regional numbers', () => {
  it('drops a figure taken back at once and reads "Stundenlohn, sechzehn fünfzig" as one hourly figure', () => {
    expect(
      pay([
        'Beraterin: Was verdienen Sie?',
        'Bewerber: Neunzehn Euro die Stunde, bei achtunddreißig Stunden die Woche.',
        'Beraterin: Und was wäre Ihr Ziel?',
        'Bewerber: So vierzig … nee, warten Sie, mit den Schichten eher. Fünfundvierzig sollten es sein.',
      ]),
    ).toEqual({ now: 37544, wish: { min: 45000, max: 45000 } });
    expect(
      pay([
        'Beraterin: Stundenlohn oder Gehalt?',
        'Bewerberin: Stundenlohn, vierzehn achtzig. Ich arbeite dreißig Stunden die Woche.',
      ]).now,
    ).toBe(23088);
  });

  it('takes no colleague’s pay, no partner’s advice, no placement told and no pay in francs', () => {
    const r = pay([
      'Beraterin: Was verdienen Sie?',
      'Bewerber: Einundsechzig. Mein Bruder in Zürich kriegt über neunzig, aber in Franken.',
      'Beraterin: Ich habe letztens einen Monteur für siebzig nach Bern vermittelt.',
      'Beraterin: Und Ihr Ziel?',
      'Bewerber: Achtundsechzig. Meine Frau meint, ich soll fünfundsiebzig sagen.',
    ]);
    expect(r).toEqual({ now: 61000, wish: { min: 68000, max: 68000 } });
    expect(pay(['Beraterin: Was verdienen Sie?', 'Bewerber: 6.100 Franken im Monat.']).now).toBeNull();
  });

  it('reads "4,2 im Monat", "zu knapp" and Bavarian figures', () => {
    expect(pay(['Beraterin: Und gehaltlich?', 'Bewerber: 3,8 im Monat, zwölf Gehälter.']).now).toBe(45600);
    expect(
      pay([
        'Beraterin: Mein Kunde zahlt bis sechzig.',
        'Bewerberin: Sechzig ist mir ehrlich gesagt zu knapp für einen Wechsel.',
      ]).wish,
    ).toBeNull();
    expect(pay(['Beraterin: Was verdienen Sie?', 'Bewerber: Zwoatausendachthundertfuchzg brutto.']).now).toBe(
      34200,
    );
    expect(pay(['Beraterin: Und Ihr Ziel?', 'Bewerber: Dreiavierzgtausend im Jahr.']).wish).toEqual({
      min: 43000,
      max: 43000,
    });
  });

  it('in a stream: a past-pay question before the figure and a wish word after "im jahr"', () => {
    const { extraction } = extractWithRules(
      'sie hatten sich beworben danke was haben sie da zuletzt verdient so 2.400 brutto und was bräuchten sie jetzt so zweiunddreißig im jahr mindestens okay',
      { callDate: '2026-06-10' },
    );
    expect([extraction.currentSalaryEur, extraction.salaryExpectationEur]).toEqual([
      null,
      { min: 32000, max: 32000 },
    ]);
  });
});

describe('pay: a floor that repeats the lower end of a range', () => {
  it('keeps the range', () => {
    expect(
      pay([
        'Beraterin: Und Ihr Ziel?',
        'Bewerber: Siebzig bis fünfundsiebzig fix. Unter siebzig mach ich es nicht.',
      ]).wish,
    ).toEqual({ min: 70000, max: 75000 });
  });
});

describe('pay: taken back without punctuation', () => {
  it('drops "fünfzig nee warte" in a stream', () => {
    const { extraction } = extractWithRules(
      'sie hatten sich beworben was wäre ihr ziel so fünfzig nee warte mit den diensten eher fünfundfünfzig sollten es sein okay',
      { callDate: '2026-06-10' },
    );
    expect(extraction.salaryExpectationEur).toEqual({ min: 55000, max: 55000 });
  });
});

describe('pay: an offer whose paying verb follows the figure, in a stream', () => {
  it('takes "… würde achtunddreißigtausend im Jahr zahlen" for no pay of today', () => {
    const { extraction } = extractWithRules(
      'Sie hatten sich beworben. Was verdienen Sie? Zweitausendsiebenhundert brutto, zwölf Gehälter. Mein Kunde, eine Spedition draußen in Neuss, würde achtunddreißigtausend im Jahr zahlen. Hm, mal sehen.',
      { callDate: '2026-06-10' },
    );
    expect(extraction.currentSalaryEur).toBe(32400);
    expect(extraction.salaryExpectationEur).toBeNull();
  });
});

describe('pay: totals with extras, comparisons, salaries asked for', () => {
  it('keeps the base figure before a total "mit Bonus/Zulagen" and reads "mehr als jetzt" as a wish', () => {
    expect(pay(['Beraterin: Was verdienen Sie?', 'Bewerber: Aktuell 61.000, mit Bonus eher 66.'])).toEqual({
      now: 61000,
      wish: null,
    });
    expect(
      pay(['Beraterin: Was verdienen Sie?', 'Bewerber: Grundgehalt 3.500, mit Zulagen komme ich auf 3.900.'])
        .now,
    ).toBe(42000);
    expect(pay(['Beraterin: Und Ihr Ziel?', 'Bewerber: Etwas mehr als jetzt, also so 64.'])).toEqual({
      now: null,
      wish: { min: 64000, max: 64000 },
    });
  });

  it('takes the number of salaries asked for and answered', () => {
    expect(
      pay([
        'Beraterin: Was verdienen Sie?',
        'Bewerber: 3.900 im Monat.',
        'Beraterin: Und wie viele Gehälter?',
        'Bewerber: Vierzehn.',
      ]).now,
    ).toBe(54600);
  });
});

describe('pay: a third person’s figure, and today’s pay in a stream', () => {
  const stream = (text: string) =>
    extractWithRules(`Sie hatten sich beworben, danke für den Lebenslauf. ${text}`, {
      callDate: '2026-06-10',
    }).extraction;

  it('takes no figure whose subject is someone else, also with "glaub ich" in between', () => {
    const r = pay([
      'Beraterin: Was verdienen Sie?',
      'Bewerberin: Sechsundvierzig. Meine Nachbarin ist letztes Jahr zur Stadtverwaltung gegangen, für zweiundfünfzig.',
    ]);
    expect(r.now).toBe(46000);
    expect(
      pay([
        'Beraterin: Und gehaltlich?',
        'Bewerber: Der Schichtführer kriegt, glaub ich, so achtundsechzig. Ich selber liege bei vierundfünfzig.',
      ]).now,
    ).toBe(54000);
    expect(
      pay([
        'Beraterin: Was bekommen Sie?',
        'Bewerber: Die Sparkasse hat meinem Schwager neulich siebzig geboten, das ist aber nicht mein Thema.',
      ]).now,
    ).toBeNull();
    expect(
      pay(['Beraterin: Und was verdient Ihr Teamleiter?', 'Bewerber: Keine Ahnung, vielleicht achtzig.']).now,
    ).toBeNull();
  });

  it('keeps "mein Gehalt liegt bei …", "bei der Firma sind es …" and "Und verdient?" as the person’s own', () => {
    expect(
      pay([
        'Beraterin: Darf ich nach dem Gehalt fragen?',
        'Bewerber: Mein Grundgehalt liegt bei 4.100 im Monat.',
      ]).now,
    ).toBe(49200);
    expect(pay(['Beraterin: Und verdient?', 'Bewerberin: Bei der Firma sind es 47.000 im Jahr.']).now).toBe(
      47000,
    );
  });

  it('in a stream: the colleague’s figure, the recruiter’s unconfirmed guess and a figure after an offer are not today’s pay', () => {
    expect(
      stream(
        'Kündigungsfrist? Sechs Wochen. Und was verdienen Sie? Viele Leute in meinem Alter verdienen so 58.000, ich weiß nicht, ob das bei mir auch so ist. Alles klar.',
      ).currentSalaryEur,
    ).toBeNull();
    expect(
      stream('Kündigungsfrist? Ein Monat. Sie bekommen aktuell 52.000, oder? Nee, so nicht. Okay.')
        .currentSalaryEur,
    ).toBeNull();
    expect(
      stream('Kündigungsfrist? Ein Monat. Sie bekommen aktuell 52.000, oder? Ja, genau. Okay.')
        .currentSalaryEur,
    ).toBe(52000);
    const after = stream(
      'Kündigungsfrist? Zwei Monate. Und gehaltlich? Dreitausendzweihundert im Monat, brutto. Mein Auftraggeber hätte vierzig im Jahr. Hm, ich hatte mehr an fünfundvierzig gedacht.',
    );
    expect(after.currentSalaryEur).toBe(38400);
  });

  it('in a stream: a figure right after the first one still answers the question ("Knapp fünfzig. Neunundvierzig.")', () => {
    expect(
      stream('Kündigungsfrist? Ein Monat. Was verdienen Sie? Knapp fünfzig. Neunundvierzig. Gut.')
        .currentSalaryEur,
    ).toBe(49000);
  });
});

describe('pay: answers tied to the question and to the figures before', () => {
  it('a question that says back the person’s wish keeps the answer a wish', () => {
    expect(
      pay([
        'Beraterin: Und Ihre Vorstellung?',
        'Bewerberin: Zweiundsechzig sollten es sein.',
        'Beraterin: Zweiundsechzig, und da geht nichts?',
        'Bewerberin: Na gut: sechzig bis zweiundsechzig, darüber reden wir.',
      ]).wish,
    ).toEqual({ min: 60000, max: 62000 });
  });

  it('a correction after the wish goes on with the wish, also when a topic word stood in between', () => {
    const { extraction } = extractWithRules(
      'sie hatten sich beworben danke und was verdienst du jetzt dreitausend im monat brutto und dein ziel so achtunddreißig vielleicht vierzig wenn es homeoffice gibt ach nee sagen wir fünfunddreißig bis vierzig passt',
      { callDate: '2026-06-10' },
    );
    expect(extraction.salaryExpectationEur).toEqual({ min: 35000, max: 40000 });
  });

  it('in a call about hourly pay a bare figure near the rate is an hourly rate too', () => {
    const r = pay([
      'Beraterin: Was verdienen Sie?',
      'Bewerber: Fünfzehn die Stunde, achtunddreißig Stunden die Woche.',
      'Beraterin: Und wohin wollen Sie?',
      'Bewerber: Siebzehn wären gut. Also lieber achtzehn.',
    ]);
    expect(r).toEqual({ now: 15 * 38 * 52, wish: { min: 18 * 38 * 52, max: 18 * 38 * 52 } });
  });

  it('an accepted figure is a wish; "an … gedacht" names one; "was kommt rein" asks for today’s pay', () => {
    const { extraction } = extractWithRules(
      'Sie hatten sich beworben, danke. Kündigungsfrist? Vier Wochen. Und gehaltlich? Knapp viertausend im Monat. Meine Kundin hätte fünfzigtausend im Jahr. Fünfzigtausend ist okay, ja.',
      { callDate: '2026-06-10' },
    );
    expect([extraction.currentSalaryEur, extraction.salaryExpectationEur]).toEqual([
      48000,
      { min: 50000, max: 50000 },
    ]);
    expect(
      pay(['Beraterin: Und Ihr Ziel?', 'Bewerber: Hm, ich hatte an zweiundfünfzig gedacht.']).wish,
    ).toEqual({ min: 52000, max: 52000 });
    expect(
      pay(['Beraterin: Was kommt bei Ihnen so rein im Monat?', 'Bewerber: 3.300 brutto, zwölfmal.']).now,
    ).toBe(39600);
  });
});

describe('pay: more ways to ask', () => {
  it('"was erwarten Sie", "beim Neuen", "in Zukunft" ask for the wish, also in a stream with "gehaltlich" after', () => {
    expect(pay(['Beraterin: Was erwarten Sie denn?', 'Bewerber: Siebenundvierzig.']).wish).toEqual({
      min: 47000,
      max: 47000,
    });
    expect(pay(['Beraterin: Und beim Neuen?', 'Bewerberin: So fünfzig, zweiundfünfzig.']).wish).toEqual({
      min: 50000,
      max: 52000,
    });
    const { extraction } = extractWithRules(
      'Sie hatten sich beworben, danke. Kündigungsfrist? Vier Wochen. Was erwarten Sie gehaltlich? Zweiundsechzigtausend. Gut.',
      { callDate: '2026-06-10' },
    );
    expect([extraction.currentSalaryEur, extraction.salaryExpectationEur]).toEqual([
      null,
      { min: 62000, max: 62000 },
    ]);
  });

  it('"finanziell", "Fixum" and "Gehaltszettel" ask for today’s pay', () => {
    expect(
      pay(['Beraterin: Wo stehen Sie finanziell?', 'Bewerber: Bei etwa einundvierzig im Jahr.']).now,
    ).toBe(41000);
    expect(pay(['Beraterin: Und Ihr Fixum?', 'Bewerber: Achtundsechzig, plus Provision.']).now).toBe(68000);
    expect(pay(['Beraterin: Was steht auf dem Gehaltszettel?', 'Bewerberin: 2.950 brutto.']).now).toBe(35400);
  });
});

describe('pay: what a table would pay', () => {
  it('"laut Tarif wären es …" is neither today’s pay nor a wish; "nach Tarif sind es …" is today’s pay', () => {
    expect(
      pay([
        'Beraterin: Was verdienen Sie?',
        'Bewerberin: Laut Tarif wären es 3.600 im Monat, aber ich arbeite nur dreißig Stunden.',
      ]),
    ).toEqual({ now: null, wish: null });
    expect(pay(['Beraterin: Was verdienen Sie?', 'Bewerberin: Nach Tarif sind es 3.600 im Monat.']).now).toBe(
      43200,
    );
  });
});
