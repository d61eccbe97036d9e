import { startCallBridge } from '../../src/app/start.ts';
import { stopOnSignals } from '../../src/cli/commands/serve.ts';
import { cliConfig } from '../../src/cli/runtime.ts';
import { createLogger } from '../../src/shared/logger.ts';

/**
 * `callbridge serve` for crash tests: TEST_RECORDING_PAUSE=step:ms holds that recording step's
 * transaction open this long after everything is written, TEST_ERASURE_PAUSE_MS=ms an erasure's, so a
 * kill -9 lands inside the commit. The pauses are injected here, so the service has no such switch.
 */
const [pauseStep, pauseMs] = (process.env['TEST_RECORDING_PAUSE'] ?? '').split(':');
const erasurePauseMs = Number(process.env['TEST_ERASURE_PAUSE_MS'] ?? 0);
const config = cliConfig();
const log = createLogger({ level: config.logLevel, pretty: config.logPretty });
const app = await startCallBridge(config, {
  log,
  recordingBeforeCommit: async (step, recordingId) => {
    if (step !== pauseStep) return;
    log.info({ recording: recordingId, step }, 'test pause before commit');
    await new Promise((r) => setTimeout(r, Number(pauseMs)));
  },
  erasureBeforeCommit: async (erasureId) => {
    if (!erasurePauseMs) return;
    log.info({ erasure: erasureId }, 'test pause before erasure commit');
    await new Promise((r) => setTimeout(r, erasurePauseMs));
  },
});
stopOnSignals(app.close, app.ctx.log);
