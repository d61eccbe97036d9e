import type { Command } from 'commander';
import { listenProblem } from '../../shared/listenErrors.ts';
import { startOpenAiTestServer } from '../../testServer/openaiTestServer.ts';
import { parsePortOption } from '../options.ts';
import { stopOnSignals } from './serve.ts';

export function registerTestServer(program: Command) {
  program
    .command('openai-test-server')
    .description(
      'TESTDOUBLE der OpenAI-API (Transkription, Chat) für Tests und Demos ohne Schlüssel – kein Modell',
    )
    .option('-p, --port <port>', 'Port', '3200')
    .action(async (o: { port: string }) => {
      const port = parsePortOption(o.port, '--port');
      let s: Awaited<ReturnType<typeof startOpenAiTestServer>>;
      try {
        s = await startOpenAiTestServer({ port });
      } catch (err) {
        throw (
          listenProblem(err, { host: '127.0.0.1', port, hostSetting: 'Adresse', portSetting: '--port' }) ??
          err
        );
      }
      process.stdout.write(
        `OpenAI-Testdouble: ${s.url}/v1  (Steuerung: POST /_test/transcripts, /_test/faults; GET /_test/requests)\n`,
      );
      stopOnSignals(s.close, { info: (m) => process.stdout.write(`${m}\n`) });
    });
}
