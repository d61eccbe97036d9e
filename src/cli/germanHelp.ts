import { type Command, Help } from 'commander';

/**
 * The CLI speaks German like the rest of CallBridge. Commander writes its own help titles and error
 * messages in English; these are translated where they are written, and subcommands inherit the
 * settings from the program.
 */
export function speakGerman(program: Command): Command {
  return (
    program
      .helpOption('-h, --help', 'Hilfe anzeigen')
      .helpCommand('help [befehl]', 'Hilfe zu einem Befehl anzeigen')
      .showHelpAfterError('(Hilfe: --help)')
      // Terms are translated before commander measures them, so the columns stay aligned.
      .configureHelp({
        subcommandTerm: (cmd) => placeholders(english.subcommandTerm(cmd)),
        commandUsage: (cmd) => placeholders(english.commandUsage(cmd)),
      })
      .configureOutput({
        writeOut: (s) => process.stdout.write(germanHelp(s)),
        writeErr: (s) => process.stderr.write(germanHelp(s)),
        outputError: (s, write) => write(germanError(s)),
      })
  );
}

const english = new Help();
const placeholders = (term: string) =>
  term.replace('[options]', '[optionen]').replace('[command]', '[befehl]');

const HELP: [RegExp, string][] = [
  [/^Usage:/gm, 'Aufruf:'],
  [/^Options:$/gm, 'Optionen:'],
  [/^Commands:$/gm, 'Befehle:'],
  [/^Arguments:$/gm, 'Argumente:'],
  [/\(default: /g, '(Standard: '],
  [/\(choices: /g, '(Auswahl: '],
];

export function germanHelp(text: string): string {
  return HELP.reduce((t, [re, de]) => t.replace(re, de), text);
}

const ERRORS: [RegExp, string][] = [
  [/^error: missing required argument '(.+?)'/, 'Fehler: Argument „$1“ fehlt'],
  [/^error: unknown command '(.+?)'/, 'Fehler: unbekannter Befehl „$1“'],
  [/^error: unknown option '(.+?)'/, 'Fehler: unbekannte Option „$1“'],
  [/^error: option '(.+?)' argument missing/, 'Fehler: Option „$1“ braucht einen Wert'],
  [/^error: required option '(.+?)' not specified/, 'Fehler: Option „$1“ fehlt'],
  [
    // Commander names the arguments it got after the count ("… but got 2: Anna, Keller.").
    /^error: too many arguments(?: for '.+?')?\. Expected (\d+) arguments? but got (\d+)(: .*?)?\.$/m,
    'Fehler: zu viele Argumente (erwartet $1, erhalten $2$3)',
  ],
  [/^error: /, 'Fehler: '],
  [/\(Did you mean (.+?)\?\)/, '(Meinten Sie $1?)'],
];

export function germanError(text: string): string {
  return ERRORS.reduce((t, [re, de]) => t.replace(re, de), text);
}
