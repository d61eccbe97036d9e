import type { Kysely } from 'kysely';
import { viewerOf } from '../../auth/requestUser.ts';
import { recordTimeline } from '../../calls/recordTimeline.ts';
import type { Config } from '../../config/config.ts';
import { getCandidate } from '../../crm/candidateStore.ts';
import type { DB, User } from '../../db/schema.ts';
import { html, type SafeHtml } from '../html.ts';
import { extractedFieldsSection } from '../sections/extractedFieldsSection.ts';
import { sharedNumbersSection } from '../sections/sharedNumbersSection.ts';
import { suggestionsSection } from '../sections/suggestionsSection.ts';
import { tasksSection } from '../sections/tasksSection.ts';
import { timelineSection } from '../sections/timelineSection.ts';
import { privacySection } from './privacyPages.ts';

export interface RecordHeader {
  type: 'lead' | 'candidate';
  id: string;
  path: string;
  title: string;
  facts: [string, string][];
  numbers: string[];
}

type NoticeQuery = { hinweis?: string | undefined; anzahl?: number | undefined };

const HINTS: Record<string, (q: NoticeQuery) => string> = {
  zugeordnet: (q) =>
    (q.anzahl ?? 0) > 1
      ? `${q.anzahl} Anrufe zugeordnet: ihre Notizen stehen im Verlauf.`
      : 'Anruf zugeordnet: die Notiz steht im Verlauf.',
  angelegt: () =>
    'Angelegt und den Anruf zugeordnet: Notiz, Angaben und Aufgaben aus dem Gespräch stehen unten.',
  korrigiert: () => 'Gesprächsdaten gespeichert; die Änderung steht im Verlauf.',
  unveraendert: () => 'Keine Änderung an den Gesprächsdaten.',
  verschoben: () => 'Anruf hierher verschoben, mit Notiz, Link zum Anruf, Vorschlägen und Aufgaben.',
};

/** The confirmation after an action that redirected here (chosen from a fixed list, never echoed). */
export function recordNotices(q: NoticeQuery): SafeHtml[] {
  const hint = q.hinweis ? HINTS[q.hinweis] : undefined;
  return hint ? [html`<p class="flash" role="status" id="notice">${hint(q)}</p>`] : [];
}

/**
 * A lead's or candidate's page as a list of sections, so further ones (consent, export) slot in:
 * facts, notices, shared numbers, what calls said, open suggestions, then the one timeline.
 */
export async function recordDetailBody(
  ctx: { db: Kysely<DB>; config: Pick<Config, 'recordingConsentMode'> },
  user: User,
  r: RecordHeader,
  notices: SafeHtml[] = [],
): Promise<SafeHtml> {
  const self = `${r.path}/${r.id}`;
  const [timeline, cand] = await Promise.all([
    recordTimeline(ctx.db, viewerOf(user), { type: r.type, id: r.id }),
    r.type === 'candidate' ? getCandidate(ctx.db, r.id) : null,
  ]);
  const sections: SafeHtml[] = [
    html`<h1>${r.title}</h1>`,
    ...notices,
    html`<div class="card"><dl class="facts">${r.facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
<div class="actions"><a class="button secondary" href="${self}/bearbeiten">Bearbeiten</a></div></div>`,
    await sharedNumbersSection(ctx, r.type, r.id, r.numbers),
    cand ? extractedFieldsSection(cand) : html``,
    cand ? await suggestionsSection(ctx.db, cand.id) : html``,
    await tasksSection(ctx.db, { type: r.type, id: r.id }),
    timelineSection(
      timeline,
      `Noch nichts passiert mit ${r.type === 'lead' ? 'diesem Lead' : 'diesem Kandidaten'}. Anrufe, Notizen, Vorschläge und Aufgaben erscheinen hier, das Neueste oben.`,
    ),
    await privacySection(ctx, user, { type: r.type, id: r.id }),
  ];
  return html`${sections}`;
}
