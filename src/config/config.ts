import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../shared/errors.ts';
import { base64Key, bool, germanIssue, httpUrl, port, trustProxy } from './settingValues.ts';

/**
 * All configuration, read once at start from the environment and an optional JSON config file
 * (`CALLBRIDGE_CONFIG=path`, env wins), validated here and passed down. Nothing else reads process.env.
 */
export const configSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: port.default(3000),
    publicUrl: httpUrl('https://crm.example.de').optional(),
    trustProxy: trustProxy.default(false),
    /** Failed logins per account, and per client address (also wrong API keys), before a pause. */
    loginMaxAttempts: z.coerce.number().int().min(1).max(1000).default(5),
    loginMaxAttemptsPerAddress: z.coerce.number().int().min(1).max(10_000).default(20),
    /** Length of the counting window and of the pause once a limit is reached. */
    loginLockMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    databaseUrl: z
      .string()
      .regex(
        /^(sqlite:.+|postgres(ql)?:\/\/.+)$/,
        'muss mit sqlite: oder postgres:// beginnen, z. B. sqlite:./data/callbridge.db',
      )
      .default('sqlite:./data/callbridge.db'),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    logPretty: bool.default(false),
    /** Region for numbers written without a country code. */
    defaultRegion: z
      .string()
      .regex(/^[A-Z]{2}$/, 'muss ein zweibuchstabiger ISO-Ländercode sein, z. B. DE')
      .default('DE'),
    /** Numbers with fewer digits are internal extensions or feature codes and are ignored. */
    minNumberDigits: z.coerce.number().int().min(1).max(15).default(4),
    webexApiUrl: httpUrl('https://webexapis.com/v1').default('https://webexapis.com/v1'),
    /**
     * Secret used to verify X-Spark-Signature of deliveries that arrive for a webhook CallBridge did not
     * register itself (e.g. one created by hand). Webhooks CallBridge registers carry their own secret.
     */
    webhookSecret: z.string().min(16, 'muss mindestens 16 Zeichen lang sein').optional(),
    /** Accept unsigned deliveries when no secret is configured at all. Off unless explicitly enabled. */
    allowUnsignedWebhooks: bool.default(false),
    webhookBodyLimitBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .max(10_000_000)
      .default(256 * 1024),
    sessionTtlHours: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(12),
    /** Send the session cookie only over HTTPS. Defaults to true when publicUrl is https. */
    secureCookies: bool.optional(),
    sseHeartbeatSeconds: z.coerce.number().int().min(1).max(300).default(15),
    /** How long live events stay replayable for Last-Event-ID resume. */
    liveEventRetentionHours: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24),
    shutdownTimeoutMs: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /**
     * This instance's name on job claims, stable across restarts. Default: host name and listening
     * address, which no two live processes can share. Each instance needs its own.
     */
    instanceId: z.string().trim().min(1).max(200).optional(),
    /** A request whose headers and body have not fully arrived by then is cut (408): slow-body attacks. */
    requestTimeoutMs: z.coerce.number().int().min(500).max(600_000).default(30_000),
    /** Event streams one user may hold open; the oldest is closed (with a retry hint) beyond it. */
    sseMaxStreamsPerUser: z.coerce.number().int().min(1).max(1000).default(10),
    /** Event streams per instance in total; the oldest is closed beyond it. */
    sseMaxStreams: z.coerce.number().int().min(1).max(100_000).default(1000),
    /** Raw bodies of processed webhook deliveries are removed after this; the dedupe identity stays. */
    webhookBodyRetentionHours: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .default(72),
    /**
     * Key for secrets CallBridge stores (Webex tokens, client secret, webhook secrets): 32 random bytes,
     * base64. Without it CallBridge refuses to store any of them.
     */
    encryptionKey: base64Key.optional(),
    /** Keys that were current before a rotation, comma separated, so older values still decrypt. */
    previousEncryptionKeys: z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      )
      .pipe(z.array(base64Key))
      .default([]),
    /** How often webhooks at Webex are checked and repaired. */
    webhookUpkeepMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    /** Refresh the access token when it expires within this many hours. */
    tokenRefreshMarginHours: z.coerce
      .number()
      .min(0.01)
      .max(24 * 13)
      .default(24),
    /** Warn (status page banner, doctor) this many days before the refresh token expires. */
    tokenExpiryWarningDays: z.coerce.number().int().min(1).max(89).default(14),
    /** Recordings processed at the same time (each holds one download or provider call). */
    recordingConcurrency: z.coerce.number().int().min(1).max(32).default(2),
    /** How long a claimed recording step belongs to one instance before another may take it over. */
    recordingLeaseSeconds: z.coerce.number().int().min(1).max(3600).default(300),
    recordingMaxBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .default(500 * 1024 * 1024),
    /** Hosts recording downloads may come from; a leading dot allows subdomains. */
    recordingDownloadHosts: z
      .union([z.array(z.string()), z.string().transform((s) => s.split(','))])
      .transform((list) => list.map((h) => h.trim().toLowerCase()).filter(Boolean))
      .default(['.webex.com', '.wbx2.com', '.webexcontent.com', '.ciscospark.com']),
    /** Where audio is kept between download and transcription; removed once the transcript is stored. */
    recordingTmpDir: z.string().min(1).default('./data/tmp'),
    transcriptionProvider: z.enum(['webex', 'openai', 'openai-compatible']).default('webex'),
    transcriptionBaseUrl: httpUrl('https://api.openai.com/v1').default('https://api.openai.com/v1'),
    transcriptionApiKey: z.string().min(1).optional(),
    transcriptionModel: z.string().min(1).default('whisper-1'),
    /** Larger audio is split at MP3 frame boundaries and transcribed in pieces (OpenAI accepts 25 MB). */
    transcriptionMaxUploadBytes: z.coerce
      .number()
      .int()
      .min(10_000)
      .default(25 * 1024 * 1024),
    extractionProvider: z.enum(['rules', 'openai', 'openai-compatible']).default('rules'),
    extractionBaseUrl: httpUrl('https://api.openai.com/v1').default('https://api.openai.com/v1'),
    extractionApiKey: z.string().min(1).optional(),
    extractionModel: z.string().min(1).default('gpt-4o-mini'),
    /** Transcripts (of notes and recordings) are removed after this; summaries and fields stay. */
    transcriptRetentionDays: z.coerce.number().int().min(0).default(180),
    /** `objection`: transcribe unless the person objected; `consent`: only with their consent. */
    recordingConsentMode: z.enum(['objection', 'consent']).default('objection'),
    /** Calls of numbers that never became a lead or candidate. */
    unmatchedCallRetentionDays: z.coerce.number().int().min(1).default(90),
    /** Recordings under "Nicht zugeordnet" that nobody assigned: transcript and details are removed. */
    inboxRetentionDays: z.coerce.number().int().min(1).default(30),
    /** Entries of the recordings' audit trail. */
    auditRetentionDays: z.coerce.number().int().min(1).default(365),
    /** Longer audio is split into pieces of at most this many seconds (also under the upload limit). */
    transcriptionMaxChunkSeconds: z.coerce.number().int().min(10).default(1200),
    /** Pieces of one recording transcribed at the same time. */
    transcriptionConcurrency: z.coerce.number().int().min(1).max(16).default(2),
    /**
     * When a call without events counts as stale (its end event lost): Webex is asked about a call still
     * ringing after `staleRingingCheckMinutes`, or in progress / on hold without an event for
     * `staleActiveCheckMinutes`; one Webex cannot be asked about is closed after the close periods.
     */
    staleRingingCheckMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(2),
    staleActiveCheckMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    staleRingingCloseMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(10),
    staleActiveCloseMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(180),
    /** An old backend that receives every result (PATCH /api/candidates/{id}, POST /api/akquise/unassigned-calls). */
    legacyBackendUrl: httpUrl('https://alt.example.de').optional(),
    legacyBackendApiKey: z.string().min(1).optional(),
  })
  .superRefine((c, ctx) => {
    // Closing unconfirmed before the call is even asked about would close calls Webex still lists.
    for (const [close, check] of [
      ['staleRingingCloseMinutes', 'staleRingingCheckMinutes'],
      ['staleActiveCloseMinutes', 'staleActiveCheckMinutes'],
    ] as const) {
      if (c[close] < c[check])
        ctx.addIssue({
          code: 'custom',
          path: [close],
          message: `muss mindestens so groß sein wie ${ENV_KEYS[check]} (${c[check]} Minuten): erst wird Webex gefragt, geschlossen wird danach`,
        });
    }
    // `openai` is the OpenAI cloud, which refuses every call without a key; servers of the same API
    // that need none are `openai-compatible`. Caught here, not on the first recording hours later.
    for (const [provider, key, prefix] of [
      [c.transcriptionProvider, c.transcriptionApiKey, 'TRANSCRIPTION'],
      [c.extractionProvider, c.extractionApiKey, 'EXTRACTION'],
    ] as const) {
      if (provider === 'openai' && !key) {
        ctx.addIssue({
          code: 'custom',
          path: [prefix === 'TRANSCRIPTION' ? 'transcriptionApiKey' : 'extractionApiKey'],
          message: `nötig für den Anbieter openai (OpenAI-Cloud); für einen eigenen Server ohne Schlüssel ${prefix}_PROVIDER=openai-compatible mit ${prefix}_BASE_URL setzen`,
        });
      }
    }
  });

