import type { Call } from '../db/schema.ts';
import { EVERYONE } from '../live/liveEventStore.ts';

/** Actor id of calls reported through the compatibility endpoint without saying whose line rang. */
export const EVERYONE_ACTOR = `compat:${EVERYONE}`;

/**
 * Who gets a call's live events: the user whose line it is; everyone for calls of unknown line from the
 * compatibility endpoint (as the old workflow did); otherwise only admins (null).
 */
export function audienceOf(call: Pick<Call, 'user_id' | 'actor_person_id'>): string | null {
  if (call.user_id) return call.user_id;
  return call.actor_person_id === EVERYONE_ACTOR ? EVERYONE : null;
}
