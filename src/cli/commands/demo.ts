import type { Command } from 'commander';
import { DEMO_USERS, runDemo } from '../../demo/demoRunner.ts';
import { startSimulator } from '../../simulator/simulatorServer.ts';
import { cliConfig } from '../runtime.ts';
import { stopOnSignals } from './serve.ts';

export function registerDemo(program: Command) {
  program
    .command('demo')
    .description(
      'Ausprobieren ohne Webex-Konto: CallBridge (SQLite unter ./data/) + Webex-Simulator + Demo-Team',
    )
    .option('-p, --port <port>', 'Port von CallBridge', '3000')
    .option('--sim-port <port>', 'Port des Simulators', '3100')
    .option('--ring-every <seconds>', 'alle N Sekunden einen Demo-Anruf klingeln lassen (0: aus)', '25')
    .action(async (o: { port: string; simPort: string; ringEvery: string }) => {
      const config = cliConfig({
        port: Number(o.port),
        // The demo prints what matters; JSON logs below warnings would drown it (LOG_LEVEL overrides).
        ...(process.env['LOG_LEVEL'] ? {} : { logLevel: 'warn' as const }),
        ...(process.env['DATABASE_URL'] ? {} : { databaseUrl: 'sqlite:./data/demo.db' }),
      });
      const demo = await runDemo({
        config,
        simulatorPort: Number(o.simPort),
        ringEverySeconds: Number(o.ringEvery),
      });
      stopOnSignals(demo.close, demo.app.ctx.log);
      process.stdout.write(
        [
          '',
          '  CallBridge-Demo läuft.',
          '',
          `  Anmelden:        ${demo.app.url}/login`,
          ...DEMO_USERS.map(
            (u) =>
              `                   ${u.username} / ${u.password}${u.role === 'admin' ? '  (Admin, sieht alle Anrufe)' : '  (Recruiter, seine Leitung klingelt)'}`,
          ),
          `  Webex-Simulator: ${demo.sim.url}/_sim   (Anruf per Klick klingeln lassen)`,
          `  Webex verbinden: ${demo.app.url}/webex  (Anmeldung beim Simulator, keine echten Zugangsdaten)`,
          `  Daten:           ${demo.app.ctx.database.describe}`,
          Number(o.ringEvery) > 0 ? `  Alle ${o.ringEvery} s klingelt ein Demo-Anruf bei milad.` : '',
          '',
          '  Beenden mit Strg+C.',
          '',
        ].join('\n'),
      );
    });
}

export function registerSimulator(program: Command) {
  program
    .command('simulator')
    .description('Den Webex-Simulator allein starten (HTTP-API wie Webex, Steuerseite unter /_sim)')
    .option('-p, --port <port>', 'Port', '3100')
    .option('--host <host>', 'Adresse', '127.0.0.1')
    .option('--inactive-after <n>', 'Webhook nach N fehlgeschlagenen Zustellungen inaktiv setzen', '100')
    .action(async (o: { port: string; host: string; inactiveAfter: string }) => {
      const sim = await startSimulator({
        port: Number(o.port),
        host: o.host,
        inactiveAfterFailures: Number(o.inactiveAfter),
        log: (m) => process.stdout.write(`${m}\n`),
      });
      process.stdout.write(`Webex-Simulator: ${sim.url}/_sim  (API-Basis ${sim.url}/v1)\n`);
      for (const p of sim.state.people)
        process.stdout.write(`  ${p.displayName}: personId ${p.id}\n    access token ${p.accessToken}\n`);
      stopOnSignals(sim.close, { info: (m) => process.stdout.write(`${m}\n`) });
    });
}
