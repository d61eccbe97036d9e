import { describe, expect, it } from 'vitest';
import { employerIn, nominative } from './employerName.ts';

const name = (text: string) => employerIn(text, true)?.name ?? null;

describe('nominative: company names after a preposition', () => {
  it('turns dative plurals and their adjectives back ("den Wasserwerken" → "Wasserwerke")', () => {
    expect(nominative('Wasserwerken Lüneburg', 'den')).toBe('Wasserwerke Lüneburg');
    expect(nominative('Vereinigten Verkehrsbetrieben', 'den')).toBe('Vereinigte Verkehrsbetriebe');
    expect(nominative('Maltesern', 'den')).toBe('Malteser');
    // Without an article the plural noun still tells the case ("bei Stahlwerken Thüringen").
    expect(nominative('Stahlwerken Thüringen', null)).toBe('Stahlwerke Thüringen');
  });

  it('gives adjectives their nominative ending by the article and the noun’s gender', () => {
    expect(nominative('Sächsischen Zeitung', 'der')).toBe('Sächsische Zeitung');
    expect(nominative('Hessischen Rundfunk', 'dem')).toBe('Hessischer Rundfunk');
    expect(nominative('Städtischen Klinikum Solingen', 'dem')).toBe('Städtisches Klinikum Solingen');
    // Words that do not inflect stay as they are.
    expect(nominative('Kölner Verkehrs-Betriebe', 'den')).toBe('Kölner Verkehrs-Betriebe');
    expect(nominative('Kliniken Nordoberpfalz', 'den')).toBe('Kliniken Nordoberpfalz');
  });
});

describe('employerIn: names with titles, abbreviations and legal forms', () => {
  it('reads the name after "bei", "beim", "bei der/den" in the nominative', () => {
    expect(name('Ich bin seit 2019 bei den Stadtwerken Bielefeld angestellt.')).toBe('Stadtwerke Bielefeld');
    expect(name('Ich fahre beim Bayerischen Roten Kreuz in Passau.')).toBe('Bayerisches Rotes Kreuz');
    expect(name('Ich arbeite bei der Thüringer Aufbaubank.')).toBe('Thüringer Aufbaubank');
  });

  it('keeps dots of abbreviations and legal forms inside the name', () => {
    expect(name('Ich bin Schlosser bei Gebr. Ahlers in Vechta.')).toBe('Gebr. Ahlers');
    expect(name('Seit drei Jahren bei der Hansen Logistik GmbH & Co. KG, als Disponent.')).toBe(
      'Hansen Logistik GmbH & Co. KG',
    );
    expect(name('Ich bin Erzieherin beim Kinderschutzbund Celle e. V. und da zufrieden.')).toBe(
      'Kinderschutzbund Celle e. V.',
    );
    expect(name('Ich bin Buchhalter bei der H. Lüders KG.')).toBe('H. Lüders KG');
  });
});

describe('employerIn: inns, practices, Swiss "bi de", "für die …"', () => {
  it('reads institution compounds and names with "zur", "zum", "Dr."', () => {
    expect(name('Ich bin Koch im Gasthof zum Löwen in Kempten.')).toBe('Gasthof zum Löwen');
    expect(name('Ich bin Rezeptionistin im Seehotel Ammersee.')).toBe('Seehotel Ammersee');
    expect(name('Ich arbeite in der Praxis Dr. Hansen in Kiel.')).toBe('Praxis Dr. Hansen');
  });

  it('reads Swiss "bi de" as "bei der" and stops a name before "ja" or "genau"', () => {
    expect(name('Ich schaffe bi de Holzbau Keller AG.')).toBe('Holzbau Keller AG');
    expect(employerIn('sie sind bei der stadtbau ja genau seit zwei jahren', false)?.name).toBe('stadtbau');
  });

  it('reads "für die/den …" only when asked for', () => {
    expect(employerIn('Ich fahre für die Spedition Krüger.', true, true)?.name).toBe('Spedition Krüger');
    expect(employerIn('Ich fahre für den Hessischen Rundfunk.', true, true)?.name).toBe(
      'Hessischer Rundfunk',
    );
    expect(employerIn('Ich fahre für die Spedition Krüger.', true)).toBeNull();
    expect(employerIn('Ich suche was für die Zukunft.', true, true)).toBeNull();
  });
});
