import type { Command } from 'commander';
import { startCallBridge } from '../../app/start.ts';
import { parsePortOption } from '../options.ts';
import { cliConfig } from '../runtime.ts';

export function registerServe(program: Command) {
  program
    .command('serve')
    .description(
      'CallBridge starten (HTTP-Server, Webhooks, Live-Pop-ups). Konfiguration aus Umgebung/CALLBRIDGE_CONFIG.',
    )
    .option('-p, --port <port>', 'Port (überschreibt PORT)')
    .action(async (opts: { port?: string }) => {
      const config = cliConfig(opts.port ? { port: parsePortOption(opts.port, '--port') } : {});
      const app = await startCallBridge(config, {
        listenSettings: { host: 'HOST', port: opts.port ? '--port' : 'PORT' },
      });
      stopOnSignals(app.close, app.ctx.log);
      process.stdout.write(`CallBridge läuft auf ${app.url} (${app.ctx.database.describe})\n`);
    });
}

/**
 * SIGTERM/SIGINT drain the service; a second signal exits at once. Output may have nowhere to go by
 * then (`serve | head -1`): the logger and runtime.ts tolerateClosedOutput make such writes harmless.
 */
export function stopOnSignals(close: () => Promise<void>, log: { info: (m: string) => void }) {
  let stopping = false;
  const stop = (sig: string) => {
    if (stopping) process.exit(130);
    stopping = true;
    try {
      log.info(`${sig} received, shutting down`);
    } catch {
      // A log line that cannot be written must not keep the service from stopping.
    }
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
