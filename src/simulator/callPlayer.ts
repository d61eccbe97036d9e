import { randomUUID } from 'node:crypto';
import { type DeliveryConfig, type DeliveryOptions, deliver, subscribersFor } from './deliverer.ts';
import type { SimCall, SimDelivery, SimState } from './simState.ts';
import { webexId } from './webexIds.ts';

export type CallScenario = 'answered' | 'missed' | 'ringing';

export interface CallFaults {
  /** Send every delivery twice. */
  duplicate?: boolean;
  /** Send the call's deliveries in reverse order. */
  outOfOrder?: boolean;
  /** Omit X-Spark-Signature. */
  unsigned?: boolean;
  /** Sign with the wrong secret. */
  forged?: boolean;
  /** Send a body that is not JSON. */
  malformed?: boolean;
  /** The call ends at "Webex" but its end event (`disconnected`) is never delivered. */
  dropEnd?: boolean;
}

export interface PlayCallInput {
  personId: string;
  from: string | null;
  name?: string | null;
  direction?: 'incoming' | 'outgoing';
  scenario?: CallScenario;
  /** Pause between the steps of the call (ringing → answered → hung up). */
  stepDelayMs?: number;
  /** How long the call is talked before hanging up, when answered. */
  talkMs?: number;
  faults?: CallFaults;
}

interface Step {
  event: 'created' | 'updated' | 'deleted';
  data: Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The `data` of a telephony_calls delivery for the call's current state (shared/webex/API.md §5). */
export function telephonyData(state: SimState, call: SimCall, eventType: string): Record<string, unknown> {
  return {
    eventType,
    eventTimestamp: new Date().toISOString(),
    actorPersonId: call.personId,
    orgId: state.orgId,
    callId: call.callId,
    callSessionId: call.callSessionId,
    personality: call.personality,
    state: call.state,
    remoteParty: {
      ...(call.remoteName ? { name: call.remoteName } : {}),
      ...(call.remoteNumber ? { number: call.remoteNumber } : {}),
      privacyEnabled: call.remoteNumber === null,
      callType:
        call.remoteNumber && call.remoteNumber.replace(/\D/g, '').length <= 4 ? 'location' : 'external',
    },
    appearance: 1,
    created: call.created,
    ...(call.answered ? { answered: call.answered } : {}),
    ...(call.disconnected ? { disconnected: call.disconnected } : {}),
    ...(call.state === 'connected' ? { recordingState: 'started' } : {}),
  };
}

export class CallPlayer {
  #state: SimState;
  #cfg: DeliveryConfig;

  constructor(state: SimState, cfg: DeliveryConfig) {
    this.#state = state;
    this.#cfg = cfg;
  }

  start(input: PlayCallInput): SimCall {
    const call: SimCall = {
      callId: webexId('CALL'),
      callSessionId: randomUUID(),
      personId: input.personId,
      remoteNumber: input.from,
      remoteName: input.name ?? null,
      personality: input.direction === 'outgoing' ? 'originator' : 'terminator',
      state: 'alerting',
      created: new Date().toISOString(),
      answered: null,
      disconnected: null,
    };
    this.#state.calls.set(call.callId, call);
    return call;
  }

  /** Plays a whole call and returns every delivery made. */
  async play(input: PlayCallInput): Promise<{ call: SimCall; deliveries: SimDelivery[] }> {
    const call = this.start(input);
    const scenario = input.scenario ?? 'answered';
    const delay = input.stepDelayMs ?? 0;
    const steps: (() => Step)[] = [() => this.#ring(call)];
    if (scenario === 'answered') steps.push(() => this.#answer(call));
    if (scenario !== 'ringing') steps.push(() => this.#hangup(call));
    const deliveries: SimDelivery[] = [];
    const faults = input.faults ?? {};
    if (faults.outOfOrder) {
      // Build every step first (timestamps in true order), then deliver them backwards.
      const built: Step[] = [];
      for (const [i, s] of steps.entries()) {
        if (i > 0 && delay) await sleep(delay);
        built.push(s());
      }
      for (const step of built.reverse()) deliveries.push(...(await this.#send(call, step, faults)));
      return { call, deliveries };
    }
    for (const [i, s] of steps.entries()) {
      if (i > 0)
        await sleep(i === steps.length - 1 && scenario === 'answered' ? (input.talkMs ?? delay) : delay);
      deliveries.push(...(await this.#send(call, s(), faults)));
    }
    return { call, deliveries };
  }

  async answer(callId: string, faults: CallFaults = {}): Promise<SimDelivery[]> {
    const call = this.#get(callId);
    if (call.state !== 'alerting') throw new Error(`call is ${call.state}, not ringing`);
    return this.#send(call, this.#answer(call), faults);
  }

  async hangup(callId: string, faults: CallFaults = {}): Promise<SimDelivery[]> {
    const call = this.#get(callId);
    if (call.state === 'disconnected') throw new Error('call has already ended');
    return this.#send(call, this.#hangup(call), faults);
  }

  #get(callId: string): SimCall {
    const call = this.#state.calls.get(callId);
    if (!call) throw new Error(`unknown call ${callId}`);
    return call;
  }

  #ring(call: SimCall): Step {
    call.state = 'alerting';
    return {
      event: 'created',
      data: telephonyData(this.#state, call, call.personality === 'originator' ? 'originated' : 'alerting'),
    };
  }

  #answer(call: SimCall): Step {
    call.state = 'connected';
    call.answered = new Date().toISOString();
    return { event: 'created', data: telephonyData(this.#state, call, 'answered') };
  }

  #hangup(call: SimCall): Step {
    call.state = 'disconnected';
    call.disconnected = new Date().toISOString();
    return { event: 'deleted', data: telephonyData(this.#state, call, 'disconnected') };
  }

  async #send(call: SimCall, step: Step, faults: CallFaults): Promise<SimDelivery[]> {
    if (faults.dropEnd && step.event === 'deleted') return [];
    const hooks = subscribersFor(this.#state, 'telephony_calls', step.event, call.personId, step.data);
    const opts: DeliveryOptions = {
      signature: faults.unsigned ? 'none' : faults.forged ? 'invalid' : 'valid',
      ...(faults.malformed ? { rawBody: '{"resource":"telephony_calls","event":' } : {}),
    };
    const out: SimDelivery[] = [];
    for (const hook of hooks) {
      out.push(await deliver(this.#state, this.#cfg, hook, step.event, call.personId, step.data, opts));
      if (faults.duplicate)
        out.push(await deliver(this.#state, this.#cfg, hook, step.event, call.personId, step.data, opts));
    }
    return out;
  }
}
