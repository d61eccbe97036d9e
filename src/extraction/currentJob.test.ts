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
