import type { WebexClient } from './webexApi.ts';

/**
 * The Webex calls about recordings (shared/webex/API.md, converged recordings), in one place for the
 * pipeline, the reconciler and the doctor. Errors come back typed from the client (WebexNotFound,
 * WebexForbidden, …); what they mean for the caller is the caller's business.
 */

/** A recording's details: its call and links that are valid for about three hours. */
export interface RecordingDetails {
  id: string;
  timeRecorded?: string;
  createTime?: string;
  temporaryDirectDownloadLinks?: {
    audioDownloadLink?: string;
    transcriptDownloadLink?: string;
    expiration?: string;
  };
  serviceData?: {
    callSessionId?: string | null;
    personality?: string;
    callingParty?: { number?: string | null; name?: string | null };
    calledParty?: { number?: string | null; name?: string | null };
  };
}

export interface RecordingListItem {
  id: string;
  ownerId?: string;
  status?: string;
}

export type RecordingListQuery = Record<string, string | number | undefined>;

const path = (webexRecordingId: string) => `/convergedRecordings/${encodeURIComponent(webexRecordingId)}`;

export function getRecordingDetails(client: WebexClient, webexRecordingId: string) {
  return client.request<RecordingDetails>('GET', path(webexRecordingId));
}

/** One page of the list (e.g. `max: 1` to see whether it can be read at all). */
export async function listRecordingsPage(client: WebexClient, query: RecordingListQuery) {
  const page = await client.request<{ items: RecordingListItem[] }>('GET', '/convergedRecordings', { query });
  return page.items;
}

/** Every page of the list. */
export function listAllRecordings(client: WebexClient, query: RecordingListQuery) {
  return client.listAll<RecordingListItem>('/convergedRecordings', query);
}

export async function deleteRecording(client: WebexClient, webexRecordingId: string): Promise<void> {
  await client.request('DELETE', path(webexRecordingId));
}
