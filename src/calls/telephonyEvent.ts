import { z } from 'zod';

/**
 * The parts of a `telephony_calls` delivery CallBridge uses (see shared/webex/API.md §5). Webex adds
 * fields and event types over time: unknown ones pass through, absent optional ones are tolerated.
 */
const remoteParty = z
  .object({
    name: z.string().nullish(),
    number: z.string().nullish(),
    personId: z.string().nullish(),
    privacyEnabled: z.boolean().nullish(),
    callType: z.string().nullish(),
  })
  .loose();

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'kein gültiger Zeitstempel');

export const telephonyData = z
  .object({
    eventType: z.string().min(1),
    eventTimestamp: isoTime,
    actorPersonId: z.string().min(1).nullish(),
    callId: z.string().min(1),
    callSessionId: z.string().nullish(),
    personality: z.string().nullish(),
    state: z.string().nullish(),
    remoteParty: remoteParty.nullish(),
    created: isoTime.nullish(),
    answered: isoTime.nullish(),
    disconnected: isoTime.nullish(),
  })
  .loose();
export type TelephonyData = z.infer<typeof telephonyData>;

export interface TelephonyEvent {
  eventType: string;
  eventTimestamp: string;
  actorPersonId: string;
  callId: string;
  callSessionId: string | null;
  direction: 'incoming' | 'outgoing' | 'unknown';
  state: string | null;
  remoteNumber: string | null;
  remoteName: string | null;
  remoteCallType: string | null;
  created: string | null;
  answered: string | null;
  disconnected: string | null;
}

/** Names are shown in a pop-up: kept to a length a person can read, not whatever a delivery carried. */
export const MAX_NAME_LENGTH = 200;
const shortText = (s: string | null | undefined) =>
  s ? (s.length > MAX_NAME_LENGTH ? `${s.slice(0, MAX_NAME_LENGTH - 1)}…` : s) : (s ?? null);

const iso = (s: string | null | undefined) => (s ? new Date(s).toISOString() : null);

export function toTelephonyEvent(data: TelephonyData, fallbackActor: string | null): TelephonyEvent | null {
  const actor = data.actorPersonId ?? fallbackActor;
  if (!actor) return null;
  const personality = data.personality ?? '';
  return {
    eventType: data.eventType,
    eventTimestamp: iso(data.eventTimestamp)!,
    actorPersonId: actor,
    callId: data.callId,
    callSessionId: data.callSessionId ?? null,
    direction:
      personality === 'terminator'
        ? 'incoming'
        : personality === 'originator' || personality === 'clickToDial'
          ? 'outgoing'
          : 'unknown',
    state: data.state ?? null,
    remoteNumber: data.remoteParty?.privacyEnabled ? null : (data.remoteParty?.number ?? null),
    remoteName: shortText(data.remoteParty?.name),
    remoteCallType: data.remoteParty?.callType ?? null,
    created: iso(data.created),
    answered: iso(data.answered),
    disconnected: iso(data.disconnected),
  };
}
