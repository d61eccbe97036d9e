import { z } from 'zod';
import { formRefusal } from './validation.ts';

/**
 * A posted form is untrusted like a query: each route names its fields with zod and `parseForm`
 * refuses a body that does not fit with a 400 and a German message, instead of a cast that lets an
 * array (a field sent twice) or a JSON number reach code that expects text. Unknown fields are dropped.
 */

/** One field as text; absent is `undefined`, sent twice or not text is refused. */
const text = () => z.string({ error: 'muss ein einzelner Text sein' }).optional();

export const form = {
  text,
  /** Every field of a form whose fields are listed elsewhere (the record forms), each as text. */
  values: () => z.record(z.string(), z.string({ error: 'muss ein einzelner Text sein' })),
};

export function parseForm<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  throw formRefusal(result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
}
