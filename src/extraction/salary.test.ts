import { describe, expect, it } from 'vitest';
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

describe('notice, start and work model said in pieces', () => {
  const run = (lines: string[], callDate = '2026-06-10') =>
    extractWithRules(
      ['Beraterin: Sie hatten sich auf die Stelle beworben, danke für Ihren Lebenslauf.', ...lines].join(
        '\n',
      ),
      { callDate },
    ).extraction;

  it('takes the end of the notice period from the next sentence', () => {
    expect(
      run(['Beraterin: Kündigungsfrist?', 'Bewerber: Sechs Wochen. Zum Quartalsende, meine ich.'])
        .noticePeriod,
    ).toEqual({
      amount: 6,
      unit: 'weeks',
      toEndOf: 'quarter',
    });
  });

  it('reads a start the person confirms after "der früheste Termin", and dialect verbs', () => {
    expect(
      run([
        'Beraterin: Dann wäre der früheste Termin der erste Oktober.',
        'Bewerberin: Ja, ab dem ersten Oktober kann ich.',
      ]).availableFrom,
    ).toBe('2026-10-01');
    expect(run(['Bewerber: I könnt ab dem fünfzehnten August afange.']).availableFrom).toBe('2026-08-15');
  });

  it('takes a hybrid wish said as a question and welcomed', () => {
    expect(
      run(['Beraterin: Wie möchten Sie arbeiten?', 'Bewerber: Drei Tage Homeoffice? Das wär toll.'])
        .workModel,
    ).toBe('hybrid');
  });
});

describe('who and what: precision guards', () => {
  const run = (lines: string[]) =>
    extractWithRules(
      ['Beraterin: Sie hatten sich auf die Stelle beworben, danke für Ihren Lebenslauf.', ...lines].join(
        '\n',
      ),
      { callDate: '2026-06-10' },
    ).extraction;

  it('reads "brutto wären das …" as today’s pay converted, not as a wish', () => {
    const r = run([
      'Beraterin: Was verdienen Sie?',
      'Bewerber: Netto zweitausendfünfhundert. Brutto wären das so dreitausendsiebenhundert.',
    ]);
    expect(r.currentSalaryEur).toBe(44400);
    expect(r.salaryExpectationEur).toBeNull();
  });

  it('takes no title from "ich arbeite mit …" and no skill a colleague has or one still to learn', () => {
    const r = run([
      'Beraterin: Was bringen Sie mit?',
      'Bewerberin: Ich arbeite jeden Tag mit DATEV und Lexware. Power BI macht bei uns die Kollegin, das würde ich gern lernen.',
    ]);
    expect(r.currentPosition).toBeNull();
    expect(r.skills).toEqual(['DATEV', 'Lexware']);
  });

  it('reads the start date answered to "wann wollen Sie wieder einsteigen" and "könnten Sie ab …?"', () => {
    expect(
      run(['Beraterin: Wann wollen Sie wieder einsteigen?', 'Bewerberin: Ab dem 1. September.'])
        .availableFrom,
    ).toBe('2026-09-01');
    expect(
      run(['Beraterin: Dann könnten Sie ab Oktober?', 'Bewerberin: Ja, ab dem ersten Oktober.'])
        .availableFrom,
    ).toBe('2026-10-01');
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
