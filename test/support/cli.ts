import { spawn } from 'node:child_process';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Standard output and error as they came, interleaved. */
  out: string;
}

/** `callbridge …` as a process of its own, awaited without blocking this one (in-process servers keep answering). */
export function cli(args: string[], env: Record<string, string> = {}, input = ''): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['src/cli/main.ts', ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let out = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      out += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      out += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, out }));
    child.stdin.end(input);
  });
}
