import { Command } from 'commander';
import { registerApiKeys } from './commands/apikeys.ts';
import { registerData } from './commands/data.ts';
import { registerDemo, registerSimulator } from './commands/demo.ts';
import { registerExtract } from './commands/extract.ts';
import { registerImport } from './commands/importCsv.ts';
import { registerMigrate } from './commands/migrate.ts';
import { registerPrivacy } from './commands/privacy.ts';
import { registerRecordings } from './commands/recordings.ts';
import { registerServe } from './commands/serve.ts';
import { registerTestServer } from './commands/testServer.ts';
import { registerTranscribe } from './commands/transcribe.ts';
import { registerUsers } from './commands/users.ts';
import { registerWebex } from './commands/webex.ts';
import { speakGerman } from './germanHelp.ts';
import { printError, tolerateClosedOutput } from './runtime.ts';

tolerateClosedOutput();

const program = speakGerman(new Command('callbridge'))
  .description('CallBridge verbindet Webex Calling mit dem CRM: Live-Anrufer-Pop-ups und Gesprächsnotizen.')
  .version('0.1.0', '-V, --version', 'Version anzeigen')
  .addHelpText(
    'after',
    `
Konfiguration über Umgebungsvariablen (oder eine JSON-Datei in CALLBRIDGE_CONFIG), z. B.
  DATABASE_URL=sqlite:./data/callbridge.db | postgres://user@host/db
  PORT=3000  PUBLIC_URL=https://crm.example.de  WEBEX_WEBHOOK_SECRET=…
Siehe README.md.`,
  );

registerServe(program);
registerDemo(program);
registerSimulator(program);
registerMigrate(program);
registerUsers(program);
registerApiKeys(program);
registerImport(program);
registerData(program);
registerWebex(program);
registerExtract(program);
registerRecordings(program);
registerPrivacy(program);
registerTestServer(program);
registerTranscribe(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = printError(err);
}
