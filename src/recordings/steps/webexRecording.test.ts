import { describe, expect, it } from 'vitest';
import { recordingRow } from '../../../test/support/stepTestDb.ts';
import type { WebexClient } from '../../webex/webexApi.ts';
import { WebexForbidden, WebexNotFound, WebexUnavailable } from '../../webex/webexErrors.ts';
import { PermanentFailure } from './stepResult.ts';
import { fetchDetails, freshDetails } from './webexRecording.ts';

function clientsAnswering(answer: () => unknown) {
  let calls = 0;
  const client: WebexClient = {
    async request<T>() {
      calls++;
      return answer() as T;
    },
    listAll: async () => [],
  };
  return { calls: () => calls, clients: { clientForPerson: async () => client } };
}
const throwing = (err: Error) => () => {
  throw err;
};
const linksUntil = (ms: number) =>
  JSON.stringify({
    id: 's',
    temporaryDirectDownloadLinks: { expiration: new Date(Date.now() + ms).toISOString() },
  });

describe('recording details from Webex', () => {
  it('keeps stored links that hold for another minute, and fetches when they run out', async () => {
    const fetched = { id: 'fetched' };
    const w = clientsAnswering(() => fetched);
    const stored = await freshDetails(
      w.clients,
      recordingRow({ id: 'a', details_json: linksUntil(5 * 60_000) }),
    );
    expect(stored.id).toBe('s');
    expect(w.calls()).toBe(0);
    expect(await freshDetails(w.clients, recordingRow({ id: 'b', details_json: linksUntil(30_000) }))).toBe(
      fetched,
    );
    expect(await freshDetails(w.clients, recordingRow({ id: 'c' }))).toBe(fetched);
    expect(w.calls()).toBe(2);
  });

  it('stops for good on a recording that is gone or not readable, retries the rest', async () => {
    const rec = recordingRow({ id: 'd' });
    await expect(
      fetchDetails(clientsAnswering(throwing(new WebexNotFound('x', null))).clients, rec),
    ).rejects.toThrow(new PermanentFailure('Aufnahme gibt es bei Webex nicht (mehr)'));
    await expect(
      fetchDetails(clientsAnswering(throwing(new WebexForbidden('x', null))).clients, rec),
    ).rejects.toBeInstanceOf(PermanentFailure);
    await expect(
      fetchDetails(clientsAnswering(throwing(new WebexUnavailable('502'))).clients, rec),
    ).rejects.toBeInstanceOf(WebexUnavailable);
  });
});
