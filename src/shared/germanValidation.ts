import { z } from 'zod';

/*
 * The language rule (atop errors.ts) covers validation too: a schema without its own message answers
 * with zod's German default ("Ungültige Eingabe: …") instead of the English one. Imported by errors.ts,
 * so it holds wherever errors are reported.
 */
z.config(z.locales.de());
