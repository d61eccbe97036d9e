import OpenAI from 'openai';
import { AppError } from '../shared/errors.ts';

export type ProviderSetting = 'TRANSCRIPTION' | 'EXTRACTION';

/**
 * A model provider (transcription, extraction) could not answer now: network, timeout, 429, 5xx,
 * malformed output. Transient: the job queue retries with backoff (or after Retry-After). Not an
 * AppError on purpose: the recording pipeline retries whatever is not one.
 */
export class ProviderUnavailable extends Error {
  override name = 'ProviderUnavailable';
  readonly retryAfterSeconds: number | null;
  /** Prefix of the settings that point at this provider (…_BASE_URL), for the CLI's hint. */
  readonly setting: ProviderSetting | null;
  constructor(
    message: string,
    retryAfterSeconds: number | null = null,
    setting: ProviderSetting | null = null,
  ) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
    this.setting = setting;
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
export function providerError(err: unknown, what: string, settingPrefix: ProviderSetting): Error {
  if (err instanceof OpenAI.APIConnectionError)
    return new ProviderUnavailable(`${what}: ${err.message}${rootCause(err)}`, null, settingPrefix);
  if (err instanceof OpenAI.APIError)
    return providerAnswerError(
      err.status ?? 0,
      err.headers?.get?.('retry-after') ?? null,
      err.message,
      what,
      settingPrefix,
    );
  if ((err as Error)?.name === 'AbortError') return err as Error;
  return new ProviderUnavailable(`${what}: ${(err as Error)?.message ?? String(err)}`, null, settingPrefix);
}

/** The SDK says only "Connection error."; the cause below it names the host (ENOTFOUND, ECONNREFUSED …). */
function rootCause(err: unknown): string {
  let cause = (err as { cause?: unknown }).cause;
  let deepest: string | null = null;
  for (let depth = 0; cause && depth < 5; depth++) {
    const c = cause as { message?: unknown; cause?: unknown };
    if (typeof c.message === 'string' && c.message) deepest = c.message;
    cause = c.cause;
  }
  return deepest ? ` (${deepest})` : '';
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
  settingPrefix: ProviderSetting,
): Error {
  if (status === 429 || status >= 500 || status === 408 || status === 0) {
    const ra = Number(retryAfter);
    return new ProviderUnavailable(
      `${what} antwortet ${status}`,
      Number.isFinite(ra) && ra > 0 ? ra : null,
      settingPrefix,
    );
  }
  return new ProviderRefused(
    `${what} lehnt ab (${status}): ${message}`.slice(0, 500),
    `Prüfen Sie ${settingPrefix}_API_KEY, ${settingPrefix}_MODEL und ${settingPrefix}_BASE_URL.`,
  );
}
