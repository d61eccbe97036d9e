import { beforeAll, describe, expect, it } from 'vitest';
import { type CallExtraction, EVIDENCED_FIELDS } from '../../src/extraction/index.ts';
import type { OpenAiTestServer } from '../../src/testServer/openaiTestServer.ts';
import { aiStackSuite } from '../support/openAiStack.ts';
import { addCandidate } from '../support/records.ts';
import type { Stack } from '../support/stack.ts';
import { simRecording } from '../support/webexConnect.ts';

// A call where every field has real words to quote, so a planted value can lean on a real quote.
const TRANSCRIPT = [
  'Beraterin: Frau Lindqvist, was machen Sie im Moment beruflich?',
  'Kandidatin: Ich bin Einkäuferin bei der Hafenmühle Brandt GmbH in Kiel.',
  'Beraterin: Und was verdienen Sie da?',
  'Kandidatin: Dreitausendneunhundert brutto im Monat.',
  'Beraterin: Was wäre Ihr Ziel?',
  'Kandidatin: So fünfzig, dreiundfünfzig im Jahr wäre gut.',
  'Beraterin: Kündigungsfrist?',
  'Kandidatin: Vier Wochen zum Monatsende. Ab dem 1. März könnte ich anfangen.',
  'Beraterin: Würden Sie umziehen?',
  'Kandidatin: Nein, ich bleibe in Kiel. Zwei Tage Homeoffice wären mir wichtig.',
  'Kandidatin: Ich arbeite mit SAP MM und habe den Staplerschein.',
  'Beraterin: Gut, dann rufe ich Sie am Donnerstag an.',
].join('\n');

/** What a hallucinating model might answer: every value wrong, most leaning on a real quote. */
const PLANTED: CallExtraction = {
  callType: 'candidate',
  summary: 'Kandidatin möchte wechseln.',
  currentPosition: 'Vertriebsleiterin',
  currentEmployer: 'Nordsee Reederei',
  currentSalaryEur: 99000,
  salaryExpectationEur: { min: 50000, max: 65000 },
  noticePeriod: { amount: 3, unit: 'months', toEndOf: 'quarter' },
  availableFrom: '2027-04-01',
  willingToRelocate: true,
  workModel: 'remote',
  preferredLocations: ['Kiel', 'Berlin'],
  skills: ['SAP MM', 'SAP TM', 'Staplerschein'],
  nextSteps: ['Rückruf am Donnerstag'],
  followUpDate: '2027-01-15',
  evidence: {
    currentPosition: 'Ich bin Einkäuferin bei der Hafenmühle Brandt GmbH',
    // Quotes that are not in the transcript at all, and one missing quote (noticePeriod).
    currentEmployer: 'ich arbeite bei der Nordsee Reederei',
    currentSalaryEur: 'Dreitausendneunhundert brutto im Monat',
    salaryExpectationEur: 'So fünfzig, dreiundfünfzig im Jahr wäre gut',
    availableFrom: 'Ab dem 1. März könnte ich anfangen',
    willingToRelocate: 'Nein, ich bleibe in Kiel',
    workModel: 'Zwei Tage Homeoffice wären mir wichtig',
    followUpDate: 'dann rufe ich Sie am Donnerstag an',
  },
};

describe('evidence check against a model that hallucinates (openai-compatible test double)', () => {
  let ai: OpenAiTestServer;
  let stack: Stack;
  const suite = aiStackSuite();

  beforeAll(async () => {
    ({ ai, stack } = suite);
    await addCandidate(stack, {
      firstName: 'Ylva',
      lastName: 'Lindqvist',
      phones: ['0431 5556677'],
    });
  });

  it('writes none of the planted values and flags every one in German', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${ai.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await post('/_test/transcripts', { text: TRANSCRIPT });
    await post('/_test/completions', { record: PLANTED });
    const rec = (await simRecording(stack, {
      personId: stack.personId,
      callingNumber: '+494315556677',
      sizeBytes: 200_000,
    }).then((r) => r.json())) as { id: string };
    await stack.app.pipeline.drain(20_000);
    const row = await stack.recordingOf(rec.id);
    expect(row.status).toBe('done');
    const written = JSON.parse(row.extraction_json!) as CallExtraction;
    const flags = JSON.parse(row.flags_json!) as { field: string; reason: string }[];

    for (const f of EVIDENCED_FIELDS) expect(written[f], f).toBeNull();
    expect(written.evidence).toEqual({});
    expect(written.preferredLocations).toEqual(['Kiel']);
    expect(written.skills).toEqual(['SAP MM', 'Staplerschein']);
    // Every planted value is flagged, once, with a German reason.
    expect(flags.map((f) => f.field).sort()).toEqual(
      [...EVIDENCED_FIELDS, 'preferredLocations', 'skills'].sort(),
    );
    expect(Object.fromEntries(flags.map((f) => [f.field, f.reason]))).toMatchObject({
      currentPosition: '„Vertriebsleiterin“ steht nicht im Beleg',
      currentEmployer: 'Beleg steht nicht im Transkript',
      currentSalaryEur: 'Betrag 99.000 € folgt nicht aus dem Beleg',
      salaryExpectationEur: 'Betrag 65.000 € folgt nicht aus dem Beleg',
      noticePeriod: 'kein Beleg (Zitat fehlt)',
      availableFrom: 'Datum 01.04.2027 folgt nicht aus dem Beleg',
      willingToRelocate: 'Beleg sagt nicht, dass ein Umzug in Frage kommt',
      workModel: 'Arbeitsmodell „remote“ ist im Beleg nicht genannt',
      followUpDate: 'Datum 15.01.2027 folgt nicht aus dem Beleg',
      preferredLocations: '„Berlin“ kommt im Transkript nicht vor',
      skills: '„SAP TM“ kommt im Transkript nicht vor',
    });
    // Nothing of it reached the candidate.
    const cand = await stack.app.ctx.db
      .selectFrom('candidates')
      .selectAll()
      .where('last_name', '=', 'Lindqvist')
      .executeTakeFirstOrThrow();
    expect(cand).toMatchObject({
      current_position: null,
      current_employer: null,
      current_salary_eur: null,
      salary_expectation: null,
      notice_period: null,
      available_from: null,
      willing_to_relocate: null,
      work_model: null,
    });
  });
});
