import { isIPv6 } from 'node:net';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';

/**
 * Limits password and API-key guessing per account and per client address. Counters live in the
 * database (`auth_throttle`), so every instance counts against the same limit. A login attempt is
 * counted before the password is checked and given back when it succeeds: 20 parallel guesses cannot
 * slip past the limit between check and count, and a correct password does not help during a pause.
 */
export interface ThrottlePolicy {
  perAccount: number;
  perAddress: number;
  windowMinutes: number;
}

export const policyOf = (c: {
  loginMaxAttempts: number;
  loginMaxAttemptsPerAddress: number;
  loginLockMinutes: number;
}): ThrottlePolicy => ({
  perAccount: c.loginMaxAttempts,
  perAddress: c.loginMaxAttemptsPerAddress,
  windowMinutes: c.loginLockMinutes,
});

const berlinTime = (d: Date) =>
  new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }).format(
    d,
  );

export class TooManyAttempts extends AppError {
  readonly retryAt: Date;
  constructor(retryAt: Date, what: 'login' | 'apiKey') {
    super(
      'too_many_attempts',
      what === 'login'
        ? `Zu viele fehlgeschlagene Anmeldeversuche. Bitte ab ${berlinTime(retryAt)} Uhr erneut versuchen.`
        : `Zu viele falsche API-Schlüssel von dieser Adresse. Bitte ab ${berlinTime(retryAt)} Uhr erneut versuchen.`,
      {
        status: 429,
        hint:
          what === 'login'
            ? 'Passwort vergessen? Eine Administratorin kann es mit `callbridge users passwd NAME` neu setzen und die Sperre mit `callbridge users unlock NAME` sofort aufheben.'
            : 'Den Schlüssel prüfen (`callbridge apikeys list`); die Sperre hebt `callbridge users unlock --address ADRESSE` auf.',
        details: { retryAt: retryAt.toISOString() },
      },
    );
    this.name = 'TooManyAttempts';
    this.retryAt = retryAt;
  }
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil((this.retryAt.getTime() - Date.now()) / 1000));
  }
}

/**
 * What a per-address limit counts against: an IPv4 address (also written IPv4-mapped, `::ffff:…`), or the
 * /64 network of an IPv6 address. Every IPv6 host has a whole /64 to pick addresses from; counted per
 * address, a guesser would start afresh with each new one and never reach the limit.
 */
export function clientNetwork(address: string | undefined): string {
  if (!address) return 'unbekannt';
  const a = address.trim().toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (mapped) return mapped[1]!;
  if (!isIPv6(a)) return a;
  const [head = '', tail] = a.split('::');
  const part = (s: string) => (s ? s.split(':') : []);
  const groups =
    tail === undefined
      ? part(head)
      : [...part(head), ...Array<string>(8 - part(head).length - part(tail).length).fill('0'), ...part(tail)];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

export const accountKey = (username: string) => `account:${username.trim().toLowerCase()}`;
export const addressKey = (address: string | undefined) => `address:${clientNetwork(address)}`;
export const apiKeyAddressKey = (address: string | undefined) => `apikey:${clientNetwork(address)}`;

/** Counts one attempt under `key`; returns when the pause ends if this attempt is over the limit. */
async function count(
  db: Kysely<DB>,
  key: string,
  limit: number,
  windowMs: number,
  now: Date,
): Promise<Date | null> {
  const nowIso = now.toISOString();
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  const row = await db
    .insertInto('auth_throttle')
    .values({ key, attempts: 1, window_start: nowIso })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        attempts: sql<number>`CASE WHEN auth_throttle.window_start < ${cutoff} THEN 1 ELSE auth_throttle.attempts + 1 END`,
        window_start: sql<string>`CASE WHEN auth_throttle.window_start < ${cutoff} THEN ${nowIso} ELSE auth_throttle.window_start END`,
      }),
    )
    .returning(['attempts', 'window_start'])
    .executeTakeFirstOrThrow();
  const attempts = Number(row.attempts);
  if (attempts <= limit) return null;
  if (attempts === limit + 1) {
    // The pause lasts a whole window from the first refused attempt, not just to the window's end.
    await db
      .updateTable('auth_throttle')
      .set({ window_start: nowIso })
      .where('key', '=', key)
      .where('attempts', '=', attempts)
      .execute();
    return new Date(now.getTime() + windowMs);
  }
  return new Date(Date.parse(row.window_start) + windowMs);
}

