import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import './errors.ts';

describe('validation messages', () => {
  it("are zod's German defaults where a schema carries none of its own", () => {
    const r = z.object({ company: z.string() }).safeParse({ company: 5 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('Ungültige Eingabe: erwartet Text, erhalten Zahl');
    // Types in German words, not JavaScript's; a missing value is said to be missing.
    expect(z.object({ a: z.string() }).safeParse([]).error!.issues[0]!.message).toBe(
      'Ungültige Eingabe: erwartet Objekt, erhalten Liste',
    );
    expect(z.object({ n: z.number() }).safeParse({}).error!.issues[0]!.message).toBe(
      'Angabe fehlt (erwartet Zahl)',
    );
    expect(z.array(z.string()).safeParse({ x: 1 }).error!.issues[0]!.message).toBe(
      'Ungültige Eingabe: erwartet Liste, erhalten Objekt',
    );
    expect(z.boolean().safeParse('ja').error!.issues[0]!.message).toBe(
      'Ungültige Eingabe: erwartet true oder false, erhalten Text',
    );
    expect(z.string().min(3, 'eigene Meldung').safeParse('a').error!.issues[0]!.message).toBe(
      'eigene Meldung',
    );
  });
});
