import { isIP } from 'node:net';
import { z } from 'zod';

/** The kinds of value settings take, each refused with a German message the admin reads beside the variable. */
export const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])], {
    error: 'muss true oder false sein (auch 1/0 oder yes/no)',
  })
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');

export const port = z.coerce
  .number({ error: 'muss eine ganze Zahl von 0 bis 65535 sein' })
  .int({ error: 'muss eine ganze Zahl von 0 bis 65535 sein' })
  .min(0, { error: 'muss eine ganze Zahl von 0 bis 65535 sein' })
  .max(65535, { error: 'muss eine ganze Zahl von 0 bis 65535 sein' });

export const httpUrl = (example: string) =>
  z.url({ protocol: /^https?$/, error: `muss eine http(s)-URL sein, z. B. ${example}` });

/**
 * Which peers may set X-Forwarded-For/-Proto/-Host; what fastify's `trustProxy` takes: false (default,
 * forwarded headers ignored), true (any peer — only when nothing but the proxy can reach CallBridge),
 * a hop count, or a comma-separated list of addresses/CIDRs (also `loopback`, `uniquelocal`).
 */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
export const trustProxy = z
  .union([z.boolean(), z.number(), z.string()])
  .transform((v, tx): boolean | number | string => {
    if (typeof v !== 'string') return v;
    const s = v.trim();
    if (/^(false|0|no|off)$/i.test(s)) return false;
    if (/^(true|yes|on)$/i.test(s)) return true;
    if (/^\d+$/.test(s)) return Number(s);
    const entries = s.split(',').map((e) => e.trim());
    const bad = entries.find((e) => {
      if (PROXY_NAMES.has(e)) return false;
      const [addr, bits, extra] = e.split('/');
      if (extra !== undefined || !addr || !isIP(addr)) return true;
      return bits !== undefined && !/^\d{1,3}$/.test(bits);
    });
    if (bad !== undefined) {
      tx.issues.push({
        code: 'custom',
        input: v,
        message: `„${bad}“ ist keine IP-Adresse und kein Netz; erwartet z. B. 127.0.0.1 oder 10.0.0.0/8,192.168.1.5 (oder false, true, eine Anzahl Proxys)`,
      });
      return z.NEVER;
    }
    return entries.join(',');
  });

export const base64Key = z
  .string()
  .trim()
  .refine((s) => /^[A-Za-z0-9+/_-]+=*$/.test(s) && Buffer.from(s, 'base64').length === 32, {
    message: 'muss aus 32 zufälligen Bytes bestehen, base64 (einen erzeugen: `callbridge keys generate`)',
  });

const germanLocale = z.locales.de().localeError;

/** Messages for the checks that carry none of their own; the admin reads them next to the variable. */
export function germanIssue(issue: Parameters<typeof germanLocale>[0]): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return 'muss eine ganze Zahl sein';
      if (issue.expected === 'number') return 'muss eine Zahl sein';
      if (issue.expected === 'string') return 'muss ein Text sein';
      break;
    case 'invalid_value':
      return `muss einer dieser Werte sein: ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'number')
        return `muss mindestens ${String(issue.minimum)}${issue.inclusive === false ? ' (ausschließlich)' : ''} sein`;
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1
          ? 'darf nicht leer sein'
          : `muss mindestens ${String(issue.minimum)} Zeichen lang sein`;
      break;
    case 'too_big':
      if (issue.origin === 'number') return `darf höchstens ${String(issue.maximum)} sein`;
      break;
    case 'invalid_format':
      if (issue.format === 'url') return 'muss eine URL sein, z. B. https://crm.example.de';
      break;
  }
  const fallback = germanLocale(issue);
  return typeof fallback === 'string' ? fallback : fallback?.message;
}
