import type { Command } from 'commander';
import { startOpenAiTestServer } from '../../testServer/openaiTestServer.ts';
import { stopOnSignals } from './serve.ts';

export function registerTestServer(program: Command) {
  program
    .command('openai-test-server')
    .description(
      'TESTDOUBLE der OpenAI-API (Transkription, Chat) für Tests und Demos ohne Schlüssel – kein Modell',
    )
    .option('-p, --port <port>', 'Port', '3200')
    .action(async (o: { port: string }) => {
      const s = await startOpenAiTestServer({ port: Number(o.port) });
      process.stdout.write(
        `OpenAI-Testdouble: ${s.url}/v1  (Steuerung: POST /_test/transcripts, /_test/faults; GET /_test/requests)\n`,
      );
      stopOnSignals(s.close, { info: (m) => process.stdout.write(`${m}\n`) });
    });
}
