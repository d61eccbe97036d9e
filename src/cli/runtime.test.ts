import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProviderUnavailable } from '../providers/providerErrors.ts';
import { AppError, ConfigError } from '../shared/errors.ts';
import { printError } from './runtime.ts';

function printed(err: unknown): { code: number; text: string } {
  let text = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    text += String(chunk);
    return true;
  });
  try {
    return { code: printError(err), text };
  } finally {
    spy.mockRestore();
  }
}

describe('printError', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints a provider outage as one German line with the setting to check, not as a crash', () => {
    const r = printed(
      new ProviderUnavailable(
        'Transkriptionsdienst: getaddrinfo ENOTFOUND api.openai.com',
        null,
        'TRANSCRIPTION',
      ),
    );
    expect(r.code).toBe(1);
    expect(r.text).toMatch(
      /^Fehler: Transkriptionsdienst: getaddrinfo ENOTFOUND api\.openai\.com\n→ TRANSCRIPTION_BASE_URL prüfen/,
    );
    expect(r.text).not.toContain('Unerwarteter Fehler');
    expect(r.text).not.toContain('    at ');
    expect(r.text.trimEnd().split('\n')).toHaveLength(2);
  });

  it('exits with 2 for every setting that is wrong, 1 for other failures', () => {
    expect(printed(new ConfigError('x')).code).toBe(2);
    expect(printed(new ConfigError('x', 'y', undefined, 'port_in_use')).code).toBe(2);
    expect(printed(new AppError('not_found', 'x')).code).toBe(1);
  });
});
