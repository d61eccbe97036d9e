import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { policyOf, pruneThrottle } from '../auth/loginThrottle.ts';
import { sessionRoutes } from '../auth/sessionRoutes.ts';
import { purgeExpiredSessions } from '../auth/sessions.ts';
import { closeStaleCalls } from '../calls/staleCallCloser.ts';
import { telephonyCallsResource } from '../calls/telephonyCallsResource.ts';
import type { Config } from '../config/config.ts';
import { migrateToLatest, openDatabase } from '../db/database.ts';
import { healthRoutes } from '../http/healthRoutes.ts';
import { buildServer } from '../http/server.ts';
import { SseStreams, sseRoutes } from '../http/sseRoute.ts';
import { JobQueue } from '../jobs/jobQueue.ts';
import { compatRoutes } from '../legacy/compatRoutes.ts';
import { legacyBackendRoutes } from '../legacy/legacyBackendRoutes.ts';
import { defineLegacyForwarder } from '../legacy/legacyForwarder.ts';
import { InProcessEventBus } from '../live/eventBus.ts';
import { pruneLiveEvents } from '../live/liveEventStore.ts';
import { PostgresEventBus } from '../live/postgresEventBus.ts';
import { definePersonEraser, type ErasureHooks } from '../privacy/personEraser.ts';
import { sweepRetention } from '../privacy/retentionSweeper.ts';
import { retryAfterReconnect } from '../recordings/inboxAssigner.ts';
import { convergedRecordingsResource } from '../recordings/recordingIntake.ts';
import {
  RecordingPipeline,
  type RecordingPipelineDeps,
  recordingStepJobs,
} from '../recordings/recordingPipeline.ts';
import { reconcileRecordings } from '../recordings/recordingReconciler.ts';
import { recordingRoutes } from '../recordings/recordingRoutes.ts';
import { listenProblem } from '../shared/listenErrors.ts';
import { createLogger, type Logger } from '../shared/logger.ts';
import { errorPages } from '../web/pages/errorPages.ts';
import { recordingsPage } from '../web/pages/recordingsPage.ts';
import { webexPage } from '../web/pages/webexPage.ts';
import { webRoutes } from '../web/webRoutes.ts';
import { activeCallIdsOf } from '../webex/activeCalls.ts';
import { inspectStoredSecrets, secretKeyProblem } from '../webex/keyRotation.ts';
import { webexRoutes } from '../webex/webexRoutes.ts';
import { WebexService } from '../webex/webexService.ts';
import { pruneDeliveryBodies } from '../webhooks/deliveryBodyPruner.ts';
import { applyPendingDeliveries, DeliveryIntake, SWEEP_INTERVAL_MS } from '../webhooks/deliveryIntake.ts';
import { WebhookResources } from '../webhooks/webhookResource.ts';
import { webhookRoutes } from '../webhooks/webhookRoute.ts';
import type { AppContext } from './context.ts';

export interface RunningApp {
  ctx: AppContext;
  webex: WebexService;
  pipeline: RecordingPipeline;
  queue: JobQueue;
  server: FastifyInstance;
  /** Base URL the server listens on, e.g. http://127.0.0.1:3000 */
  url: string;
  /** Drains: stops background work, tells SSE clients to reconnect, finishes in-flight requests. */
  close(): Promise<void>;
}

const PRUNE_INTERVAL_MS = 3600_000;

