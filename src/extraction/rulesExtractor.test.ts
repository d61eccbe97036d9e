import { describe, expect, it } from 'vitest';
import { extractChecked } from '../../test/support/extractCall.ts';

// Whole calls written for these tests, in other words than the evaluation cases: every rule together.
describe('rules extractor: candidate calls', () => {
  it('reads named speakers, monthly pay, a range, a refused move and the call-back day', () => {
    const r = extractChecked(
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
    const r = extractChecked(
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
    const r = extractChecked(
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
    const refused = extractChecked(
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

    const agreed = extractChecked(
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
    const r = extractChecked(
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
    const r = extractChecked(
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

describe('rules extractor: speech-recognition streams without punctuation', () => {
  it('keeps the recruiter’s question words out of the person’s figures', () => {
    const r = extractChecked(
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
    const r = extractChecked(
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
