/**
 * Runs `step` on request, never twice at once: requests while it runs ask for one more run after it,
 * however many came, so a burst of wake-ups costs two runs instead of one each. Once `stopped()`, no
 * run starts and a pending one is dropped. `step` handles its own errors.
 */
export function coalescedRun(step: () => Promise<void>, stopped: () => boolean) {
  let running: Promise<void> | null = null;
  let again = false;
  return {
    request(): void {
      if (stopped()) return;
      if (running) {
        again = true;
        return;
      }
      running = (async () => {
        do {
          again = false;
          await step();
        } while (again && !stopped());
        running = null;
      })();
    },
    /** The run under way, if any: to wait for it when closing. */
    current: (): Promise<void> | null => running,
  };
}
