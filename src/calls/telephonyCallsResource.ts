import type { Logger } from 'pino';
import type { PhoneRules } from '../phone/phoneNumber.ts';
import { maskNumber } from '../phone/phoneNumber.ts';
import type { WebhookResource } from '../webhooks/webhookResource.ts';
import { recordCallEvent } from './callEventRecorder.ts';
import { type TelephonyData, telephonyData, toTelephonyEvent } from './telephonyEvent.ts';

/** The actor a delivery is about: the event's own, else the envelope's. */
const actorOf = (d: TelephonyData, envelope: { actorId?: string | null; createdBy?: string | null }) =>
  d.actorPersonId ?? envelope.actorId ?? envelope.createdBy ?? '';

/** The `telephony_calls` webhook resource: one delivery → one call event. */
export function telephonyCallsResource(deps: {
  rules: PhoneRules;
  log: Logger;
}): WebhookResource<TelephonyData> {
  return {
    resource: 'telephony_calls',
    schema: telephonyData,
    dedupeKey: (d, envelope) =>
      `${d.callId}|${actorOf(d, envelope)}|${d.eventType}|${new Date(d.eventTimestamp).toISOString()}`,
    lockKey: (d, envelope) => `${d.callId}|${actorOf(d, envelope)}`,
    apply: async (trx, { envelope, data }) => {
      const event = toTelephonyEvent(data, envelope.actorId ?? envelope.createdBy ?? null);
      if (!event) return { status: 'ignored', outcome: 'no actor person', live: [] };
      const r = await recordCallEvent(trx, deps, event);
      if (r.outcome === 'ignored_short_number') {
        deps.log.info(
          { number: maskNumber(event.remoteNumber), eventType: event.eventType },
          'call ignored: number shorter than minimum',
        );
        return { status: 'ignored', outcome: 'number too short', live: [] };
      }
      if (r.outcome === 'ignored_long_number') {
        // Longer than E.164 allows: a broken or hostile delivery; the number is neither stored nor logged.
        deps.log.warn(
          { length: event.remoteNumber?.length ?? 0, eventType: event.eventType },
          'call ignored: number longer than E.164 allows',
        );
        return { status: 'ignored', outcome: 'number too long', live: [] };
      }
      return {
        status: 'processed',
        outcome: `${event.eventType}: ${r.outcome}`,
        live: r.live ? [r.live] : [],
      };
    },
  };
}
