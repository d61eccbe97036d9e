/**
 * Fan-out of live events to the SSE streams of this instance. Events are written to the database
 * first (live_events) and only their id and audience travel on the bus, so a bus that spans instances
 * (PostgreSQL LISTEN/NOTIFY) can be swapped in without touching routes or producers.
 */
export interface LiveEvent {
  id: number;
  /** The recruiter the event is for; null means only admins see it. */
  userId: string | null;
  type: string;
  payload: unknown;
}

/** An event a producer wants shown, before it is stored. */
export type LiveEventDraft = Omit<LiveEvent, 'id'>;

/** An event as its producer appended it: on PostgreSQL it has no id until the sequencer numbered it. */
export type AppendedLiveEvent = Omit<LiveEvent, 'id'> & { id: number | null };

export type LiveListener = (event: LiveEvent) => void;

export interface EventBus {
  publish(event: LiveEvent): void;
  subscribe(listener: LiveListener): () => void;
  close(): Promise<void>;
}

export class InProcessEventBus implements EventBus {
  #listeners = new Set<LiveListener>();

  publish(event: LiveEvent): void {
    for (const l of this.#listeners) {
      try {
        l(event);
      } catch {
        // One broken stream must not keep the event from the others.
      }
    }
  }

  subscribe(listener: LiveListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#listeners.clear();
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}
