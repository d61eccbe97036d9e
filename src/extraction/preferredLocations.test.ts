import { describe, expect, it } from 'vitest';
import { extractChecked } from '../../test/support/extractCall.ts';
import { extractWithRules } from './index.ts';

const places = (lines: string[]) =>
  extractWithRules(['Beraterin: Sie hatten sich beworben, danke für den Lebenslauf.', ...lines].join('\n'), {
    callDate: '2026-06-10',
  }).extraction.preferredLocations;

describe('places: words that only look like town names', () => {
  it('takes no town from a noun with an article or a verb in lower case', () => {
    expect(
      places([
        'Beraterin: Wo möchten Sie arbeiten?',
        'Bewerber: Am liebsten bleibe ich in der Halle, die Kollegen waren gut. Kassel oder Göttingen wäre gut.',
      ]),
    ).toEqual(['Kassel', 'Göttingen']);
  });

  it('still takes a region that takes an article', () => {
    expect(
      places(['Beraterin: Wo möchten Sie arbeiten?', 'Bewerber: Gerne im Allgäu, Kempten wäre ideal.']),
    ).toEqual(expect.arrayContaining(['Kempten']));
  });
});

describe('rules extractor: places of a commuting question', () => {
  it('takes the places of a commuting question the person says yes to', () => {
    const r = extractChecked(
      ['Recruiter: Wären Sie bereit, nach Stuttgart zu pendeln?', 'Kandidatin: Pendeln ja, umziehen nein.'],
      '2026-10-27',
    );
    expect(r.preferredLocations).toEqual(['Stuttgart']);
    expect(r.willingToRelocate).toBe(false);
  });
});
