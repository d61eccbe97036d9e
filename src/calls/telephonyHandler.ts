import type { Logger } from 'pino';
import type { Dialect } from '../db/migrationHelpers.ts';
import type { PhoneRules } from '../phone/phoneNumber.ts';
import { maskNumber } from '../phone/phoneNumber.ts';
import type { DeliveryHandler } from '../webhooks/deliveryIntake.ts';
import { recordCallEvent } from './callEventRecorder.ts';
import { telephonyData, toTelephonyEvent } from './telephonyEvent.ts';

/** Webhook handler for `telephony_calls`: one delivery → one call event. */
export function telephonyHandler(deps: {
  rules: PhoneRules;
  dialect: Dialect;
  log: Logger;
}): DeliveryHandler {
  return async (trx, envelope) => {
    const event = toTelephonyEvent(
      telephonyData.parse(envelope.data),
      envelope.actorId ?? envelope.createdBy ?? null,
    );
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
    return { status: 'processed', outcome: `${event.eventType}: ${r.outcome}`, live: r.live ? [r.live] : [] };
  };
}
