/*
 * Language rule (one place for it): everything a person reads is German: pages, CLI output, `doctor`
 * findings and their fix lines, API error `message`s and `hint`s (the next step to take). Log messages
 * (pino), error `code`s and doctor's `en` line stay English: they are for logs, tickets and searching.
 * A failure or a skipped step is never shown in the success style (flash); pages use warning/error boxes.
 */
import './germanValidation.ts';
/**
 * Errors that reach a user carry what went wrong and what to do next. Routes map `status` to the HTTP
 * reply; the CLI prints `message` and `hint` and exits non-zero.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly hint: string | undefined;
  readonly details: unknown;

  constructor(
    code: string,
    message: string,
    opts: { status?: number; hint?: string; details?: unknown } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = opts.status ?? 400;
    this.hint = opts.hint;
    this.details = opts.details;
  }

  toJSON(): Record<string, unknown> {
    return {
      error: this.code,
      message: this.message,
      ...(this.hint ? { hint: this.hint } : {}),
      ...(this.details !== undefined ? { details: this.details } : {}),
    };
  }
}

/** A setting (environment, config file or command-line option) is wrong: the CLI exits with 2. */
export class ConfigError extends AppError {
  constructor(message: string, hint?: string, details?: unknown, code = 'config_invalid') {
    super(code, message, { status: 500, ...(hint ? { hint } : {}), details });
    this.name = 'ConfigError';
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super('not_found', `${what} nicht gefunden`, { status: 404 });
    this.name = 'NotFoundError';
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: unknown, hint?: string) {
    super('invalid_input', message, { status: 400, details, ...(hint ? { hint } : {}) });
    this.name = 'ValidationError';
  }
}
