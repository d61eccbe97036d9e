import { describe, expect, it } from 'vitest';
import { infinitive, todoOf } from './todoPhrase.ts';

const day = '2026-12-01'; // a Tuesday

describe('todoOf: what was said → the recruiter’s to-do', () => {
  it('moves the verb to the end as an infinitive, joined with its particle', () => {
    expect(todoOf('Ich leite Ihren Lebenslauf an die Kanzlei Roth weiter', day)).toBe(
      'Lebenslauf an die Kanzlei Roth weiterleiten',
    );
    expect(todoOf('Wir bereiten das Gespräch mit der Werkleitung vor', day)).toBe(
      'Gespräch mit der Werkleitung vorbereiten',
    );
    expect(todoOf('Dann frage ich beim Kunden nach', day)).toBe('Beim Kunden nachfragen');
    expect(todoOf('Ich würde Ihnen eine kurze Zusammenfassung mailen', day)).toBe(
      'Kurze Zusammenfassung mailen',
    );
  });

  it('names the other person where they are the object, drops them where they receive', () => {
    expect(todoOf('Ich trage Sie in unsere Datenbank ein', day, { counterpart: 'Kandidat' })).toBe(
      'Kandidat in Datenbank eintragen',
    );
    expect(todoOf('ich schick dir die Eckdaten', day, { counterpart: 'Kandidat' })).toBe('Eckdaten schicken');
    // A pronoun that goes takes its preposition along ("bei uns", "mit mir").
    expect(todoOf('Dann nehme ich Sie bei uns in die Kartei auf', day, { counterpart: 'Kandidatin' })).toBe(
      'Kandidatin in die Kartei aufnehmen',
    );
    expect(todoOf('Ich lege dich bei uns an', day, { counterpart: 'Kandidat' })).toBe('Kandidat anlegen');
  });

  it('turns call-backs into "Rückruf" with the day and the time when said', () => {
    expect(todoOf('Ich melde mich am Donnerstag um elf bei Ihnen', day)).toBe('Rückruf Do 03.12. um elf');
    expect(todoOf('Übermorgen rufe ich Sie zurück', day)).toBe('Rückruf Do 03.12.');
    expect(todoOf('wir telefonieren nach dem Jahreswechsel', day)).toBe('Rückruf nach dem Jahreswechsel');
  });

  it('keeps a subordinate clause after the verb', () => {
    expect(todoOf('Ich prüfe mit der Personalabteilung, ob Teilzeit geht', day)).toBe(
      'Mit der Personalabteilung prüfen, ob Teilzeit geht',
    );
  });

  it('makes what the other side does something to wait for', () => {
    expect(todoOf('Sie mailen mir Ihre Zeugnisse', day)).toBe('Zeugnisse abwarten');
    expect(todoOf('Schicken Sie mir bitte die Referenzen', day)).toBe('Referenzen abwarten');
    expect(todoOf('Sie geben mir Bescheid', day)).toBe('Rückmeldung abwarten');
  });

  it('continues the actor of the clause before ("… und rufe Sie an")', () => {
    expect(todoOf('rufe Sie morgen Nachmittag an', day)).toBeNull();
    expect(todoOf('rufe Sie morgen Nachmittag an', day, { actor: 'we' })).toBe('Rückruf Mi 02.12.');
  });
});

describe('infinitive', () => {
  it('forms the infinitive of first-person verbs', () => {
    expect(infinitive('buche', false)).toBe('buchen');
    expect(infinitive('schick', false)).toBe('schicken');
    expect(infinitive('ändere', false)).toBe('ändern');
    expect(infinitive('wechsle', false)).toBe('wechseln');
    expect(infinitive('notiere', false)).toBe('notieren');
    expect(infinitive('stelle', false)).toBe('stellen');
    expect(infinitive('klären', true)).toBe('klären');
  });
});
