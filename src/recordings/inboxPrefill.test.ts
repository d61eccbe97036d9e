import { describe, expect, it } from 'vitest';
import { guessCompany, guessName } from './inboxPrefill.ts';

const T = [
  'Recruiter: Lang Personal, guten Tag, hier ist Lang von der Lang Personal GmbH.',
  'Anrufer: Guten Tag, hier ist Petra Schulz von der ACME GmbH. Wir suchen zwei Elektroniker.',
].join('\n');

describe('inbox prefill guesses', () => {
  it('takes the caller’s own name and company, never the recruiter’s', () => {
    expect(guessName(null, T)).toEqual({ first: 'Petra', last: 'Schulz' });
    expect(guessCompany(T)).toBe('ACME GmbH');
  });
  it('prefers the name Webex reported and stays empty when unsure', () => {
    expect(guessName('Jonas Albrecht', T)).toEqual({ first: 'Jonas', last: 'Albrecht' });
    expect(guessName(null, 'Anrufer: Ich suche eine neue Stelle.')).toEqual({ first: '', last: '' });
    expect(guessCompany('Anrufer: Ich arbeite bei einer Firma in Köln.')).toBeNull();
    expect(guessName(null, 'Recruiter: Hallo Frau Keller.\nKandidatin: Ja, hallo.')).toEqual({
      first: '',
      last: 'Keller',
    });
  });
});
