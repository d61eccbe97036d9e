import { describe, expect, it } from 'vitest';
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
