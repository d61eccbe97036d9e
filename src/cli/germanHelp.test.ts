import { describe, expect, it } from 'vitest';
import { germanError, germanHelp } from './germanHelp.ts';

describe('German CLI texts', () => {
  it('translates the help titles commander writes', () => {
    expect(germanHelp('Usage: callbridge recordings\n\nOptions:\n  -h\n\nCommands:\n')).toBe(
      'Aufruf: callbridge recordings\n\nOptionen:\n  -h\n\nBefehle:\n',
    );
    expect(germanHelp('  --port <port>  Port (default: "3000")')).toBe(
      '  --port <port>  Port (Standard: "3000")',
    );
  });

  it('translates its errors, keeping the names', () => {
    expect(germanError("error: missing required argument 'id'\n")).toBe('Fehler: Argument „id“ fehlt\n');
    expect(germanError("error: unknown command 'recordngs'\n(Did you mean recordings?)\n")).toBe(
      'Fehler: unbekannter Befehl „recordngs“\n(Meinten Sie recordings?)\n',
    );
    expect(germanError("error: option '--port <port>' argument missing\n")).toBe(
      'Fehler: Option „--port <port>“ braucht einen Wert\n',
    );
    expect(
      germanError("error: too many arguments for 'add'. Expected 1 argument but got 2: Anna, Keller.\n"),
    ).toBe('Fehler: zu viele Argumente (erwartet 1, erhalten 2: Anna, Keller)\n');
    expect(germanError('error: something new\n')).toBe('Fehler: something new\n');
  });
});
