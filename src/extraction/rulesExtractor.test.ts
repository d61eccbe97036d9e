import { describe, expect, it } from 'vitest';
import { extractByRules } from './rulesExtractor.ts';

// Transcripts written for these tests, in other words than the evaluation cases.
describe('rules extractor', () => {
  it('reads a candidate call with named speakers, monthly pay and a refused relocation', () => {
    const t = [
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
    ].join('\n');
    const r = extractByRules(t, '2026-11-25');
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
    for (const [field, quote] of Object.entries(r.evidence)) expect(t, field).toContain(quote);
  });

  it('converts an hourly wage only with weekly hours, and ignores net pay', () => {
    const hourly = extractByRules(
      'Recruiter: Was verdienen Sie?\nKandidat: Ich krieg 18,50 die Stunde, bei 40 Stunden die Woche. Kündigungsfrist habe ich vier Wochen.',
      '2026-03-02',
    );
    expect(hourly.currentSalaryEur).toBe(38480);
    expect(hourly.noticePeriod).toEqual({ amount: 4, unit: 'weeks', toEndOf: null });
    const net = extractByRules(
      'Recruiter: Was verdienen Sie denn?\nKandidat: So 2.800 netto im Monat.\nRecruiter: Kündigungsfrist?\nKandidat: Drei Monate.',
      '2026-03-02',
    );
    expect(net.currentSalaryEur).toBeNull();
  });

  it('recognises a client who is hiring and the agreed call-back date', () => {
    const r = extractByRules(
      [
        'Recruiterin: Guten Morgen Herr Brandt, Seidel von Technikpersonal.',
        'Herr Brandt: Morgen. Wir suchen dringend zwei Elektroniker für die Instandhaltung.',
        'Recruiterin: Verstehe. Ich schicke Ihnen unsere Konditionen, und ich habe schon passende Kandidaten.',
        'Herr Brandt: Gut. Rufen Sie mich übermorgen an.',
      ].join('\n'),
      '2026-06-10',
    );
    expect(r.callType).toBe('client');
    expect(r.currentSalaryEur).toBeNull();
    expect(r.followUpDate).toBe('2026-06-12');
  });

  it('leaves fields empty that the call does not settle', () => {
    const r = extractByRules(
      'Recruiter: Hallo, hier ist Kurz von Jobwerk. Sie hatten sich beworben?\nKandidatin: Ja. Über Geld möchte ich erst reden, wenn ich die Firma kenne. Anfang März könnte ich wohl anfangen.\nRecruiter: Gut, ich melde mich.',
      '2026-01-10',
    );
    expect(r.callType).toBe('candidate');
    expect([
      r.currentSalaryEur,
      r.salaryExpectationEur,
      r.availableFrom,
      r.followUpDate,
      r.workModel,
      r.willingToRelocate,
    ]).toEqual([null, null, null, null, null, null]);
  });
});
