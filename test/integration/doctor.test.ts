import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/apiKeys.ts';
import type { Check } from '../../src/doctor/doctor.ts';
import { generateKey, SecretBox } from '../../src/webex/secretBox.ts';
import { type Stack, startStack } from '../support/stack.ts';
import { connectMilad, connectWebex } from '../support/webexConnect.ts';

const KEY = generateKey();
const execFileAsync = promisify(execFile);
async function run(cmd: string, args: string[], opts: { env: NodeJS.ProcessEnv }) {
  try {
    const { stdout } = await execFileAsync(cmd, args, { ...opts, encoding: 'utf8' });
    return { stdout, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; code: number };
    return { stdout: e.stdout, code: e.code };
  }
}

/** `callbridge doctor` as a process against a connected CallBridge: each known fault provoked and named. */
describe('callbridge doctor', () => {
  let stack: Stack;
  let milad: string;
  // Async: the simulator lives in this process and must keep answering while doctor runs.
  const doctor = async () => {
    const r = await run(process.execPath, ['src/cli/main.ts', 'doctor', '--json'], {
      env: {
        ...process.env,
        DATABASE_URL: stack.database.url,
        ENCRYPTION_KEY: KEY,
        PUBLIC_URL: stack.app.ctx.config.publicUrl!,
        WEBEX_API_URL: stack.app.ctx.config.webexApiUrl,
        LOG_LEVEL: 'silent',
      },
    });
    const out = JSON.parse(r.stdout) as { ok: boolean; checks: Check[] };
    return {
      status: r.code,
      ...out,
      failed: out.checks.filter((c) => c.status === 'fail').map((c) => c.en),
    };
  };
  const hook = (resource: string) =>
    [...stack.sim.state.webhooks.values()].find(
      (h) => h.resource === resource && h.name.startsWith('CallBridge'),
    )!;
  const simOauth = (body: object) =>
    fetch(`${stack.sim.url}/_sim/oauth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    stack = await startStack({ encryptionKey: KEY });
    milad = await connectMilad(stack);
    stack.sim.recordings.add({ ownerId: stack.personId, callingNumber: '+4930123456' });
  });
  afterAll(() => stack?.close());

  it('passes a healthy setup, with a warning for the missing API key', async () => {
    const r = await doctor();
    expect(r.failed).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.checks.find((c) => c.id === 'api_keys')).toMatchObject({
      status: 'warn',
      en: expect.stringContaining('401'),
    });
    expect(r.checks.map((c) => c.en)).toEqual(
      expect.arrayContaining(['test download ok', 'delete permitted (dry run)']),
    );
    await createApiKey(stack.app.ctx.db, 'n8n');
    expect((await doctor()).checks.find((c) => c.id === 'api_keys')?.status).toBe('ok');
  });

  it('names an inactive webhook and fails', async () => {
    hook('telephony_calls').status = 'inactive';
    const r = await doctor();
    expect(r.status).toBe(1);
    expect(r.failed).toContain('webhook inactive');
    hook('telephony_calls').status = 'active';
  });

  it('names an expired temporary download link', async () => {
    stack.sim.recordings.linkTtlSec = 0;
    expect((await doctor()).failed).toContain('test download failed 403');
    stack.sim.recordings.linkTtlSec = 3 * 3600;
  });

  it('names the missing delete and read scopes', async () => {
    await connectWebex(stack, milad, { dropScopes: ['spark:recordings_write', 'spark:recordings_read'] });
    const r = await doctor();
    expect(r.failed).toEqual(
      expect.arrayContaining([
        '403 on delete: missing spark:recordings_write',
        'missing spark:recordings_read',
      ]),
    );
    expect(r.checks.map((c) => c.de).join(' ')).toContain('Aufnahmen können nicht gelöscht werden (DSGVO)');
    await connectWebex(stack, milad);
  });

  it('re-encrypts every secret under a new key with `keys rotate`; the old key is then not needed', async () => {
    const next = generateKey();
    const env = {
      ...process.env,
      DATABASE_URL: stack.database.url,
      ENCRYPTION_KEY: next,
      PREVIOUS_ENCRYPTION_KEYS: KEY,
      LOG_LEVEL: 'silent',
    };
    const first = await run(process.execPath, ['src/cli/main.ts', 'keys', 'rotate'], { env });
    expect(first.stdout).toMatch(/^(\d+) Geheimnisse neu verschlüsselt, 0 waren/);
    expect(Number(/^(\d+)/.exec(first.stdout)![1])).toBeGreaterThanOrEqual(5);
    const again = await run(process.execPath, ['src/cli/main.ts', 'keys', 'rotate'], { env });
    expect(again.stdout).toMatch(/^0 Geheimnisse neu verschlüsselt/);
    const rows = await stack.app.ctx.db.selectFrom('webex_connections').select('refresh_token_enc').execute();
    const nextId = new SecretBox(next).currentKeyId;
    expect(rows.every((r) => r.refresh_token_enc.startsWith(`v1.${nextId}.`))).toBe(true);
    // Doctor with only the new key reads every secret.
    const r = await run(process.execPath, ['src/cli/main.ts', 'doctor', '--json'], {
      env: {
        ...env,
        PREVIOUS_ENCRYPTION_KEYS: '',
        PUBLIC_URL: stack.app.ctx.config.publicUrl!,
        WEBEX_API_URL: stack.app.ctx.config.webexApiUrl,
      },
    });
    expect(JSON.parse(r.stdout).checks.filter((c: Check) => c.status === 'fail')).toEqual([]);
    // Rotate back, so the running service (old key) keeps working for the next test.
    await run(process.execPath, ['src/cli/main.ts', 'keys', 'rotate'], {
      env: { ...env, ENCRYPTION_KEY: KEY, PREVIOUS_ENCRYPTION_KEYS: next },
    });
  });

  it('names Webex out of reach as such, not as a login to reconnect', async () => {
    const r = await run(process.execPath, ['src/cli/main.ts', 'doctor', '--json'], {
      env: {
        ...process.env,
        DATABASE_URL: stack.database.url,
        ENCRYPTION_KEY: KEY,
        PUBLIC_URL: stack.app.ctx.config.publicUrl!,
        WEBEX_API_URL: 'http://127.0.0.1:9/v1',
        LOG_LEVEL: 'silent',
      },
    });
    const token = (JSON.parse(r.stdout) as { checks: Check[] }).checks.find((c) => c.id.endsWith(':token'));
    expect(token).toMatchObject({ status: 'fail', en: 'Webex unreachable' });
    expect(token?.de).toContain('Webex nicht erreichbar');
    expect(token?.fix).toContain('http://127.0.0.1:9/v1');
    expect(token?.fix).not.toContain('unter /webex neu verbinden');
  });

  it('names a revoked or expired login as "reconnect needed"', async () => {
    await simOauth({ revoke: true, personId: stack.personId });
    const r = await doctor();
    expect(r.failed).toContain('reconnect needed (token expired or revoked)');
    expect(r.checks.find((c) => c.status === 'fail')?.fix).toContain('neu verbinden');
    // Fix lines are German (the `en` line is the English one).
    for (const c of r.checks.filter((c) => c.fix))
      expect(c.fix).not.toMatch(/^(Run|Set|Use|Create|Enter|Click|Reconnect|Place|See|Connect|Links)\b/);
  });
});
