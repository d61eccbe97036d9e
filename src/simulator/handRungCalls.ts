import { z } from 'zod';
import type { CallPlayer, CallScenario } from './callPlayer.ts';
import { subscribersFor } from './deliverer.ts';
import type { SimRecording, SimRecordings } from './simRecordings.ts';
import type { SimCall, SimPerson, SimState } from './simState.ts';

const vtt = (cues: [string, string][]) =>
  `WEBVTT\n\n${cues.map(([who, text], i) => `${i + 1}\n00:00:${String(i * 4).padStart(2, '0')}.000 --> 00:00:${String(i * 4 + 4).padStart(2, '0')}.000\n<v ${who}>${text}</v>`).join('\n\n')}\n`;

/** What a hand-rung call says when no demo conversation is chosen; it says itself that it is a test. */
export const GENERIC_TRANSCRIPT = vtt([
  ['Recruiter', 'Guten Tag, hier ist die Personalagentur. Das ist ein Testanruf aus dem Webex-Simulator.'],
  ['Anrufer', 'Guten Tag. Ich rufe wegen einer neuen Stelle an und wollte hören, wie es weitergeht.'],
  ['Recruiter', 'Gern. Ich schicke Ihnen die Unterlagen per E-Mail und rufe Sie morgen zurück.'],
  ['Anrufer', 'Danke, bis morgen.'],
]);

export interface RecordingChoice {
  key: string;
  label: string;
  transcript: string;
}

/** "Allgemeines Testgespräch" plus one choice per demo number that has a conversation. */
export function recordingChoices(
  demoNumbers: { number: string; name?: string; transcript?: string }[],
): RecordingChoice[] {
  return [
    { key: 'generic', label: 'Allgemeines Testgespräch (deutsch)', transcript: GENERIC_TRANSCRIPT },
    ...demoNumbers.flatMap((n, i) =>
      n.transcript
        ? [{ key: `demo:${i}`, label: `Demo-Gespräch ${n.name ?? n.number}`, transcript: n.transcript }]
        : [],
    ),
  ];
}

/** Like Webex Calling: an answered, recorded call yields a recording with Webex's transcript. */
export async function recordAfterCall(
  recordings: SimRecordings,
  notify: (r: SimRecording) => Promise<unknown[]>,
  call: SimCall,
  transcript: string,
): Promise<{ recording: SimRecording; deliveries: number }> {
  const recording = recordings.add({
    ownerId: call.personId,
    transcript,
    callSessionId: call.callSessionId,
    callingNumber: call.remoteNumber,
    durationSeconds: 8,
  });
  return { recording, deliveries: (await notify(recording)).length };
}

export interface HandRungCall {
  callId: string;
  at: string;
  from: string | null;
  person: string;
  scenario: CallScenario;
  recording: RecordingChoice | null;
  /** What the page told the person would happen, in order. */
  expectations: { text: string; warning: boolean }[];
  recordingId: string | null;
  recordingDeliveries: number | null;
}

const STEP_DELAY_MS = 4000;
const TALK_MS = 8000;

const form = z.object({
  from: z.string().trim().max(40).optional(),
  name: z.string().trim().max(80).optional(),
  personId: z.string().optional(),
  scenario: z.enum(['answered', 'missed', 'ringing']).default('answered'),
  dropEnd: z.literal('1').optional(),
  recording: z.string().max(20).default('generic'),
});

/** Calls rung from the simulator's page: played, recorded if chosen, and listed with what happens. */
export class HandRungCalls {
  readonly recent: HandRungCall[] = [];
  readonly choices: RecordingChoice[];
  readonly #state: SimState;
  readonly #player: CallPlayer;
  readonly #recordings: SimRecordings;
  readonly #notify: (r: SimRecording) => Promise<unknown[]>;

  constructor(deps: {
    state: SimState;
    player: CallPlayer;
    recordings: SimRecordings;
    notify: (r: SimRecording) => Promise<unknown[]>;
    choices: RecordingChoice[];
  }) {
    this.#state = deps.state;
    this.#player = deps.player;
    this.#recordings = deps.recordings;
    this.#notify = deps.notify;
    this.choices = deps.choices;
  }

