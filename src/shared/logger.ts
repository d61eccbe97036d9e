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
    opts.destination,
  );
}

export type { Logger };
