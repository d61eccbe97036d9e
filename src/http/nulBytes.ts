/**
 * A NUL character in typed or pasted text (a copy from a PDF, a crafted request) is valid JSON and a
 * valid form value, but PostgreSQL cannot store it in a text column and refused the insert with a 500
 * ("invalid byte sequence for encoding UTF8: 0x00"); on SQLite it was stored and shown as a gap. It
 * never carries meaning in a name, a note or a search, so it is dropped from every parsed path
 * parameter (an id with %00 is looked up without it: not found), body and query before the route's schema sees them. Raw bodies (webhook buffers, uploads) stay as they came.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string')
    return (value.includes('\u0000') ? value.replaceAll('\u0000', '') : value) as T;
  if (Array.isArray(value)) return value.map(withoutNul) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(value));
    for (const [k, v] of Object.entries(value)) out[withoutNul(k)] = withoutNul(v);
    return out as T;
  }
  return value;
}

/** A parsed body or query: a plain object, also one without Object's prototype (the query parser's). */
const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (v === null || typeof v !== 'object') return false;
  const made = (v as { constructor?: unknown }).constructor;
  return made === undefined || made === Object;
};