  /** What ringing `personId` with these settings will do, as the page says it before and after. */
  expectations(
    person: SimPerson,
    scenario: CallScenario,
    recording: RecordingChoice | null,
    dropEnd: boolean,
  ) {
    const out: { text: string; warning: boolean }[] = [];
    const say = (text: string, warning = false) => out.push({ text, warning });
    if (subscribersFor(this.#state, 'telephony_calls', 'created', person.id, {}).length === 0)
      say(
        `Kein telephony_calls-Webhook erreicht ${person.displayName}: CallBridge sieht diesen Anruf nicht (dort „Mit Webex verbinden“).`,
        true,
      );
    if (scenario === 'answered')
      say(`Klingelt ${STEP_DELAY_MS / 1000} s, dann ${TALK_MS / 1000} s Gespräch, dann wird aufgelegt.`);
    else if (scenario === 'missed')
      say(`Klingelt ${STEP_DELAY_MS / 1000} s und wird nicht angenommen (verpasst).`);
    else say('Klingelt nur; aufgelegt wird nicht.');
    if (dropEnd)
      say('Das Ende-Ereignis wird verworfen: CallBridge muss selbst feststellen, dass der Anruf vorbei ist.');
    if (scenario !== 'answered') {
      if (recording) say('Keine Aufnahme: nur angenommene Anrufe werden aufgenommen.');
      return out;
    }
    if (!recording) {
      say('Ohne Aufnahme: CallBridge bekommt zu diesem Anruf keine Notiz.');
      return out;
    }
    say(
      `Nach dem Auflegen entsteht eine Aufnahme mit dem Transkript „${recording.label}“. CallBridge holt sie, schreibt die Notiz zum Datensatz mit dieser Nummer (ohne Treffer unter „Nicht zugeordnet“) und löscht die Aufnahme hier.`,
    );
    if (subscribersFor(this.#state, 'convergedRecordings', 'created', person.id, {}).length === 0)
      say(
        `Kein convergedRecordings-Webhook erreicht ${person.displayName}: die Aufnahme entsteht, aber CallBridge erfährt nichts davon.`,
        true,
      );
    return out;
  }

  ring(body: unknown, personFor: (id: string | undefined) => SimPerson): HandRungCall {
    const b = form.parse(body ?? {});
    const person = personFor(b.personId);
    const recording = this.choices.find((c) => c.key === b.recording) ?? null;
    const dropEnd = b.dropEnd === '1';
    const expectations = this.expectations(person, b.scenario, recording, dropEnd);
    const playing = this.#player.play({
      personId: person.id,
      from: b.from || null,
      name: b.name || null,
      scenario: b.scenario,
      stepDelayMs: STEP_DELAY_MS,
      talkMs: TALK_MS,
      faults: { dropEnd },
    });
    // play() registers the call before its first await, so it is the newest one now.
    const call = [...this.#state.calls.values()].at(-1)!;
    const entry: HandRungCall = {
      callId: call.callId,
      at: call.created,
      from: call.remoteNumber,
      person: person.displayName,
      scenario: b.scenario,
      recording: b.scenario === 'answered' ? recording : null,
      expectations,
      recordingId: null,
      recordingDeliveries: null,
    };
    this.recent.unshift(entry);
    this.recent.splice(10);
    playing
      .then(async ({ call }) => {
        if (!entry.recording) return;
        const r = await recordAfterCall(this.#recordings, this.#notify, call, entry.recording.transcript);
        entry.recordingId = r.recording.id;
        entry.recordingDeliveries = r.deliveries;
      })
      .catch(() => {});
    return entry;
  }

  /** Where a hand-rung call's recording is now. */
  recordingStatus(entry: HandRungCall): string {
    if (!entry.recording) return 'keine';
    if (!entry.recordingId) return 'entsteht nach dem Auflegen';
    const r = this.#recordings.items.get(entry.recordingId);
    if (r?.status === 'deleted') return 'von CallBridge abgeholt und gelöscht';
    return entry.recordingDeliveries
      ? 'erstellt, an CallBridge gemeldet'
      : 'erstellt, aber kein Webhook hat sie gemeldet';
  }
}
