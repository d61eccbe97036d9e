import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../shared/errors.ts';
import { loadConfig } from './config.ts';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

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
    expect(msg).toContain('DATABASE_URL="mysql://x": muss mit sqlite: oder postgres:// beginnen');
    expect(msg).toContain('WEBEX_WEBHOOK_SECRET=(verborgen): muss mindestens 16 Zeichen lang sein');
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
    expect(() => loadConfig({ env: { CALLBRIDGE_CONFIG: file } })).toThrow(/unbekannte Einstellung "prot"/);
    expect(() => loadConfig({ env: { CALLBRIDGE_CONFIG: join(dir, 'nope.json') } })).toThrow(
      /kann nicht gelesen werden/,
    );
  });

  it('says in German what a flag, a URL or a number must look like', () => {
    const msg = messageOf(() =>
      loadConfig({
        env: { ALLOW_UNSIGNED_WEBHOOKS: 'maybe', PUBLIC_URL: 'ftp://x', PORT: 'x', SESSION_TTL_HOURS: '0' },
      }),
    );
    expect(msg).toContain('Ungültige Konfiguration');
    expect(msg).toContain('ALLOW_UNSIGNED_WEBHOOKS="maybe": muss true oder false sein');
    expect(msg).toContain('PUBLIC_URL="ftp://x": muss eine http(s)-URL sein, z. B. https://crm.example.de');
    expect(msg).toContain('PORT="x": muss eine ganze Zahl von 0 bis 65535 sein');
    expect(msg).toContain('SESSION_TTL_HOURS="0": muss mindestens 1 sein');
    expect(msg).not.toMatch(/Invalid/);
  });

  it('stale calls: asked about after 2 / 15 minutes, closed unconfirmed after 10 / 180, all settable', () => {
    expect(loadConfig({ env: {} })).toMatchObject({
      staleRingingCheckMinutes: 2,
      staleActiveCheckMinutes: 15,
      staleRingingCloseMinutes: 10,
      staleActiveCloseMinutes: 180,
    });
    expect(
      loadConfig({
        env: {
          STALE_RINGING_CHECK_MINUTES: '1',
          STALE_ACTIVE_CHECK_MINUTES: '30',
          STALE_RINGING_CLOSE_MINUTES: '5',
          STALE_ACTIVE_CLOSE_MINUTES: '600',
        },
      }),
    ).toMatchObject({
      staleRingingCheckMinutes: 1,
      staleActiveCheckMinutes: 30,
      staleRingingCloseMinutes: 5,
      staleActiveCloseMinutes: 600,
    });
    const bad = messageOf(() =>
      loadConfig({
        env: {
          STALE_RINGING_CHECK_MINUTES: '0',
          STALE_ACTIVE_CHECK_MINUTES: 'bald',
          STALE_ACTIVE_CLOSE_MINUTES: '2.5',
        },
      }),
    );
    expect(bad).toContain('STALE_RINGING_CHECK_MINUTES="0": muss mindestens 1 sein');
    expect(bad).toContain('STALE_ACTIVE_CHECK_MINUTES="bald": muss eine Zahl sein');
    expect(bad).toContain('STALE_ACTIVE_CLOSE_MINUTES="2.5": muss eine ganze Zahl sein');
    // Closing unconfirmed before Webex is even asked makes no sense.
    const order = messageOf(() =>
      loadConfig({ env: { STALE_ACTIVE_CHECK_MINUTES: '60', STALE_ACTIVE_CLOSE_MINUTES: '30' } }),
    );
    expect(order).toContain(
      'STALE_ACTIVE_CLOSE_MINUTES="30": muss mindestens so groß sein wie STALE_ACTIVE_CHECK_MINUTES (60 Minuten)',
    );
    expect(order).not.toMatch(/Invalid|expected/);
  });

  it('requires the API key for the OpenAI cloud, not for a compatible server of ones own', () => {
    const msg = messageOf(() =>
      loadConfig({ env: { TRANSCRIPTION_PROVIDER: 'openai', EXTRACTION_PROVIDER: 'openai' } }),
    );
    expect(msg).toContain('TRANSCRIPTION_API_KEY fehlt: nötig für den Anbieter openai');
    expect(msg).toContain('EXTRACTION_API_KEY fehlt');
    expect(() =>
      loadConfig({ env: { TRANSCRIPTION_PROVIDER: 'openai', TRANSCRIPTION_API_KEY: 'sk-test' } }),
    ).not.toThrow();
    const own = loadConfig({
      env: { TRANSCRIPTION_PROVIDER: 'openai-compatible', EXTRACTION_PROVIDER: 'openai-compatible' },
    });
    expect([own.transcriptionApiKey, own.extractionApiKey]).toEqual([undefined, undefined]);
    // A provider chosen on the command line is held to the same rule.
    expect(() => loadConfig({ env: {}, overrides: { extractionProvider: 'openai' } })).toThrow(
      /EXTRACTION_API_KEY fehlt/,
    );
  });

  it('TRUST_PROXY: off by default; true, a hop count or addresses/CIDRs; anything else is refused', () => {
    expect(loadConfig({ env: {} }).trustProxy).toBe(false);
    expect(loadConfig({ env: { TRUST_PROXY: 'false' } }).trustProxy).toBe(false);
    expect(loadConfig({ env: { TRUST_PROXY: 'true' } }).trustProxy).toBe(true);
    expect(loadConfig({ env: { TRUST_PROXY: '2' } }).trustProxy).toBe(2);
    expect(loadConfig({ env: { TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1,loopback' } }).trustProxy).toBe(
      '127.0.0.1,10.0.0.0/8,::1,loopback',
    );
    expect(messageOf(() => loadConfig({ env: { TRUST_PROXY: '10.0.0.0/8,nginx' } }))).toMatch(
      /TRUST_PROXY=.*„nginx“ ist keine IP-Adresse/,
    );
  });
});
