import { describe, expect, it } from 'vitest';
import { buildUnits } from './conversation.ts';
import { parseTranscript, sentences } from './transcript.ts';

describe('parseTranscript', () => {
  it('reads role labels, names, neutral labels and timestamps, and finds the recruiter', () => {
    const p = parseTranscript(
      [
        '[00:00:03] Sprecher 1: Guten Tag, hier ist Jana Roth von Technikpersonal. Passt es gerade?',
        '[00:00:07] Sprecher 2: Ja, passt.',
        '[00:00:09] Sprecher 1: Was verdienen Sie aktuell?',
        '[00:00:12] Sprecher 2: Ich verdiene 4.000 brutto im Monat.',
      ].join('\r\n'),
    );
    expect(p.labelled).toBe(true);
    expect(p.turns.map((t) => [t.speaker, t.role])).toEqual([
      ['Sprecher 1', 'recruiter'],
      ['Sprecher 2', 'counterpart'],
      ['Sprecher 1', 'recruiter'],
      ['Sprecher 2', 'counterpart'],
    ]);
    // Offsets point into the original text.
    const t = p.turns[3]!;
    expect(p.text.slice(t.start, t.start + 12)).toBe('Ich verdiene');
  });

  it('takes the agency side as recruiter even when the other side speaks first or asks', () => {
    const p = parseTranscript(
      [
        'Frau Keller: Hallo, Keller hier, Sie hatten mir geschrieben?',
        'Herr Brandt: Ja, Brandt von Finanzkarriere. Sie sind Teamleiterin bei den Stadtwerken?',
        'Frau Keller: Richtig.',
      ].join('\n'),
    );
    expect(p.turns.find((t) => t.role === 'recruiter')?.speaker).toBe('Herr Brandt');
    expect(p.counterpartHint).toBeNull();
    const k = parseTranscript('Recruiterin: Hallo.\nKundin: Wir suchen zwei Disponenten.');
    expect(k.counterpartHint).toBe('client');
  });

  it('treats a stream without labels as one unit list cut at topic words', () => {
    const text =
      'ja hallo hier ist tom von jobwerk und gehalt wo stehen sie da bei 50.000 und ihre vorstellung so 55 kündigungsfrist drei monate';
    const p = parseTranscript(text);
    expect(p.labelled).toBe(false);
    expect(buildUnits(p).map((u) => u.topic)).toEqual([null, 'salaryNow', 'salaryWish', 'notice']);
  });

  it('does not take "Hinweis:" lines or sentences with colons for speakers', () => {
    const p = parseTranscript('Hinweis: Aufnahme gekürzt.\nalso ich sag mal so: das passt schon.');
    expect(p.labelled).toBe(false);
  });
});

describe('sentences', () => {
  it('does not cut at numbers, dates or abbreviations', () => {
    expect(
      sentences('Das sind 72.000 im Jahr. Ab 1. März geht es. Dr. Voss ist da. Next.js auch!').map(
        (s) => s.text,
      ),
    ).toEqual(['Das sind 72.000 im Jahr.', 'Ab 1. März geht es.', 'Dr. Voss ist da.', 'Next.js auch!']);
  });
});

describe('parseTranscript: Webex transcripts with a name and time line before each turn', () => {
  it('gives each turn its speaker', async () => {
    const { parseTranscript } = await import('./transcript.ts');
    const p = parseTranscript(
      [
        'Tom Berger (Nordjobs) 09:15:02',
        'Hallo Frau Aksoy, Berger von Nordjobs. Was verdienen Sie derzeit?',
        '',
        'Elif Aksoy 09:15:09',
        'Rund viertausend im Monat.',
        'Brutto natürlich.',
      ].join('\n'),
    );
    expect(p.labelled).toBe(true);
    expect(p.turns.map((t) => [t.speaker, t.role])).toEqual([
      ['Tom Berger (Nordjobs)', 'recruiter'],
      ['Elif Aksoy', 'counterpart'],
    ]);
    expect(p.turns[1]!.text).toBe('Rund viertausend im Monat.\nBrutto natürlich.');
  });
});
