import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { EventBus } from '../live/eventBus.ts';
import { withLiveEvents } from '../live/livePublisher.ts';
import { NotFoundError } from '../shared/errors.ts';
import { audienceOf } from './callAudience.ts';
import { type CallView, describeCall, recordSummary } from './callView.ts';

/**
 * A person chose which record a call is about (a number on several records, or a different one): the
 * call is linked to it for good, the recording's note goes there, and every open pop-up and call screen
 * shows it.
 */
export async function chooseCallRecord(
  deps: { db: Kysely<DB>; bus: EventBus },
  callId: string,
  record: { type: 'lead' | 'candidate'; id: string },
): Promise<CallView> {
  return withLiveEvents(deps, async (trx) => {
    if (!(await recordSummary(trx, record.type, record.id)))
      throw new NotFoundError(record.type === 'lead' ? 'Lead' : 'Kandidat');
    const now = new Date().toISOString();
    const call = await trx
      .updateTable('calls')
      .set({ matched_type: record.type, matched_id: record.id, record_confirmed: 1, updated_at: now })
      .where('id', '=', callId)
      .returningAll()
      .executeTakeFirst();
    if (!call) throw new NotFoundError('Anruf');
    const view = await describeCall(trx, call);
    return { result: view, live: [{ userId: audienceOf(call), type: 'call', payload: view }] };
  });
}
