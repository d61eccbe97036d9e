import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What a connect or a webhook check did travels to /webex in the query string. Signed with the viewer's
 * session token, so a link someone else made cannot put their own words in the page's notice boxes.
 */
const FIELDS = ['verbunden', 'hinweis', 'sync', 'warnung'] as const;
type Notice = Partial<Record<(typeof FIELDS)[number], string>>;

const sign = (sessionToken: string, n: Notice) =>
  createHmac('sha256', sessionToken)
    .update(FIELDS.map((f) => `${f}=${n[f] ?? ''}`).join('\n'))
    .digest('base64url')
    .slice(0, 22);

export function noticeQuery(sessionToken: string, n: Notice): string {
  const params = new URLSearchParams();
  for (const f of FIELDS) if (n[f]) params.set(f, n[f]!);
  params.set('sig', sign(sessionToken, n));
  return params.toString();
}

/** The notice if it was signed for this session; otherwise nothing is shown. */
export function verifiedNotice(sessionToken: string | undefined, q: Notice & { sig?: string }): Notice {
  if (!sessionToken || !q.sig) return {};
  const n: Notice = {};
  for (const f of FIELDS) if (q[f]) n[f] = q[f];
  const want = Buffer.from(sign(sessionToken, n));
  const got = Buffer.from(q.sig);
  return want.length === got.length && timingSafeEqual(want, got) ? n : {};
}
