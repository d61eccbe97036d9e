import pino, { type Logger } from 'pino';

/**
 * Structured logs. Request headers that carry credentials and any field named like a secret are
 * redacted wherever they appear; phone numbers are masked by the code that logs them.
 */
export function createLogger(opts: {
  level: string;
  pretty?: boolean;
  destination?: pino.DestinationStream;
}): Logger {
  return pino(
    {
      level: opts.level,
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-api-key"]',
          'req.headers["x-spark-signature"]',
          '*.password',
          '*.secret',
          '*.token',
          '*.accessToken',
          '*.refreshToken',
          '*.clientSecret',
          '*.access_token',
          '*.refresh_token',
          '*.client_secret',
        ],
        censor: '[redacted]',
      },
      ...(opts.pretty && !opts.destination
        ? { transport: { target: 'pino-pretty', options: { colorize: true } } }
        : {}),
    },
    opts.destination ?? (opts.pretty ? undefined : stdoutDestination()),
  );
}

/**
 * Standard output written synchronously. pino's default writes asynchronously and flushes what is left
 * at exit with a loop that retries every failed write; once the reader of a pipe has gone
 * (`serve | head -1`), EPIPE made that loop spin for ever and SIGTERM never finished. Written at once,
 * the first EPIPE is seen right away and pino stops writing. CallBridge logs a few lines per minute,
 * not per request, so the synchronous write costs nothing that matters.
 */
function stdoutDestination(): pino.DestinationStream {
  return pino.destination({ dest: 1, sync: true });
}

export type { Logger };
