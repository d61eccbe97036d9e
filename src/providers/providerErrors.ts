import OpenAI from 'openai';
import { AppError } from '../shared/errors.ts';

/**
 * A model provider (transcription, extraction) could not answer now: network, timeout, 429, 5xx,
 * malformed output. Transient: the job queue retries with backoff (or after Retry-After).
 */
export class ProviderUnavailable extends Error {
  override name = 'ProviderUnavailable';
  readonly retryAfterSeconds: number | null;
  constructor(message: string, retryAfterSeconds: number | null = null) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The provider refuses for good (bad key, unknown model, file refused): stop with the fix. */
export class ProviderRefused extends AppError {
  constructor(message: string, hint: string) {
    super('provider_refused', message, { status: 502, hint });
    this.name = 'ProviderRefused';
  }
}

/** An OpenAI(-compatible) client without its own retries: the job queue does them, durably. */
export function providerClient(opts: { baseUrl: string; apiKey: string | undefined; timeoutMs: number }) {
  return new OpenAI({
    baseURL: opts.baseUrl,
    // Servers with the same API often need no key; the SDK wants one.
    apiKey: opts.apiKey ?? 'no-key',
    maxRetries: 0,
    timeout: opts.timeoutMs,
  });
}

/** Maps an SDK error to ProviderUnavailable (try again) or ProviderRefused (stop, with the fix). */
export function providerError(err: unknown, what: string, settingPrefix: string): Error {
  if (err instanceof OpenAI.APIConnectionError) return new ProviderUnavailable(`${what}: ${err.message}`);
  if (err instanceof OpenAI.APIError)
    return providerAnswerError(
      err.status ?? 0,
      err.headers?.get?.('retry-after') ?? null,
      err.message,
      what,
      settingPrefix,
    );
  if ((err as Error)?.name === 'AbortError') return err as Error;
  return new ProviderUnavailable(`${what}: ${(err as Error)?.message ?? String(err)}`);
}

/**
 * An error answer of a provider: 408, 429 and 5xx are worth another try (after Retry-After when given),
 * any other refusal stops with the settings to check.
 */
export function providerAnswerError(
  status: number,
  retryAfter: string | null,
  message: string,
  what: string,
  settingPrefix: string,
): Error {
  if (status === 429 || status >= 500 || status === 408 || status === 0) {
    const ra = Number(retryAfter);
    return new ProviderUnavailable(`${what} antwortet ${status}`, Number.isFinite(ra) && ra > 0 ? ra : null);
  }
  return new ProviderRefused(
    `${what} lehnt ab (${status}): ${message}`.slice(0, 500),
    `Prüfen Sie ${settingPrefix}_API_KEY, ${settingPrefix}_MODEL und ${settingPrefix}_BASE_URL.`,
  );
}
