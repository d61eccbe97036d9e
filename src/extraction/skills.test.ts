import { describe, expect, it } from 'vitest';
import { candidateCall } from '../../test/support/extractCall.ts';
import { extractWithRules } from './index.ts';

const skills = (answer: string) =>
  extractWithRules(
    ['Beraterin: Sie hatten sich beworben. Was bringen Sie mit?', `Bewerberin: ${answer}`].join('\n'),
    { callDate: '2026-12-01' },
  ).extraction.skills;

describe('skills named as the person’s own', () => {
  it('drops a skill the person denies right after naming it', () => {
    expect(skills('Lexware jeden Tag. SAP kann ich nicht, das hatten wir nie.')).toEqual(['Lexware']);
  });

  it('keeps the module said with SAP', () => {
    expect(skills('Ich arbeite seit Jahren mit SAP Ariba im Einkauf.')).toContain('SAP Ariba');
  });

  it('takes the items of an enumeration after a skill cue, tools outside the vocabulary too', () => {
    const r = skills('Ich arbeite mit Navision, Qlik und Jira.');
    expect(r).toEqual(expect.arrayContaining(['Navision', 'Qlik', 'Jira']));
  });
});

describe('skills: tools the person uses, not a colleague’s', () => {
  const run = candidateCall;

  it('takes no title from "ich arbeite mit …" and no skill a colleague has or one still to learn', () => {
    const r = run([
      'Beraterin: Was bringen Sie mit?',
      'Bewerberin: Ich arbeite jeden Tag mit DATEV und Lexware. Power BI macht bei uns die Kollegin, das würde ich gern lernen.',
    ]);
    expect(r.currentPosition).toBeNull();
    expect(r.skills).toEqual(['DATEV', 'Lexware']);
  });
});
