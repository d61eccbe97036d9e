import { describe, expect, it } from 'vitest';
import { extractChecked } from '../../test/support/extractCall.ts';

describe('rules extractor: next steps', () => {
  it('takes courtesy about the call for no agreement', () => {
    const r = extractChecked(
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
