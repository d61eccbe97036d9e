/** A Server-Sent Events client over fetch, for tests and benchmarks: it records every event it receives. */
export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
  receivedAt: number;
}

export class SseClient {
  readonly events: SseEvent[] = [];
  lastEventId: string | null = null;
  #controller = new AbortController();
  #waiters: { pred: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }[] = [];
  #done: Promise<void> = Promise.resolve();
  /** Called for each event as it arrives (benchmarks time here). */
  onEvent: ((e: SseEvent) => void) | null = null;
  closedByServer = false;
  /** The last `retry:` the server sent (ms). */
  retryMs: number | null = null;

  static async connect(
    url: string,
    opts: { cookie?: string; lastEventId?: string } = {},
  ): Promise<SseClient> {
    const c = new SseClient();
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (opts.cookie) headers['cookie'] = opts.cookie;
    if (opts.lastEventId) headers['last-event-id'] = opts.lastEventId;
    const res = await fetch(url, { headers, signal: c.#controller.signal });
    if (!res.ok || !res.body) throw new Error(`SSE connect failed: ${res.status} ${await res.text()}`);
    c.#done = c.#read(res.body);
    return c;
  }

  async #read(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of body) {
        buf += decoder.decode(chunk, { stream: true });
        let idx = buf.indexOf('\n\n');
        while (idx >= 0) {
          this.#dispatch(buf.slice(0, idx));
          buf = buf.slice(idx + 2);
          idx = buf.indexOf('\n\n');
        }
      }
      this.closedByServer = true;
    } catch {
      // aborted by close()
    }
  }

  #dispatch(block: string) {
    let id: string | null = null;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'retry') this.retryMs = Number(value);
    }
    if (data.length === 0) return;
    const e: SseEvent = { id, event, data: data.join('\n'), receivedAt: performance.now() };
    if (id !== null) this.lastEventId = id;
    this.events.push(e);
    this.onEvent?.(e);
    this.#waiters = this.#waiters.filter((w) => {
      if (!w.pred(e)) return true;
      w.resolve(e);
      return false;
    });
  }

  /** Resolves with the first event (already received or future) that matches, or rejects after timeoutMs. */
  waitFor(pred: (e: SseEvent) => boolean, timeoutMs = 5000): Promise<SseEvent> {
    const seen = this.events.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        pred,
        resolve: (e: SseEvent) => {
          clearTimeout(t);
          resolve(e);
        },
      };
      const t = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(
          new Error(
            `no matching SSE event within ${timeoutMs} ms; got: ${this.events.map((x) => `${x.event}:${x.data.slice(0, 60)}`).join(' | ')}`,
          ),
        );
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  json<T = Record<string, unknown>>(type = 'call'): T[] {
    return this.events.filter((e) => e.event === type).map((e) => JSON.parse(e.data) as T);
  }

  async close() {
    this.#controller.abort();
    await this.#done;
  }
}