export type Config = z.infer<typeof configSchema>;

const ENV_KEYS: Record<keyof Config, string> = {
  host: 'HOST',
  port: 'PORT',
  publicUrl: 'PUBLIC_URL',
  trustProxy: 'TRUST_PROXY',
  loginMaxAttempts: 'LOGIN_MAX_ATTEMPTS',
  loginMaxAttemptsPerAddress: 'LOGIN_MAX_ATTEMPTS_PER_ADDRESS',
  loginLockMinutes: 'LOGIN_LOCK_MINUTES',
  databaseUrl: 'DATABASE_URL',
  logLevel: 'LOG_LEVEL',
  logPretty: 'LOG_PRETTY',
  defaultRegion: 'DEFAULT_REGION',
  minNumberDigits: 'MIN_NUMBER_DIGITS',
  webexApiUrl: 'WEBEX_API_URL',
  webhookSecret: 'WEBEX_WEBHOOK_SECRET',
  allowUnsignedWebhooks: 'ALLOW_UNSIGNED_WEBHOOKS',
  webhookBodyLimitBytes: 'WEBHOOK_BODY_LIMIT_BYTES',
  sessionTtlHours: 'SESSION_TTL_HOURS',
  secureCookies: 'SECURE_COOKIES',
  sseHeartbeatSeconds: 'SSE_HEARTBEAT_SECONDS',
  liveEventRetentionHours: 'LIVE_EVENT_RETENTION_HOURS',
  shutdownTimeoutMs: 'SHUTDOWN_TIMEOUT_MS',
  requestTimeoutMs: 'REQUEST_TIMEOUT_MS',
  instanceId: 'INSTANCE_ID',
  sseMaxStreamsPerUser: 'SSE_MAX_STREAMS_PER_USER',
  sseMaxStreams: 'SSE_MAX_STREAMS',
  webhookBodyRetentionHours: 'WEBHOOK_BODY_RETENTION_HOURS',
  encryptionKey: 'ENCRYPTION_KEY',
  previousEncryptionKeys: 'PREVIOUS_ENCRYPTION_KEYS',
  webhookUpkeepMinutes: 'WEBHOOK_UPKEEP_MINUTES',
  tokenRefreshMarginHours: 'TOKEN_REFRESH_MARGIN_HOURS',
  tokenExpiryWarningDays: 'TOKEN_EXPIRY_WARNING_DAYS',
  recordingConcurrency: 'RECORDING_CONCURRENCY',
  recordingLeaseSeconds: 'RECORDING_LEASE_SECONDS',
  recordingMaxBytes: 'RECORDING_MAX_BYTES',
  recordingDownloadHosts: 'RECORDING_DOWNLOAD_HOSTS',
  recordingTmpDir: 'RECORDING_TMP_DIR',
  transcriptionProvider: 'TRANSCRIPTION_PROVIDER',
  transcriptionBaseUrl: 'TRANSCRIPTION_BASE_URL',
  transcriptionApiKey: 'TRANSCRIPTION_API_KEY',
  transcriptionModel: 'TRANSCRIPTION_MODEL',
  transcriptionMaxUploadBytes: 'TRANSCRIPTION_MAX_UPLOAD_BYTES',
  extractionProvider: 'EXTRACTION_PROVIDER',
  extractionBaseUrl: 'EXTRACTION_BASE_URL',
  extractionApiKey: 'EXTRACTION_API_KEY',
  extractionModel: 'EXTRACTION_MODEL',
  transcriptRetentionDays: 'TRANSCRIPT_RETENTION_DAYS',
  recordingConsentMode: 'RECORDING_CONSENT_MODE',
  unmatchedCallRetentionDays: 'UNMATCHED_CALL_RETENTION_DAYS',
  inboxRetentionDays: 'INBOX_RETENTION_DAYS',
  auditRetentionDays: 'AUDIT_RETENTION_DAYS',
  transcriptionMaxChunkSeconds: 'TRANSCRIPTION_MAX_CHUNK_SECONDS',
  transcriptionConcurrency: 'TRANSCRIPTION_CONCURRENCY',
  staleRingingCheckMinutes: 'STALE_RINGING_CHECK_MINUTES',
  staleActiveCheckMinutes: 'STALE_ACTIVE_CHECK_MINUTES',
  staleRingingCloseMinutes: 'STALE_RINGING_CLOSE_MINUTES',
  staleActiveCloseMinutes: 'STALE_ACTIVE_CLOSE_MINUTES',
  legacyBackendUrl: 'LEGACY_BACKEND_URL',
  legacyBackendApiKey: 'LEGACY_BACKEND_API_KEY',
};

