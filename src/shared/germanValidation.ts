import { z } from 'zod';

/*
 * The language rule (atop errors.ts) covers validation too: a schema without its own message answers
 * with zod's German default ("Ungültige Eingabe: …") instead of the English one. Imported by errors.ts,
 * so it holds wherever errors are reported.
 */
z.config(z.locales.de());

/** zod's German locale still names JavaScript's types ("erwartet object, erhalten Array"). */
const TYPE_NAMES: Record<string, string> = {
  string: 'Text',
  number: 'Zahl',
  int: 'ganze Zahl',
  bigint: 'ganze Zahl',
  nan: 'keine Zahl',
  boolean: 'true oder false',
  object: 'Objekt',
  record: 'Objekt',
  array: 'Liste',
  tuple: 'Liste',
  date: 'Datum',
  null: 'null',
};

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isNaN(v) ? 'nan' : typeof v;

z.config({
  customError: (issue) => {
    if (issue.code !== 'invalid_type') return undefined; // the locale's message
    const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
    if (issue.input === undefined) return `Angabe fehlt (erwartet ${expected})`;
    const received = typeOf(issue.input);
    return `Ungültige Eingabe: erwartet ${expected}, erhalten ${TYPE_NAMES[received] ?? received}`;
  },
});
