import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import './errors.ts';

describe('validation messages', () => {
  it("are zod's German defaults where a schema carries none of its own", () => {
    const r = z.object({ company: z.string() }).safeParse({ company: 5 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('Ungültige Eingabe: erwartet string, erhalten Zahl');
    expect(z.string().min(3, 'eigene Meldung').safeParse('a').error!.issues[0]!.message).toBe(
      'eigene Meldung',
    );
  });
});
