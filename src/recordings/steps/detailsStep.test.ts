import { describe, expect, it } from 'vitest';
import type { RecordingDetails } from '../../webex/recordingsApi.ts';
import { detailsResult } from './detailsStep.ts';

const phoneRules = { defaultRegion: 'DE' as const, minDigits: 6 };
const details = (over: Partial<RecordingDetails['serviceData']> = {}, time = '2026-11-03T09:15:00Z') => ({
  id: 'r1',
  timeRecorded: time,
  serviceData: {
    personality: 'terminator',
    callingParty: { number: '0221 4445566' },
    calledParty: { number: '+49 30 1234567' },
    ...over,
  },
});

describe('detailsResult', () => {
  it('keeps the other party: the caller on a received call, the called number on an outgoing one', () => {
    const received = detailsResult(details(), { phoneRules, transcriptionProvider: 'openai' });
    expect(received.set).toMatchObject({ remote_number: '+492214445566', call_date: '2026-11-03' });
    const made = detailsResult(details({ personality: 'originator' }), {
      phoneRules,
      transcriptionProvider: 'openai',
    });
    expect(made.set.remote_number).toBe('+49301234567');
    expect(JSON.parse(made.set.details_json!)).toMatchObject({ id: 'r1' });
    expect(made.audit).toEqual({ event: 'details' });
  });

  it('downloads audio unless Webex transcribes, and stores no number that is none', () => {
    expect(detailsResult(details(), { phoneRules, transcriptionProvider: 'openai' }).next).toBe('download');
    const webex = detailsResult(details({ callingParty: { number: 'anonymous' } }), {
      phoneRules,
      transcriptionProvider: 'webex',
    });
    expect(webex.next).toBe('transcribe');
    expect(webex.set.remote_number).toBeNull();
  });
});
