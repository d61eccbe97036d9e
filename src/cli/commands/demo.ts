import type { Command } from 'commander';
import { DEMO_USERS, runDemo } from '../../demo/demoRunner.ts';
import { listenFailureOf, listenProblem } from '../../shared/listenErrors.ts';
import { startSimulator } from '../../simulator/simulatorServer.ts';
import { integerOption, parsePortOption } from '../options.ts';
import { cliConfig, printError } from '../runtime.ts';
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
      const port = parsePortOption(o.port, '--port');
      const simPort = parsePortOption(o.simPort, '--sim-port');
      const ringEvery = integerOption(o.ringEvery, '--ring-every', {
        min: 0,
        max: 86_400,
        what: 'keine Anzahl Sekunden',
        hint: 'Eine ganze Zahl von 0 (aus) bis 86400 angeben, z. B. --ring-every 25.',
      });
      const config = cliConfig({
        port,
        // The demo prints what matters; JSON logs below warnings would drown it (LOG_LEVEL overrides).
        ...(process.env['LOG_LEVEL'] ? {} : { logLevel: 'warn' as const }),
        ...(process.env['DATABASE_URL'] ? {} : { databaseUrl: 'sqlite:./data/demo.db' }),
      });
      let demo: Awaited<ReturnType<typeof runDemo>>;
      try {
        demo = await runDemo({ config, simulatorPort: simPort, ringEverySeconds: ringEvery });
      } catch (err) {
        const failed = listenFailureOf(err);
        const problem = failed
          ? listenProblem(err, {
              host: config.host,
              port: failed.port ?? port,
              hostSetting: 'HOST',
              portSetting: failed.port === simPort && simPort !== port ? '--sim-port' : '--port',
            })
          : null;
        // What already started (the simulator when CallBridge could not) would keep the process alive.
        process.exit(printError(problem ?? err));
      }
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
          `  Prüfen:          ${demo.doctorCommand}`,
          ringEvery > 0 ? `  Alle ${ringEvery} s klingelt ein Demo-Anruf bei milad.` : '',
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
      const port = parsePortOption(o.port, '--port');
      const inactiveAfter = integerOption(o.inactiveAfter, '--inactive-after', {
        min: 1,
        max: Number.MAX_SAFE_INTEGER,
        what: 'keine Anzahl',
        hint: 'Eine ganze Zahl ab 1 angeben, z. B. --inactive-after 100.',
      });
      let sim: Awaited<ReturnType<typeof startSimulator>>;
      try {
        sim = await startSimulator({
          port,
          host: o.host,
          inactiveAfterFailures: inactiveAfter,
          log: (m) => process.stdout.write(`${m}\n`),
        });
      } catch (err) {
        throw listenProblem(err, { host: o.host, port, hostSetting: '--host', portSetting: '--port' }) ?? err;
      }
      process.stdout.write(`Webex-Simulator: ${sim.url}/_sim  (API-Basis ${sim.url}/v1)\n`);
      for (const p of sim.state.people)
        process.stdout.write(`  ${p.displayName}: personId ${p.id}\n    access token ${p.accessToken}\n`);
      stopOnSignals(sim.close, { info: (m) => process.stdout.write(`${m}\n`) });
    });
}
