import { describe, expect, it } from 'vitest';
import { coalescedRun } from './coalescedRun.ts';

describe('coalescedRun', () => {
  it('runs once more after a burst of requests during a run, never two at once', async () => {
    let runs = 0;
    let active = 0;
    let most = 0;
    let release!: () => void;
    const run = coalescedRun(
      async () => {
        runs++;
        active++;
        most = Math.max(most, active);
        await new Promise<void>((r) => {
          release = r;
        });
        active--;
      },
      () => false,
    );
    run.request();
    for (let i = 0; i < 5; i++) run.request();
    release();
    await new Promise((r) => setTimeout(r, 0));
    release();
    await run.current();
    expect(runs).toBe(2);
    expect(most).toBe(1);
    expect(run.current()).toBeNull();
  });

  it('starts nothing once stopped, and drops the run asked for meanwhile', async () => {
    let stopped = false;
    let runs = 0;
    const run = coalescedRun(
      async () => {
        runs++;
        stopped = true;
      },
      () => stopped,
    );
    run.request();
    run.request();
    await run.current();
    run.request();
    expect(runs).toBe(1);
    expect(run.current()).toBeNull();
  });
});