/**
 * When the pause ends if one of `limits` is already over its limit (an attempt was refused and the
 * pause began); reads only. Refused attempts are answered from here and write nothing: a paused
 * address spraying names, or a paused account tried from ever new addresses, adds no rows.
 */
async function pausedUntil(
  db: Kysely<DB>,
  limits: { key: string; limit: number }[],
  windowMs: number,
  now: Date,
): Promise<Date | null> {
  const rows = await db
    .selectFrom('auth_throttle')
    .select(['key', 'attempts', 'window_start'])
    .where(
      'key',
      'in',
      limits.map((l) => l.key),
    )
    .execute();
  let until: Date | null = null;
  for (const row of rows) {
    const limit = limits.find((l) => l.key === row.key)!.limit;
    if (Number(row.attempts) <= limit) continue;
    const end = new Date(Date.parse(row.window_start) + windowMs);
    if (end > now && (!until || end > until)) until = end;
  }
  return until;
}

/**
 * Runs `attempt` (a password check) under both limits. `attempt` returns null for wrong credentials.
 * Throws TooManyAttempts while a limit is reached, without calling `attempt`.
 */
export async function throttledLogin<T>(
  db: Kysely<DB>,
  policy: ThrottlePolicy,
  who: { username: string; address: string | undefined },
  attempt: () => Promise<T | null>,
): Promise<T | null> {
  const now = new Date();
  const windowMs = policy.windowMinutes * 60_000;
  const account = accountKey(who.username);
  const address = addressKey(who.address);
  const paused = await pausedUntil(
    db,
    [
      { key: account, limit: policy.perAccount },
      { key: address, limit: policy.perAddress },
    ],
    windowMs,
    now,
  );
  if (paused) throw new TooManyAttempts(paused, 'login');
  // Parallel attempts can all pass the check above; counting refuses those over the limit.
  const until = [
    await count(db, account, policy.perAccount, windowMs, now),
    await count(db, address, policy.perAddress, windowMs, now),
  ].filter((d): d is Date => d !== null);
  if (until.length) throw new TooManyAttempts(new Date(Math.max(...until.map((d) => d.getTime()))), 'login');
  const result = await attempt();
  if (result !== null) {
    // A good login gives its attempt back: the account starts afresh, the address keeps what others failed.
    await db.deleteFrom('auth_throttle').where('key', '=', account).execute();
    await db
      .updateTable('auth_throttle')
      .set({ attempts: sql<number>`attempts - 1` })
      .where('key', '=', address)
      .where('attempts', '>', 0)
      .execute();
  }
  return result;
}

/**
 * API keys are long random strings, so this limit is against noise and log floods rather than a real
 * guessing risk: checked before, counted only when the key was wrong (the hot path writes nothing).
 */
export async function throttledApiKey<T>(
  db: Kysely<DB>,
  policy: ThrottlePolicy,
  address: string | undefined,
  attempt: () => Promise<T>,
): Promise<T> {
  const now = new Date();
  const windowMs = policy.windowMinutes * 60_000;
  const key = apiKeyAddressKey(address);
  // The limit-th wrong key starts the pause (counted against perAddress - 1 below).
  const paused = await pausedUntil(db, [{ key, limit: policy.perAddress - 1 }], windowMs, now);
  if (paused) throw new TooManyAttempts(paused, 'apiKey');
  try {
    return await attempt();
  } catch (err) {
    // A missing header is a misconfigured caller, not a guess; only wrong keys count.
    if (err instanceof AppError && err.status === 401 && err.code !== 'api_key_missing') {
      const until = await count(db, key, policy.perAddress - 1, windowMs, now);
      if (until) throw new TooManyAttempts(until, 'apiKey');
    }
    throw err;
  }
}

/** `callbridge users unlock`: lifts the pause of an account and/or a client address at once. */
export async function liftLockout(
  db: Kysely<DB>,
  target: { username?: string; address?: string },
): Promise<number> {
  const keys = [
    ...(target.username ? [accountKey(target.username)] : []),
    ...(target.address ? [addressKey(target.address), apiKeyAddressKey(target.address)] : []),
  ];
  if (!keys.length) return 0;
  const res = await db.deleteFrom('auth_throttle').where('key', 'in', keys).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Counters whose window is over carry no information; removed with the hourly pruning. */
export async function pruneThrottle(db: Kysely<DB>, policy: ThrottlePolicy): Promise<void> {
  const cutoff = new Date(Date.now() - 2 * policy.windowMinutes * 60_000).toISOString();
  await db.deleteFrom('auth_throttle').where('window_start', '<', cutoff).execute();
}
