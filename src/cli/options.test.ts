import { describe, expect, it } from 'vitest';
import { integerOption, parsePortOption } from './options.ts';

describe('parsePortOption', () => {
  it('accepts 0 to 65535', () => {
    expect(parsePortOption('0', '--port')).toBe(0);
    expect(parsePortOption(' 3100 ', '--port')).toBe(3100);
    expect(parsePortOption('65535', '--port')).toBe(65535);
  });

  it.each(['-5', 'x', '', '3.5', '65536', '1e3'])('refuses %j naming the option', (v) => {
    expect(() => parsePortOption(v, '--sim-port')).toThrow(
      expect.objectContaining({ code: 'port_invalid', message: `--sim-port "${v}" ist kein gültiger Port` }),
    );
  });
});

describe('integerOption', () => {
  const count = { min: 1, max: 100, what: 'keine Anzahl', hint: 'Eine ganze Zahl ab 1 angeben.' };
  it('takes a whole number in range and refuses anything else, naming the option', () => {
    expect(integerOption('7', '--n', count)).toBe(7);
    for (const v of ['0', '101', '-1', 'x', '2.5'])
      expect(() => integerOption(v, '--n', count)).toThrow(`--n "${v}" ist keine Anzahl`);
  });
});
