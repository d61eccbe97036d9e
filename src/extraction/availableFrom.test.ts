import { describe, expect, it } from 'vitest';
import { candidateCall } from '../../test/support/extractCall.ts';
import { extractWithRules } from './index.ts';

const start = (q: string, a: string, stream = false) => {
  const lines = [
    'Beraterin: Sie hatten sich beworben, danke für den Lebenslauf.',
    'Bewerber: Gern.',
    `Beraterin: ${q}`,
    `Bewerber: ${a}`,
    'Beraterin: Verstehe.',
  ];
  const text = stream ? lines.map((l) => l.replace(/^\w+: /, '')).join(' ') : lines.join('\n');
  return extractWithRules(text, { callDate: '2026-12-01' }).extraction.availableFrom;
};

describe('start date', () => {
  it('puts a bare day into the month named just before', () => {
    expect(start('Ab wann ginge es?', 'Ab Februar, am liebsten zum dritten.')).toBe('2027-02-03');
  });

  it('reads the answer after "Ab wann?" and "Starttermin?" in a stream', () => {
    expect(start('Ab wann?', 'Ab sofort, ich bin freigestellt.', true)).toBe('2026-12-01');
    expect(start('Und der Starttermin?', 'Der 1. Juni wäre realistisch.', true)).toBe('2027-06-01');
  });

  it('names no day for vague answers', () => {
    for (const stream of [false, true]) {
      expect(start('Wann könnten Sie beginnen?', 'Im Frühjahr irgendwann.', stream)).toBeNull();
      expect(start('Ab wann?', 'Frühestens Anfang April.', stream)).toBeNull();
    }
  });
});

describe('start date said in pieces', () => {
  const run = candidateCall;

  it('reads a start the person confirms after "der früheste Termin", and dialect verbs', () => {
    expect(
      run([
        'Beraterin: Dann wäre der früheste Termin der erste Oktober.',
        'Bewerberin: Ja, ab dem ersten Oktober kann ich.',
      ]).availableFrom,
    ).toBe('2026-10-01');
    expect(run(['Bewerber: I könnt ab dem fünfzehnten August afange.']).availableFrom).toBe('2026-08-15');
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

describe('start date: answers to a question about being free, "könnte ab", health and calls', () => {
  it('takes the answer to "Dann wären Sie ab … frei?" and "Ich könnte ab dem …"', () => {
    expect(start('Dann wären Sie ab März frei?', 'Ab dem 1. März, ja. Leider.')).toBe('2027-03-01');
    expect(start('Und die Kündigungsfrist?', 'Vier Wochen. Ich könnte ab dem 15. Januar.')).toBe(
      '2027-01-15',
    );
    expect(
      start(
        'Und ab wann könnten Sie?',
        'Ab dem 1. Februar, gleich nach der Elternzeit. Kündigen muss ich bis Oktober.',
        true,
      ),
    ).toBe('2027-02-01');
  });

  it('takes no start from getting well again or from a day to phone', () => {
    expect(
      start('Passt es gerade?', 'Ich bin krankgeschrieben, in zwei Wochen bin ich wieder fit.'),
    ).toBeNull();
    expect(start('Wann erreiche ich Sie?', 'Freitag passt, telefonieren kann ich ja.')).toBeNull();
  });
});

describe('start date said before its verb', () => {
  it('"Ab dem 1. April könnte ich" names the start, also as the answer to another question', () => {
    expect(start('Und Ihre Kündigungsfrist?', 'Sechs Wochen. Ab dem 1. April könnte ich dann.')).toBe(
      '2027-04-01',
    );
    expect(
      start('Und Ihre Kündigungsfrist?', 'Sechs Wochen. Ab dem 1. April könnte ich Urlaub nehmen.'),
    ).toBeNull();
  });
});
