import { describe, expect, it } from 'vitest';
import { extractWithRules } from './index.ts';
import { squash } from './squash.ts';

// Transcripts written for these tests, in other words than the evaluation cases.
const run = (lines: string[] | string, callDate: string) => {
  const transcript = Array.isArray(lines) ? lines.join('\n') : lines;
  const { extraction, flags } = extractWithRules(transcript, { callDate });
  // Every quote stands in the transcript and is short.
  for (const [field, quote] of Object.entries(extraction.evidence)) {
    expect(quote.length, field).toBeLessThanOrEqual(200);
    for (const part of quote.split(' … ')) expect(squash(transcript), field).toContain(squash(part));
  }
  expect(flags).toEqual([]);
  return extraction;
};

describe('rules extractor: candidate calls', () => {
  it('reads named speakers, monthly pay, a range, a refused move and the call-back day', () => {
    const r = run(
      [
        'Herr Vogt: Guten Tag Frau Aydin, Vogt von TalentWerk. Passt es gerade?',
        'Frau Aydin: Ja, kurz.',
        'Herr Vogt: Sie sind Controllerin bei der Stadtwerke Bochum GmbH?',
        'Frau Aydin: Richtig, seit 2019.',
        'Herr Vogt: Wie sieht es gehaltlich aus?',
        'Frau Aydin: Ich bekomme 5.200 Euro brutto im Monat.',
        'Herr Vogt: Und was müsste ein neuer Arbeitgeber zahlen?',
        'Frau Aydin: Zwischen 70 und 75 Tausend.',
        'Herr Vogt: Wie lange ist Ihre Kündigungsfrist?',
        'Frau Aydin: Zwei Monate zum Monatsende.',
        'Herr Vogt: Könnten Sie sich einen Umzug nach München vorstellen?',
        'Frau Aydin: Nein, umziehen kommt für mich nicht in Frage.',
        'Herr Vogt: Und wie möchten Sie arbeiten?',
        'Frau Aydin: Am liebsten komplett remote.',
        'Herr Vogt: Gut, ich melde mich am Donnerstag bei Ihnen.',
      ],
      '2026-11-25',
    );
    expect(r).toMatchObject({
      callType: 'candidate',
      currentPosition: 'Controllerin',
      currentEmployer: 'Stadtwerke Bochum GmbH',
      currentSalaryEur: 62400,
      salaryExpectationEur: { min: 70000, max: 75000 },
      noticePeriod: { amount: 2, unit: 'months', toEndOf: 'month' },
      willingToRelocate: false,
      workModel: 'remote',
      followUpDate: '2026-11-26',
      availableFrom: null,
    });
    expect(r.preferredLocations).not.toContain('München');
  });

  it('converts hourly pay with the weekly hours, lets the last notice period win, reads "ab dem 1. Februar"', () => {
    const r = run(
      [
        'Sprecher 1: Hallo Herr Nowak, Fischer von Zeitarbeit Plus, Sie hatten auf unsere Anzeige reagiert.',
        'Sprecher 2: Ja, richtig.',
        'Sprecher 1: Wo arbeiten Sie derzeit?',
        'Sprecher 2: Ich bin Lagerist bei Logimax in Bielefeld, mit Staplerschein.',
        'Sprecher 1: Und was verdienen Sie da?',
        'Sprecher 2: 15,80 Euro die Stunde, bei 40 Stunden in der Woche.',
        'Sprecher 1: Kündigungsfrist?',
        'Sprecher 2: Zwei Wochen. Nein, warten Sie, in der Probezeit waren es zwei Wochen, jetzt sind es vier Wochen.',
        'Sprecher 1: Wann könnten Sie anfangen?',
        'Sprecher 2: Ab dem 1. Februar.',
        'Sprecher 1: Gut, ich melde mich in zwei Wochen.',
      ],
      '2026-12-28',
    );
    expect(r).toMatchObject({
      callType: 'candidate',
      currentPosition: 'Lagerist',
      currentEmployer: 'Logimax',
      currentSalaryEur: 32864,
      noticePeriod: { amount: 4, unit: 'weeks', toEndOf: null },
      availableFrom: '2027-02-01',
      followUpDate: '2027-01-11',
    });
    expect(r.skills).toContain('Staplerschein');
  });

  it('refuses net pay and hourly pay without hours; a vague start and a vague call-back stay empty', () => {
    const r = run(
      [
        'Recruiter: Hallo Frau Schröder, Acar von MedicoPersonal.',
        'Kandidatin: Hallo!',
        'Recruiter: Was verdienen Sie im Moment?',
        'Kandidatin: Netto sind es so 2.100 im Monat.',
        'Recruiter: Und was wäre Ihr Ziel?',
        'Kandidatin: Zwanzig Euro die Stunde wären schön.',
        'Recruiter: Ab wann könnten Sie anfangen?',
        'Kandidatin: Irgendwann im Frühjahr, Anfang März vielleicht.',
        'Recruiter: Gut, ich melde mich nächste Woche.',
      ],
      '2026-01-12',
    );
    expect(r.callType).toBe('candidate');
    expect([r.currentSalaryEur, r.salaryExpectationEur, r.availableFrom, r.followUpDate]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('does not take the recruiter’s figure unless agreed; counter-offers and corrections win', () => {
    const refused = run(
      [
        'Sprecher 1: Hallo Herr Graf, Seidel hier von IT-Köpfe.',
        'Sprecher 2: Ja, hallo.',
        'Sprecher 1: Sie sind als DevOps Engineer bei der Cloudwerk GmbH tätig?',
        'Sprecher 2: Richtig, seit drei Jahren. Vor allem Terraform, AWS und GitHub Actions.',
        'Sprecher 1: Wie sieht es gehaltlich aus?',
        'Sprecher 2: 78.000 im Jahr, plus ein kleiner Bonus.',
        'Sprecher 1: Der Kunde hätte ein Budget von 80.000. Wäre das interessant?',
        'Sprecher 2: Ehrlich gesagt nicht, für 2.000 mehr wechsle ich nicht.',
        'Sprecher 1: Wären Sie grundsätzlich bereit umzuziehen?',
        'Sprecher 2: Ja.',
      ],
      '2026-03-31',
    );
    expect(refused).toMatchObject({
      currentPosition: 'DevOps Engineer',
      currentEmployer: 'Cloudwerk GmbH',
      currentSalaryEur: 78000,
      salaryExpectationEur: null,
      willingToRelocate: true,
    });
    expect(refused.skills).toEqual(['Terraform', 'AWS', 'GitHub Actions', 'DevOps']); // the last from the job title

    const agreed = run(
      [
        'Recruiterin: Was verdienen Sie aktuell?',
        'Kandidat: Sechsundfünfzig. Ach nein, seit April sind es achtundfünfzig.',
        'Recruiterin: Mein Kunde würde zwischen fünfundsechzig und siebzig zahlen, passt das für Sie?',
        'Kandidat: Ja, genau, das passt.',
        'Recruiterin: Und die Kündigungsfrist?',
        'Kandidat: Ich bin noch in der Probezeit, vier Wochen. Ich könnte also in vier Wochen anfangen.',
      ],
      '2026-07-15',
    );
    expect(agreed).toMatchObject({
      callType: 'candidate',
      currentSalaryEur: 58000,
      salaryExpectationEur: { min: 65000, max: 70000 },
      noticePeriod: { amount: 4, unit: 'weeks', toEndOf: null },
      availableFrom: '2026-08-12',
    });
  });

  it('reads an unlabelled, unpunctuated stream', () => {
    const r = run(
      'hallo herr yilmaz hier spricht lara becker von pflegejobs nord sie hatten sich bei uns gemeldet ja genau ' +
        'was machen sie denn aktuell ich bin altenpfleger im seniorenzentrum lindenhof seit acht jahren okay und ' +
        'was verdienen sie da netto sind das so zweitausendachthundert brutto sind es viertausendeinhundert im monat ' +
        'und was stellen sie sich vor so um die fünfundfünfzigtausend im jahr und ihre kündigungsfrist sechs wochen ' +
        'zum quartalsende wären sie bereit umzuziehen nein ich bleibe in bremen oder umgebung gut dann melde ich ' +
        'mich am donnerstag mit zwei angeboten',
      '2026-08-03',
    );
    expect(r).toMatchObject({
      callType: 'candidate',
      currentPosition: 'altenpfleger',
      currentEmployer: 'seniorenzentrum lindenhof',
      currentSalaryEur: 49200,
      salaryExpectationEur: { min: 55000, max: 55000 },
      noticePeriod: { amount: 6, unit: 'weeks', toEndOf: 'quarter' },
      willingToRelocate: false,
      followUpDate: '2026-08-06',
    });
    expect(r.preferredLocations).toEqual(['Bremen']);
  });

  it('takes a start date only when the person names one, not the recruiter’s refused proposal', () => {
    const r = run(
      [
        'Recruiter: Frau Hartmann, guten Tag, Becker von Engineering Experts.',
        'Kandidatin: Hallo Herr Becker.',
        'Recruiter: Sie arbeiten als Projektleiterin bei der Firma Weber Anlagenbau?',
        'Kandidatin: Ja, im Sondermaschinenbau, seit sechs Jahren.',
        'Recruiter: Könnten Sie schon zum 1. Oktober anfangen?',
        'Kandidatin: Nein, das ist zu früh. Ich habe drei Monate Kündigungsfrist zum Quartalsende, also frühestens zum 1. Januar.',
        'Recruiter: Wie sieht es mit Umzug aus, die Stelle ist in Regensburg?',
        'Kandidatin: Das müsste ich mit meinem Mann besprechen.',
        'Recruiter: Ich schicke Ihnen die Unterlagen und wir telefonieren übernächste Woche Dienstag.',
        'Kandidatin: Einverstanden.',
      ],
      '2026-09-14',
    );
    expect(r).toMatchObject({
      currentPosition: 'Projektleiterin',
      noticePeriod: { amount: 3, unit: 'months', toEndOf: 'quarter' },
      availableFrom: '2027-01-01',
      willingToRelocate: null,
      followUpDate: '2026-09-29',
    });
    expect(r.currentEmployer).toMatch(/Weber Anlagenbau/);
    expect(r.nextSteps).toEqual(['Unterlagen schicken', 'Rückruf Di 29.09.']);
    // The spoken words stay beside each to-do.
    expect(r.evidence['nextSteps[1]']).toMatch(/wir telefonieren übernächste Woche Dienstag/);
  });
});

describe('rules extractor: who calls in', () => {
  it('reads a caller labelled "Anrufer" by what they say, not by the label', () => {
    const seeker = run(
      [
        'Anrufer: Guten Tag, ich bin auf der Suche nach einer neuen Stelle als Disponent.',
        'Recruiter: Gern.',
      ],
      '2026-10-05',
    );
    expect(seeker.callType).toBe('candidate');
    const client = run(
      [
        'Anrufer: Müller, Logistik Nord. Wir suchen zwei Disponenten, die Stelle ist ab sofort zu besetzen.',
        'Recruiter: Da habe ich passende Kandidaten.',
      ],
      '2026-10-05',
    );
    expect(client.callType).toBe('client');
  });
});

describe('rules extractor: next steps', () => {
  it('takes courtesy about the call for no agreement', () => {
    const r = run(
      [
        'Anrufer: Hallo, Brandt hier, ich interessiere mich für die Stelle als Elektroniker.',
        'Recruiter: Danke, dass Sie sich melden. Schön, dass Sie anrufen. Was machen Sie derzeit?',
        'Anrufer: Ich bin Elektroniker bei der Firma Kessler.',
        'Recruiter: Gut, dann schicke ich Ihnen heute noch die Stellenbeschreibung.',
      ],
      '2026-10-05',
    );
    expect(r.nextSteps).toEqual(['Heute die Stellenbeschreibung schicken']);
  });
});

describe('rules extractor: wishes, offers and ranges', () => {
  it('keeps the person’s own wish over a later offer they only welcome', () => {
    const r = run(
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
    const r = run(
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
    const r = run(
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
    const r = run(
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
    const reversed = run(
      ['Recruiter: Was verdienen Sie?', 'Kandidat: 4.000 brutto, also so 2.600 netto im Monat.'],
      '2026-03-02',
    );
    expect(reversed.currentSalaryEur).toBe(48000);
  });

  it('reads weekly hours from a question and its answer, and "zwanzig Euro" as an hourly wish', () => {
    const r = run(
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

  it('takes a refinement without "ja", a company named in reply to "wo arbeiten Sie", "ortsgebunden", a same-day call-back', () => {
    const r = run(
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
    const asked = run(
      ['Recruiter: Wo arbeiten Sie zurzeit?', 'Kandidatin: Beim Jugendamt Hannover, in der Familienhilfe.'],
      '2026-01-08',
    );
    expect(asked.currentEmployer).toBe('Jugendamt Hannover');
  });

  it('leaves the work model open when it is only a fact of the job or a vague wish', () => {
    const r = run(
      [
        'Recruiter: Wie möchten Sie arbeiten?',
        'Kandidat: Homeoffice wäre schön, ist aber kein Muss. Im Moment muss ich jeden Tag vor Ort sein.',
      ],
      '2026-08-12',
    );
    expect(r.workModel).toBeNull();
  });
});

describe('rules extractor: short answers and corrections', () => {
  it('quotes a bare figure with its question, takes a corrected company, a late "ja" and an institution answer', () => {
    const r = run(
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
    const hotel = run(
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
    const r = run(
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

  it('takes the places of a commuting question the person says yes to', () => {
    const r = run(
      ['Recruiter: Wären Sie bereit, nach Stuttgart zu pendeln?', 'Kandidatin: Pendeln ja, umziehen nein.'],
      '2026-10-27',
    );
    expect(r.preferredLocations).toEqual(['Stuttgart']);
    expect(r.willingToRelocate).toBe(false);
  });
});

describe('rules extractor: speech-recognition streams without punctuation', () => {
  it('keeps the recruiter’s question words out of the person’s figures', () => {
    const r = run(
      'hallo herr berg hier ist anna von technikjobs was verdienen sie aktuell brutto sind es 4.800 im monat ' +
        'netto bleiben so 3.000 und was müsste ein neuer arbeitgeber bieten so 65 66 wäre schön ' +
        'kündigungsfrist drei monate zum quartalsende wie sieht es mit umziehen aus nein ich bleibe in köln ' +
        'alles klar dann melde ich mich am freitag',
      '2026-03-04',
    );
    expect(r).toMatchObject({
      callType: 'candidate',
      currentSalaryEur: 57600,
      salaryExpectationEur: { min: 65000, max: 66000 },
      noticePeriod: { amount: 3, unit: 'months', toEndOf: 'quarter' },
      willingToRelocate: false,
      followUpDate: '2026-03-06',
    });
  });

  it('reads a correction and a minimum after a question', () => {
    const r = run(
      'guten tag frau ott ich rufe wegen ihrer bewerbung an was verdienen sie im moment 3.900 brutto im monat ' +
        'und was möchten sie verdienen sechzig nein sagen wir zweiundsechzig ich hab ja auch personalverantwortung ' +
        'gut ich melde mich morgen',
      '2026-03-04',
    );
    expect(r.currentSalaryEur).toBe(46800);
    expect(r.salaryExpectationEur).toEqual({ min: 62000, max: 62000 });
    expect(r.followUpDate).toBe('2026-03-05');
  });
});

describe('rules extractor: other call types', () => {
  it('recognises a client who is hiring, keeps candidate fields empty, reads the agreed date', () => {
    const r = run(
      [
        'Jana Vogel: Guten Morgen Herr Dr. Stein, Jana Vogel von BauTalente.',
        'Dr. Stein: Guten Morgen. Ich bin Geschäftsführer bei Stein Bau.',
        'Jana Vogel: Sie suchen nach wie vor eine Bauleitung für den Hochbau?',
        'Dr. Stein: Ja, dringend. Gehalt bis 75.000, Homeoffice geht bei uns nicht.',
        'Jana Vogel: Ich schicke Ihnen zwei Profile anonymisiert und unsere Konditionen.',
        'Dr. Stein: Gut, und dann telefonieren wir am 8. Januar?',
        'Jana Vogel: Sehr gern.',
      ],
      '2026-01-02',
    );
    expect(r).toMatchObject({
      callType: 'client',
      currentPosition: null,
      currentEmployer: null,
      currentSalaryEur: null,
      workModel: null,
      followUpDate: '2026-01-08',
    });
    expect(r.summary).toMatch(/Bauleitung/);
  });

  it('classifies a sales call and a wrong number as other, with nothing agreed', () => {
    const sales = run(
      [
        'Sprecher 1: Personalservice Hahn, Sie sprechen mit Lisa Hahn.',
        'Sprecher 2: Hallo, Weber von TeleSoft. Wir bieten eine Software für Bewerbermanagement an.',
        'Sprecher 1: Wir haben schon ein System, danke.',
        'Sprecher 2: Ich könnte Ihnen eine Demo zeigen, nächsten Donnerstag vielleicht?',
        'Sprecher 1: Nein, kein Bedarf.',
      ],
      '2026-05-25',
    );
    expect(sales).toMatchObject({ callType: 'other', followUpDate: null, nextSteps: [] });
    const wrong = run(
      [
        'Sprecher 1: Personalvermittlung Krause, guten Tag.',
        'Sprecher 2: Hallo, ist da die Praxis Dr. Müller? Ich wollte meinen Termin am Montag verschieben.',
        'Sprecher 1: Nein, da sind Sie falsch verbunden.',
      ],
      '2026-10-30',
    );
    expect(wrong).toMatchObject({
      callType: 'other',
      followUpDate: null,
      summary: expect.stringMatching(/\S/),
    });
  });
});