export async function startCallBridge(
  config: Config,
  opts: {
    log?: Logger;
    /** Which settings chose host and port, for the message when listening fails (CLI: `--port`). */
    listenSettings?: { host: string; port: string };
    /** Runs in each recording step's transaction before it commits (see RecordingPipelineDeps). */
    recordingBeforeCommit?: RecordingPipelineDeps['beforeCommit'];
    /** Runs in each erasure's transaction before it commits (see ErasureHooks). */
    erasureBeforeCommit?: ErasureHooks['beforeCommit'];
  } = {},
): Promise<RunningApp> {
  const log = opts.log ?? createLogger({ level: config.logLevel, pretty: config.logPretty });
  const database = openDatabase(config.databaseUrl, {
    onIdleError: (err) =>
      log.warn({ err: err.message }, 'idle database connection lost; it will be replaced'),
  });
  try {
    await migrateToLatest(database);
  } catch (err) {
    // An unreachable server or a refused migration: close the pool, so the process can exit with the error.
    await database.close().catch(() => {});
    throw err;
  }
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    log,
    bus:
      database.dialect === 'postgres'
        ? new PostgresEventBus({ db: database.db, url: config.databaseUrl, log })
        : new InProcessEventBus(),
    phoneRules: { defaultRegion: config.defaultRegion, minDigits: config.minNumberDigits },
  };
  if (ctx.bus instanceof PostgresEventBus) await ctx.bus.start();
  // Durable background work (src/jobs/jobQueue.ts): recordings in their own lane, the rest beside them.
  const queue = new JobQueue({
    db: ctx.db,
    log,
    instanceId: instanceIdOf(config),
  })
    .lane('background', { concurrency: 2 })
    // The pending-delivery sweep in a lane of its own, so slow background work never holds it up.
    .lane('webhooks', { concurrency: 1 });
  // Each domain registers its webhook resource; the order is how the "unknown resource" hint names them.
  const resources = new WebhookResources([
    telephonyCallsResource({ rules: ctx.phoneRules, log }),
    // Start at once rather than at the next poll (the timer lets the delivery commit first).
    convergedRecordingsResource({ applied: () => setTimeout(() => queue.poke(), 5).unref() }),
  ]);
  const intakeDeps = { db: ctx.db, bus: ctx.bus, log, resources };
  const intake = new DeliveryIntake(intakeDeps);
  const webex = new WebexService({ db: ctx.db, config, log });
  await warnAboutUnreadableSecrets(webex, log);
  const pipeline = new RecordingPipeline(
    {
      db: ctx.db,
      config,
      log,
      phoneRules: ctx.phoneRules,
      clients: webex.tokens,
      beforeCommit: opts.recordingBeforeCommit,
    },
    queue,
  );
  defineLegacyForwarder(queue, ctx.db, config);
  definePersonEraser(
    queue,
    { db: ctx.db, log, recordingSteps: recordingStepJobs },
    { beforeCommit: opts.erasureBeforeCommit },
  );
  const secrets = () => webex.webhookSecrets();
  if (!config.webhookSecret && config.allowUnsignedWebhooks) {
    log.warn(
      'ALLOW_UNSIGNED_WEBHOOKS is on and no WEBEX_WEBHOOK_SECRET is set: anyone who can reach /webhooks/webex can post calls',
    );
  }
  const state = { shuttingDown: false };
  const streams = new SseStreams({ perUser: config.sseMaxStreamsPerUser, total: config.sseMaxStreams });
  /** Only the settings a route plugin reads, so its options say what it depends on. */
  // Signing in (the JSON session routes and the login page alike) reads these.
  const SESSION_SETTINGS = [
    'secureCookies',
    'publicUrl',
    'sessionTtlHours',
    'loginMaxAttempts',
    'loginMaxAttemptsPerAddress',
    'loginLockMinutes',
  ] as const;
  const settings = <K extends keyof Config>(...keys: K[]) =>
    Object.fromEntries(keys.map((k) => [k, config[k]])) as Pick<Config, K>;
  const serverDeps = {
    db: ctx.db,
    log,
    config: settings('requestTimeoutMs', 'trustProxy', 'publicUrl', 'webexApiUrl'),
  };
  const server = await buildServer(serverDeps, errorPages, async (app) => {
    await app.register(healthRoutes, { database, state });
    await app.register(webhookRoutes, {
      intake,
      secrets,
      config: settings('webhookBodyLimitBytes', 'allowUnsignedWebhooks'),
    });
    await app.register(compatRoutes, {
      db: ctx.db,
      intake,
      throttle: policyOf(config),
      phoneRules: ctx.phoneRules,
    });
    await app.register(sseRoutes, {
      streams,
      db: ctx.db,
      bus: ctx.bus,
      config: settings('sseHeartbeatSeconds'),
    });
    await app.register(sessionRoutes, {
      db: ctx.db,
      config: settings(...SESSION_SETTINGS),
    });
    await app.register(webRoutes, {
      db: ctx.db,
      bus: ctx.bus,
      phoneRules: ctx.phoneRules,
      config: settings('recordingConsentMode', 'legacyBackendUrl', ...SESSION_SETTINGS),
    });
    await app.register(webexRoutes, { webex });
    await app.register(webexPage, {
      webex,
      config: settings('publicUrl', 'webhookSecret', 'tokenExpiryWarningDays'),
    });
    await app.register(recordingRoutes, { db: ctx.db });
    await app.register(recordingsPage, { db: ctx.db, pipeline });
    await app.register(legacyBackendRoutes, {
      db: ctx.db,
      throttle: policyOf(config),
      phoneRules: ctx.phoneRules,
    });
  });

  queue
    // Deliveries stored for retry (a handler failed, a crash); the first sweep right at start.
    .every(
      'webhook-delivery-sweep',
      SWEEP_INTERVAL_MS,
      'webhooks',
      (signal) =>
        applyPendingDeliveries(intakeDeps, { signal }).then(
          (n) => n > 0 && log.info({ applied: n }, 'applied pending webhook deliveries'),
        ),
      { atStart: true },
    )
    .every('live-and-session-pruning', PRUNE_INTERVAL_MS, 'background', () =>
      Promise.all([
        pruneLiveEvents(ctx.db, config.liveEventRetentionHours),
        purgeExpiredSessions(ctx.db),
        pruneThrottle(ctx.db, policyOf(config)),
      ]),
    )
    .every('webhook-upkeep', config.webhookUpkeepMinutes * 60_000, 'background', () => webex.upkeep())
    .every('recording-reconciliation', config.webhookUpkeepMinutes * 60_000, 'background', () =>
      reconcileRecordings(ctx.db, webex.tokens).then(
        (r) => r.queued > 0 && log.info({ queued: r.queued }, 'recordings picked up by reconciliation'),
      ),
    )
    .every('stale-calls', 60_000, 'background', () =>
      closeStaleCalls({
        db: ctx.db,
        bus: ctx.bus,
        log,
        activeCalls: (personId) => activeCallIdsOf(webex.deps, webex.tokens, personId),
        settings: settings(
          'staleRingingCheckMinutes',
          'staleActiveCheckMinutes',
          'staleRingingCloseMinutes',
          'staleActiveCloseMinutes',
        ),
      }),
    )
    .every('recording-reconnect-retry', 60_000, 'background', () => retryAfterReconnect(ctx.db))
    // Transcripts, live events, calls of numbers that never became a record, the unassigned inbox, audit.
    .every('privacy-retention', 86_400_000, 'background', () =>
      sweepRetention(ctx.db, config).then((r) => log.info(r, 'retention sweep done')),
    )
    .every('webhook-body-pruning', 3600_000, 'background', () =>
      pruneDeliveryBodies(ctx.db, config.webhookBodyRetentionHours).then(
        (r) => r.bodies + r.rows > 0 && log.info(r, 'old webhook delivery bodies removed'),
      ),
    )
    .every('jobs-housekeeping', 86_400_000, 'background', () => queue.pruneFinished(7));
  queue.start();

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      state.shuttingDown = true;
      streams.closeAll();
      await queue.stop(Math.min(5_000, config.shutdownTimeoutMs));
      const timeout = setTimeout(() => {
        log.warn('shutdown timeout reached; closing remaining connections');
        server.server.closeAllConnections();
      }, config.shutdownTimeoutMs);
      await server.close();
      clearTimeout(timeout);
      await ctx.bus.close();
      await database.close();
      log.info('CallBridge stopped');
    })();
    return closing;
  };

  try {
    await server.listen({ host: config.host, port: config.port });
  } catch (err) {
    // Everything above already runs (queue, database): stop it, or the process would linger.
    await close().catch(() => {});
    throw (
      listenProblem(err, {
        host: config.host,
        port: config.port,
        hostSetting: opts.listenSettings?.host ?? 'HOST',
        portSetting: opts.listenSettings?.port ?? 'PORT',
      }) ?? err
    );
  }
  // Listening on our address proves no other live process is this instance: what earlier runs of it
  // still hold (a kill -9) is taken back now instead of after the lease.
  await queue
    .reclaimOwnDeadClaims()
    .catch((err) => log.warn({ err: (err as Error).message }, 'taking back own jobs failed'));
  const addr = server.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log.info({ url, database: database.describe }, 'CallBridge listening');

  return {
    ctx,
    webex,
    pipeline,
    queue,
    server,
    url,
    close,
  };
}

