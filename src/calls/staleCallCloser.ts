import type { Kysely } from 'kysely';
import type { Config } from '../config/config.ts';
import type { Call, DB } from '../db/schema.ts';
import type { EventBus, LiveEventDraft } from '../live/eventBus.ts';
import { withLiveEvents } from '../live/livePublisher.ts';
import type { Logger } from '../shared/logger.ts';
import { audienceOf } from './callAudience.ts';
import { describeCall } from './callView.ts';

/**
 * When a call that has not changed counts as suspicious (settings `STALE_*_MINUTES`). Webex may lose a
 * call's last event (a failed delivery, a restart mid-call): ringing rarely lasts two minutes, talking
 * gets no events at all, so by default a call in progress is asked about after a quarter of an hour and
 * then every run; one Webex cannot be asked about is closed after the longer close periods.
 */
export type StaleCallSettings = Pick<
  Config,
  | 'staleRingingCheckMinutes'
  | 'staleActiveCheckMinutes'
  | 'staleRingingCloseMinutes'
  | 'staleActiveCloseMinutes'
>;

/** The ids of a person's calls in progress at Webex, or null when Webex cannot tell (no own connection). */
export type ActiveCallLookup = (personId: string) => Promise<Set<string> | null>;

export interface StaleCallReport {
  checked: number;
  /** Closed because Webex no longer lists them. */
  endedAtWebex: number;
  /** Closed unconfirmed, after the longer wait, as Webex could not be asked. */
  closedUnconfirmed: number;
  /** Still in progress according to Webex. */
  stillActive: number;
}

/**
 * Ends calls whose end event never came: each suspicious call is checked against Webex's list of the
 * person's calls in progress; one no longer there, or one Webex cannot be asked about that is far past any
 * plausible length, is closed without an end time ("Ende unbekannt") and its pop-ups are told, so they
 * disappear. A late end event still fills in the end time (see the call state machine).
 */
export async function closeStaleCalls(
  deps: {
    db: Kysely<DB>;
    bus: EventBus;
    log: Logger;
    activeCalls: ActiveCallLookup;
    settings: StaleCallSettings;
  },
  now = Date.now(),
): Promise<StaleCallReport> {
  const iso = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
  const s = deps.settings;
  const suspicious = await deps.db
    .selectFrom('calls')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'ringing'), eb('last_event_at', '<', iso(s.staleRingingCheckMinutes))]),
        eb.and([
          eb('state', 'in', ['connected', 'held']),
          eb('last_event_at', '<', iso(s.staleActiveCheckMinutes)),
        ]),
      ]),
    )
    .orderBy('last_event_at')
    .limit(500)
    .execute();
  const report: StaleCallReport = { checked: 0, endedAtWebex: 0, closedUnconfirmed: 0, stillActive: 0 };
  const lookups = new Map<string, Promise<Set<string> | null>>();
  for (const call of suspicious) {
    report.checked++;
    let active = lookups.get(call.actor_person_id);
    if (!active) {
      active = deps.activeCalls(call.actor_person_id).catch(() => null);
      lookups.set(call.actor_person_id, active);
    }
    const atWebex = await active;
    if (atWebex?.has(call.webex_call_id)) {
      report.stillActive++;
      continue;
    }
    if (!atWebex) {
      const limit = call.state === 'ringing' ? s.staleRingingCloseMinutes : s.staleActiveCloseMinutes;
      if (call.last_event_at >= iso(limit)) continue;
    }
    if (await closeUnknownEnd(deps, call)) {
      if (atWebex) report.endedAtWebex++;
      else report.closedUnconfirmed++;
    }
  }
  if (report.endedAtWebex + report.closedUnconfirmed > 0) deps.log.info(report, 'stale calls closed');
  return report;
}

/** Closes one call, unless an event changed it meanwhile (then that event decides). */
async function closeUnknownEnd(deps: { db: Kysely<DB>; bus: EventBus }, call: Call): Promise<boolean> {
  return withLiveEvents(deps, async (trx) => {
    const state = call.answered_at || call.direction === 'outgoing' ? 'ended' : 'missed';
    const closed = await trx
      .updateTable('calls')
      .set({ state, ended_at: null, updated_at: new Date().toISOString() })
      .where('id', '=', call.id)
      .where('state', '=', call.state)
      .where('last_event_at', '=', call.last_event_at)
      .returningAll()
      .executeTakeFirst();
    if (!closed) return { result: false, live: [] };
    const live: LiveEventDraft = {
      userId: audienceOf(closed),
      type: 'call',
      payload: await describeCall(trx, closed),
    };
    return { result: true, live: [live] };
  });
}
