import type { Kysely } from 'kysely';
import type { CallView } from '../../calls/callView.ts';
import type { Config } from '../../config/config.ts';
import type { DB } from '../../db/schema.ts';
import { callConsentState } from '../../privacy/callConsentState.ts';
import { html, type SafeHtml } from '../html.ts';

/**
 * Objection or consent during the call (§ 201 StGB): what holds for this call's recording, and two
 * buttons to record what the caller just said. callConsent.js sends them without leaving the page (the
 * note being typed stays); without script the form posts and comes back here.
 */
export async function callConsentSection(
  ctx: { db: Kysely<DB>; config: Pick<Config, 'recordingConsentMode'> },
  call: CallView,
): Promise<SafeHtml> {
  const state = await callConsentState(ctx.db, ctx.config.recordingConsentMode, call.id);
  if (!state) return html``;
  const who = call.match ? call.match.title : 'diesen Anruf';
  return html`<section class="card" id="call-consent" data-call-id="${call.id}">
<h2 style="margin-top:0">Aufzeichnung</h2>
<p><span class="badge ${state.label ? 'missed' : 'connected'}" id="call-consent-state" role="status">${state.label ?? (state.mode === 'consent' ? 'Einwilligung liegt vor: Aufnahme wird transkribiert' : 'Kein Widerspruch: Aufnahme wird transkribiert')}</span></p>
<form method="post" action="/anrufe/${call.id}/einwilligung" class="actions" id="call-consent-form">
<input type="hidden" name="channel" value="telefon">
<button type="submit" name="kind" value="objection" class="button danger">Widerspruch gegen Aufzeichnung</button>
<button type="submit" name="kind" value="consent" class="button secondary">Einwilligung erteilt</button>
</form>
<p class="muted">Gilt für ${who}${call.match ? ' (wird im Datensatz vermerkt)' : ' (nur diese Aufnahme)'}; per Telefon, von Ihnen, jetzt.</p>
</section>`;
}