/**
 * The instance's name on job claims. Host name plus listening address is unique among live processes
 * (a second one could not listen there); on port 0 there is no stable address, so none is claimed.
 */
function instanceIdOf(config: Config): string | undefined {
  if (config.instanceId) return config.instanceId;
  if (config.port === 0) return undefined;
  return `${hostname()}:${config.host}:${config.port}`;
}

/**
 * A wrong ENCRYPTION_KEY does not stop the service (pop-ups need no Webex token), but everything Webex
 * does fails until it is fixed; said once at start instead of only as errors deep in later calls.
 */
async function warnAboutUnreadableSecrets(webex: WebexService, log: Logger): Promise<void> {
  try {
    const secrets = await inspectStoredSecrets(webex.deps);
    const problem = secretKeyProblem(secrets, webex.deps.box);
    if (!problem) return;
    log.warn(
      {
        code: problem.code,
        unreadableSecrets: secrets.unreadable,
        storedSecrets: secrets.stored,
        sealedWithKeys: secrets.unknownKeyIds,
        currentKey: webex.deps.box.currentKeyId,
        de: problem.message,
        fix: problem.hint,
      },
      webex.deps.box.configured
        ? 'ENCRYPTION_KEY does not match the stored Webex credentials: Webex calls, token refresh and webhook signatures fail until the old key is set in PREVIOUS_ENCRYPTION_KEYS or Webex is reconnected'
        : 'ENCRYPTION_KEY is not set but Webex credentials are stored: Webex calls, token refresh and webhook signatures fail until it is set',
    );
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'stored secrets could not be checked');
  }
}
