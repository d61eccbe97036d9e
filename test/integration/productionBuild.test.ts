import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { imageStartCommand, type ServiceProcess, startServiceProcess } from '../support/serviceProcess.ts';

/** The container image runs the compiled service; this runs the image's own start command from a clone. */
describe('production build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cb-build-'));
  let svc: ServiceProcess | undefined;
  afterAll(async () => {
    await svc?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds dist/ and serves with the Dockerfile CMD: ready, login page and assets, clean SIGTERM', async () => {
    await promisify(execFile)(process.execPath, ['scripts/build.ts'], { timeout: 120_000 });
    const cmd = imageStartCommand(readFileSync('Dockerfile', 'utf8'));
    expect(cmd[0]).toBe('node');
    expect(cmd).toContain('dist/cli/main.js');
    svc = await startServiceProcess(
      { DATABASE_URL: `sqlite:${join(dir, 'cb.db')}` },
      undefined,
      cmd.slice(1),
    );
    const ready = await fetch(`${svc.url}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
    const login = await fetch(`${svc.url}/login`);
    expect(await login.text()).toContain('Anmelden');
    expect((await fetch(`${svc.url}/assets/popup.js`)).status).toBe(200);
    expect(await svc.kill('SIGTERM')).toBe(0);
    svc = undefined;
  });
});
