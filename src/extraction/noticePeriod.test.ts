import { describe, expect, it } from 'vitest';
import { candidateCall } from '../../test/support/extractCall.ts';
import { extractWithRules } from './index.ts';

const notice = (text: string) => extractWithRules(text, { callDate: '2026-04-01' }).extraction.noticePeriod;

describe('notice period asked for in a short word', () => {
  it('reads the answer to a bare "Kündigung?", labelled and in a stream', () => {
    expect(
      notice(
        [
          'Beraterin: Sie hatten sich beworben. Was verdienen Sie?',
          'Bewerber: Zweitausendachthundert im Monat.',
          'Beraterin: Und Kündigung?',
          'Bewerber: Ich bin noch in der Probezeit, also zwei Wochen.',
        ].join('\n'),
      ),
    ).toEqual({ amount: 2, unit: 'weeks', toEndOf: null });
    expect(
      notice(
        'sie hatten sich beworben was verdienen sie zweitausendachthundert im monat und kündigung ich bin noch in der probezeit also zwei wochen ab mai könnte ich',
      ),
    ).toEqual({ amount: 2, unit: 'weeks', toEndOf: null });
  });

  it('does not take the length of the probation itself', () => {
    expect(
      notice(
        'sie hatten sich beworben und kündigung weiß ich gar nicht ich hab sechs monate probezeit angefangen im märz',
      ),
    ).toBeNull();
  });
});

describe('notice period said in pieces', () => {
  const run = candidateCall;

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
});

describe('notice period: none, regional numbers, corrections', () => {
  const labelled = (lines: string[]) =>
    notice(['Beraterin: Sie hatten sich beworben. Was machen Sie gerade?', ...lines].join('\n'));
  it('reads "hab ich eh keine" as none and "zwee Wochen" as two', () => {
    expect(labelled(['Bewerber: Ich bin arbeitssuchend. Kündigungsfrist hab ich eh keine.'])).toEqual({
      amount: 0,
      unit: 'weeks',
      toEndOf: null,
    });
    expect(labelled(['Beraterin: Und die Kündigungsfrist?', 'Bewerber: Zwee Wochen.'])).toEqual({
      amount: 2,
      unit: 'weeks',
      toEndOf: null,
    });
  });

  it('takes the period corrected after the recruiter’s objection', () => {
    expect(
      labelled([
        'Beraterin: Und Ihre Kündigungsfrist?',
        'Bewerber: Sechs Wochen.',
        'Beraterin: In Ihrem Arbeitsvertrag stand doch etwas vom Monatsende.',
        'Bewerber: Stimmt, da haben Sie recht. Sechs Wochen zum Monatsende.',
      ]),
    ).toEqual({ amount: 6, unit: 'weeks', toEndOf: 'month' });
  });
});

describe('notice period in Bavarian', () => {
  it('reads "An Monat zum Monatsende" as one month', () => {
    expect(
      notice('Beraterin: Sie hatten sich beworben. Kündigungsfrist?\nBewerber: An Monat zum Monatsende.'),
    ).toEqual({ amount: 1, unit: 'months', toEndOf: 'month' });
  });
});

describe('notice period: other wordings of the question and the end', () => {
  const call = (lines: string[]) =>
    notice(['Beraterin: Sie hatten sich beworben, danke für die Unterlagen.', ...lines].join('\n'));

  it('"wie ist das mit Ihrer Kündigung" asks for it; "auf Ende Monat" and "per Ende Jahr" name the end', () => {
    expect(
      call(['Beraterin: Und wie ist das mit Ihrer Kündigung?', 'Bewerber: Zwei Monate auf Ende Monat.']),
    ).toEqual({ amount: 2, unit: 'months', toEndOf: 'month' });
    expect(call(['Beraterin: Kündigungsfrist?', 'Bewerberin: Sechs Monate per Ende Jahr.'])).toEqual({
      amount: 6,
      unit: 'months',
      toEndOf: 'year',
    });
  });

  it('an aside before the full stop keeps the end said in the next sentence', () => {
    expect(
      call(['Beraterin: Kündigungsfrist?', 'Bewerber: Sechs Wochen, denk ich. Zum Quartalsende.']),
    ).toEqual({
      amount: 6,
      unit: 'weeks',
      toEndOf: 'quarter',
    });
  });

  it('a period with its end is a notice period also in the answer to "Ab wann?"', () => {
    expect(
      call([
        'Beraterin: Ab wann könnten Sie?',
        'Bewerberin: Bei mir sind es vier Wochen zum Monatsende, also Anfang nächsten Jahres.',
      ]),
    ).toEqual({ amount: 4, unit: 'weeks', toEndOf: 'month' });
    expect(call(['Beraterin: Ab wann könnten Sie?', 'Bewerberin: In drei Monaten vielleicht.'])).toBeNull();
  });
});
