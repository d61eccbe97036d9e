import { AppError } from '../shared/errors.ts';

/** A Webex API call failed; carries Webex's trackingId (support asks for it), never a token. */
export class WebexApiError extends AppError {
  readonly httpStatus: number;
  readonly trackingId: string | null;
  readonly transient: boolean;

  constructor(
    code: string,
    message: string,
    opts: { httpStatus: number; trackingId?: string | null; hint?: string; transient?: boolean },
  ) {
    super(code, message, { status: 502, ...(opts.hint ? { hint: opts.hint } : {}) });
    this.name = 'WebexApiError';
    this.httpStatus = opts.httpStatus;
    this.trackingId = opts.trackingId ?? null;
    this.transient = opts.transient ?? false;
  }
}

export class WebexForbidden extends WebexApiError {
  constructor(message: string, trackingId: string | null) {
    super('webex_forbidden', `Webex verweigert den Zugriff: ${message}`, {
      httpStatus: 403,
      trackingId,
      hint: 'Eine Berechtigung fehlt: Webex auf der Statusseite (/webex) neu verbinden und alle angefragten Berechtigungen erlauben.',
    });
  }
}

export class WebexNotFound extends WebexApiError {
  constructor(message: string, trackingId: string | null) {
    super('webex_not_found', `Bei Webex nicht gefunden: ${message}`, { httpStatus: 404, trackingId });
  }
}

export class WebexRateLimited extends WebexApiError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, trackingId: string | null) {
    super('webex_rate_limited', `Webex bremst (429), erneut in ${retryAfterSeconds} s`, {
      httpStatus: 429,
      trackingId,
      transient: true,
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class WebexUnavailable extends WebexApiError {
  constructor(message: string, httpStatus = 0, trackingId: string | null = null) {
    super('webex_unavailable', `Webex nicht erreichbar: ${message}`, {
      httpStatus,
      trackingId,
      transient: true,
    });
  }
}

/** No usable connection: never connected, or the refresh token stopped working. */
export class WebexNotConnected extends AppError {
  constructor(reason: string) {
    super('webex_not_connected', `Webex: Neu verbinden nötig – ${reason}`, {
      status: 409,
      hint: 'Die Statusseite (/webex) öffnen und „Mit Webex verbinden“ klicken.',
    });
    this.name = 'WebexNotConnected';
  }
}
