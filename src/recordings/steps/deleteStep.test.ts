import { describe, expect, it } from 'vitest';
import { recordingRow } from '../../../test/support/stepTestDb.ts';
import type { WebexClient } from '../../webex/webexApi.ts';
import { WebexForbidden, WebexNotFound } from '../../webex/webexErrors.ts';
import { deleteStep } from './deleteStep.ts';
import { PermanentFailure } from './stepResult.ts';

/** A Webex client whose DELETE answers with `answer` and that records what was asked. */
function clientsAnswering(answer: Error | null) {
  const asked: string[] = [];
  const client: WebexClient = {
    async request<T>(method: string, path: string) {
      asked.push(`${method} ${path}`);
      if (answer) throw answer;
      return undefined as T;
    },
    listAll: async () => [],
  };
  return { asked, clients: { clientForPerson: async () => client } };
}

describe('deleteStep', () => {
  it('deletes the recording at Webex and stores the confirmation', async () => {
    const { asked, clients } = clientsAnswering(null);
    const r = await deleteStep({ clients }, recordingRow({ id: 'a', webex_recording_id: 'x/1' }));
    expect(asked).toEqual(['DELETE /convergedRecordings/x%2F1']);
    expect(r.next).toBe('done');
    expect(r.set.deletion_confirmation).toBe('DELETE bestätigt (HTTP 2xx)');
    expect(r.audit).toEqual({ event: 'deleted_at_webex', detail: 'deleted' });
  });

  it('counts a recording that is gone already (404) as deleted, and passes other errors on', async () => {
    const gone = await deleteStep(
      clientsAnswering(new WebexNotFound('weg', null)),
      recordingRow({ id: 'b' }),
    );
    expect(gone.set.deletion_confirmation).toBe('DELETE: 404, war schon gelöscht');
    expect(gone.audit?.detail).toBe('already gone (404)');
    await expect(
      deleteStep(clientsAnswering(new WebexForbidden('nein', null)), recordingRow({ id: 'c' })),
    ).rejects.toBeInstanceOf(WebexForbidden);
  });

  it('stops for good when the owning line is unknown', async () => {
    const { asked, clients } = clientsAnswering(null);
    await expect(
      deleteStep({ clients }, recordingRow({ id: 'd', owner_person_id: null })),
    ).rejects.toBeInstanceOf(PermanentFailure);
    expect(asked).toEqual([]);
  });
});
