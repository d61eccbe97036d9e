import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../shared/errors.ts';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has sensible defaults: SQLite under ./data, port 3000, region DE', () => {
    const c = loadConfig({ env: {} });
    expect(c).toMatchObject({
      databaseUrl: 'sqlite:./data/callbridge.db',
      port: 3000,
      defaultRegion: 'DE',
      minNumberDigits: 4,
    });
  });

  it('names every bad value with its variable, and hides secrets', () => {
    let err: unknown;
    try {
      loadConfig({
        env: { PORT: '70000', DATABASE_URL: 'mysql://x', WEBEX_WEBHOOK_SECRET: 'short', LOG_LEVEL: 'loud' },
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as ConfigError).message;
    expect(msg).toContain('PORT="70000"');
    expect(msg).toContain('DATABASE_URL="mysql://x": must start with sqlite: or postgres://');
    expect(msg).toContain('WEBEX_WEBHOOK_SECRET=(hidden): must be at least 16 characters');
    expect(msg).toContain('LOG_LEVEL="loud"');
    expect(msg).not.toContain('short');
  });

  it('reads a JSON config file; the environment wins', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-cfg-'));
    const file = join(dir, 'callbridge.json');
    writeFileSync(
      file,
      JSON.stringify({ port: 4000, publicUrl: 'https://crm.example.de', defaultRegion: 'AT' }),
    );
    const c = loadConfig({ env: { CALLBRIDGE_CONFIG: file, DEFAULT_REGION: 'CH' } });
    expect(c).toMatchObject({ port: 4000, publicUrl: 'https://crm.example.de', defaultRegion: 'CH' });
  });

  it('refuses unknown keys and unreadable files in the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-cfg-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ prot: 4000 }));
    expect(() => loadConfig({ env: { CALLBRIDGE_CONFIG: file } })).toThrow(/unknown setting "prot"/);
    expect(() => loadConfig({ env: { CALLBRIDGE_CONFIG: join(dir, 'nope.json') } })).toThrow(
      /could not be read/,
    );
  });
});
