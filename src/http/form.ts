import { z } from 'zod';

/**
 * A posted form is untrusted like a query: each route names its fields with these pieces in its body
 * schema, and a body that does not fit is refused with a 400 and a German message (http/validation.ts)
 * instead of a cast that lets an array (a field sent twice) or a JSON number reach code that expects
 * text. Unknown fields are dropped.
 */

/** One field as text; absent is `undefined`, sent twice or not text is refused. */
const text = () => z.string({ error: 'muss ein einzelner Text sein' }).optional();

export const form = {
  text,
  /** Every field of a form whose fields are listed elsewhere (the record forms), each as text. */
  values: () => z.record(z.string(), z.string({ error: 'muss ein einzelner Text sein' })),
};
