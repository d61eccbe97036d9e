import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.ts';
import { listenFailureOf, listenProblem } from './listenErrors.ts';

const at = { host: '127.0.0.1', port: 3000, hostSetting: 'HOST', portSetting: 'PORT' };
const failure = (code: string) => Object.assign(new Error(`listen ${code}`), { code, port: 3000 });

describe('listenProblem', () => {
  it('says which port is taken and which setting changes it', () => {
    const p = listenProblem(failure('EADDRINUSE'), at);
    expect(p).toBeInstanceOf(ConfigError);
    expect(p).toMatchObject({
      code: 'port_in_use',
      message: 'Port 3000 auf 127.0.0.1 ist schon belegt',
      hint: expect.stringContaining('(PORT)'),
    });
  });

  it('names a host that is not an address of this machine', () => {
    for (const code of ['ENOTFOUND', 'EADDRNOTAVAIL']) {
      expect(listenProblem(failure(code), { ...at, host: '999.1.1.1' })).toMatchObject({
        code: 'host_invalid',
        message: expect.stringContaining('Adresse 999.1.1.1'),
        hint: expect.stringContaining('HOST'),
      });
    }
  });

  it('leaves other errors alone, and finds the original again behind its own answer', () => {
    expect(listenProblem(new Error('boom'), at)).toBeNull();
    const p = listenProblem(failure('EADDRINUSE'), at)!;
    expect(listenFailureOf(p)).toEqual({ code: 'EADDRINUSE', port: 3000 });
    expect(listenProblem(p, { ...at, portSetting: '--sim-port' })?.hint).toContain('(--sim-port)');
  });
});
