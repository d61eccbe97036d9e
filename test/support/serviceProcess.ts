import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A CallBridge started as its own process (`callbridge serve`), for crash and shutdown tests. */
export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** The container image's start command (Dockerfile CMD), e.g. `node … dist/cli/main.js serve`. */
export function imageStartCommand(dockerfile: string): string[] {
  const line = dockerfile.split('\n').find((l) => l.startsWith('CMD '));
  if (!line) throw new Error('Dockerfile has no CMD');
  return JSON.parse(line.slice(4)) as string[];
}

/**
 * Starts `callbridge serve` from the sources, or with `args` (what follows `node`, e.g. the built
 * service's entry and its flags).
 */
export async function startServiceProcess(
  env: Record<string, string>,
  fixedPort?: number,
  args: string[] = ['src/cli/main.ts', 'serve'],
): Promise<ServiceProcess> {
  const port = fixedPort ?? (await freePort());
  const child = spawn(process.execPath, args, {
    env: { ...process.env, LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`callbridge serve exited with ${child.exitCode}:\n${out}`);
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`callbridge serve did not become ready:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    child,
    output: () => out,
    kill(signal) {
      return new Promise((resolve) => {
        // A process killed by a signal has no exit code but a signal code.
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      });
    },
  };
}
