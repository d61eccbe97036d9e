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

describe('skills as the answer to a question about tasks, tools or certificates', () => {
  const asked = (question: string, answer: string) =>
    extractWithRules([`Berater: Sie hatten sich beworben. ${question}`, `Bewerber: ${answer}`].join('\n'), {
      callDate: '2026-12-01',
    }).extraction.skills;

  it('takes each item of an enumeration the answer makes, tools outside the vocabulary too', () => {
    expect(
      asked('Was machen Sie da hauptsächlich?', 'Fugenschnitt, Estrichverlegung und Abdichtung.'),
    ).toEqual(['Fugenschnitt', 'Estrichverlegung', 'Abdichtung']);
    expect(
      asked('Was nutzen Sie an Programmen?', 'Das Übliche, Word, Outlook und ein bisschen Visio.'),
    ).toEqual(['Word', 'Outlook', 'Visio']);
    // "X mit Y": both are the person's own.
    expect(asked('Womit arbeiten Sie?', 'Kalkulation mit Nevaris, dazu Baustellenplanung.')).toEqual(
      expect.arrayContaining(['Nevaris', 'Baustellenplanung']),
    );
  });

  it('takes no places, no single word and nothing after another question', () => {
    expect(asked('Was machen Sie da genau?', 'Hamburg, Bremen und Kiel.')).toEqual([]);
    expect(asked('Was machen Sie da genau?', 'Verwaltung.')).toEqual([]);
    expect(asked('Was verdienen Sie?', 'Stundenlohn, Zuschläge und Prämie.')).toEqual([]);
  });

  it('reads the sentences after the question in a stream with punctuation', () => {
    const e = extractWithRules(
      'Hallo Herr Roth, Sie hatten sich beworben. Welche Scheine haben Sie? Führerschein CE, Modul 95 und den Kranschein. Und was verdienen Sie? 3100 brutto.',
      { callDate: '2026-12-01' },
    ).extraction;
    expect(e.skills).toEqual(expect.arrayContaining(['Führerschein CE', 'Modul 95', 'Kranschein']));
  });

  it('reads certificates, care tasks and office tools of the vocabulary', () => {
    expect(skills('Grundpflege und Behandlungspflege, Lymphdrainage mach ich auch.')).toEqual(
      expect.arrayContaining(['Grundpflege', 'Behandlungspflege', 'Lymphdrainage']),
    );
    expect(skills('Ich hab den LKW-Führerschein Klasse CE und HACCP.')).toEqual(
      expect.arrayContaining(['Führerschein CE', 'HACCP']),
    );
  });

  it('takes no skill from a job title ("Controllerin")', () => {
    expect(skills('Ich bin Controllerin, mache viel mit Excel.')).not.toContain('Controlling');
  });
});

describe('skills: certificates apart from the craft, a tool name that is also a word', () => {
  it('tells the welding certificate from welding, and the processes', () => {
    expect(skills('Einen Schweißerpass hab ich, MAG und WIG.')).toEqual(
      expect.arrayContaining(['Schweißschein', 'MAG-Schweißen', 'WIG-Schweißen']),
    );
    expect(skills('Einen Schweißerpass hab ich.')).not.toContain('Schweißen');
  });

  it('takes "Chef" only next to other configuration tools, never "mein Chef"', () => {
    expect(skills('Mein Chef weiß das. Ich arbeite mit Ansible, Chef und Puppet.')).toEqual(
      expect.arrayContaining(['Ansible', 'Chef', 'Puppet']),
    );
    expect(skills('Das sagt mein Chef.')).not.toContain('Chef');
  });

  it('reads a forklift said without "Schein" and the reach truck', () => {
    expect(skills('Stapler fahr ich, auch Schubmaststapler, und Inventur mach ich.')).toEqual(
      expect.arrayContaining(['Staplerschein', 'Schubmaststapler', 'Inventur']),
    );
  });
});

describe('skills listed after the job in a job answer', () => {
  const job = (question: string, answer: string) =>
    extractWithRules([`Berater: Sie hatten sich beworben. ${question}`, `Bewerberin: ${answer}`].join('\n'), {
      callDate: '2026-12-01',
    }).extraction.skills;

  it('takes a list of three or more in the sentence after the job', () => {
    expect(
      job(
        'Sie sind Verwaltungsfachangestellte?',
        'Ja, im Ordnungsamt, seit vier Jahren. Gewerberecht, Fund- und Verlustsachen, Bußgeldverfahren.',
      ),
    ).toEqual(['Gewerberecht', 'Fund- und Verlustsachen', 'Bußgeldverfahren']);
  });

  it('takes no pair after the job and nothing from the job sentence itself', () => {
    expect(
      job('Sie sind Verwaltungsfachangestellte?', 'Ja, im Ordnungsamt. Gewerberecht und Bußgeld.'),
    ).toEqual([]);
    expect(job('Was machen Sie beruflich?', 'Verwaltung, Empfang, Telefon.')).toEqual([]);
  });

  it('reads "Was gehört zu Ihrem Alltag?" as a skill question', () => {
    expect(job('Was gehört zu Ihrem Alltag?', 'Tourenplanung, Reklamationen und Fahrerabrechnung.')).toEqual([
      'Tourenplanung',
      'Reklamationen',
      'Fahrerabrechnung',
    ]);
  });
});

describe('skills: "Was bringen Sie mit?", a skill still to be learnt right after its name', () => {
  const asked = (question: string, answer: string) =>
    extractWithRules([`Berater: Sie hatten sich beworben. ${question}`, `Bewerber: ${answer}`].join('\n'), {
      callDate: '2026-12-01',
    }).extraction.skills;

  it('reads the answer to "Was bringen Sie mit?" as a list', () => {
    expect(asked('Was bringen Sie mit?', 'Kranschein, Hubsteiger und Excel.')).toEqual(
      expect.arrayContaining(['Kranschein', 'Hubsteiger', 'Excel']),
    );
  });

  it('drops only the skill that is still to come', () => {
    expect(asked('Welche Kenntnisse haben Sie?', 'DATEV jeden Tag, Power BI lerne ich gerade.')).toEqual([
      'DATEV',
    ]);
    expect(asked('Welche Kenntnisse haben Sie?', 'Lymphdrainage, Bobath mach ich nächstes Jahr.')).toEqual([
      'Lymphdrainage',
    ]);
  });
});