export type ConfigSource = {
  env?: Record<string, string | undefined>;
  file?: string;
  overrides?: Partial<Config>;
};

/** Reads and validates configuration; throws ConfigError naming every bad value and where it came from. */
export function loadConfig(source: ConfigSource = {}): Config {
  const env = source.env ?? {};
  const file = source.file ?? env['CALLBRIDGE_CONFIG'];
  const raw: Record<string, unknown> = {};
  const origin: Record<string, string> = {};
  if (file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(resolve(file), 'utf8'));
    } catch (err) {
      throw new ConfigError(
        `Konfigurationsdatei ${file} kann nicht gelesen werden: ${(err as Error).message}`,
        'Pfad in CALLBRIDGE_CONFIG prüfen und ob die Datei gültiges JSON ist.',
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ConfigError(`Konfigurationsdatei ${file} muss ein JSON-Objekt enthalten.`);
    }
    for (const [k, v] of Object.entries(parsed)) {
      if (!(k in ENV_KEYS)) {
        throw new ConfigError(
          `Konfigurationsdatei ${file}: unbekannte Einstellung "${k}".`,
          `Bekannte Einstellungen: ${Object.keys(ENV_KEYS).join(', ')}.`,
        );
      }
      raw[k] = v;
      origin[k] = `${file}: ${k}`;
    }
  }
  for (const [key, envName] of Object.entries(ENV_KEYS)) {
    const v = env[envName];
    if (v !== undefined && v !== '') {
      raw[key] = v;
      origin[key] = envName;
    }
  }
  for (const [k, v] of Object.entries(source.overrides ?? {})) {
    if (v !== undefined) {
      raw[k] = v;
      origin[k] = k;
    }
  }
  const result = configSchema.safeParse(raw, { error: germanIssue });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      const where = origin[key] ?? ENV_KEYS[key as keyof Config] ?? key;
      const value = raw[key];
      if (value === undefined) return `${where} fehlt: ${issue.message}`;
      const shown = /secret|password|token|key/i.test(key) ? '(verborgen)' : JSON.stringify(value);
      return `${where}=${shown}: ${issue.message}`;
    });
    throw new ConfigError(
      `Ungültige Konfiguration:\n  - ${problems.join('\n  - ')}`,
      'Die genannten Werte korrigieren (Umgebungsvariablen oder die Datei in CALLBRIDGE_CONFIG) und neu starten.',
      problems,
    );
  }
  return result.data;
}
