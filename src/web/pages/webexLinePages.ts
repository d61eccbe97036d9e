import type { User } from '../../db/schema.ts';
import type { LineFinding, LineTakenDetails } from '../../webex/lineOwnership.ts';
import { html, type SafeHtml } from '../html.ts';
import { page } from '../layout.ts';

const who = (u: { username: string; displayName: string }) =>
  u.displayName && u.displayName !== u.username
    ? html`<strong>${u.displayName}</strong> (${u.username})`
    : html`<strong>${u.username}</strong>`;

/**
 * "Mit Webex verbinden" as a person who is another user's line: nothing was changed; the admin chooses
 * between connecting the organisation (no line involved) and taking the line over, a recruiter is told
 * to sign in as themselves.
 */
export function lineTakenPage(user: User, d: LineTakenDetails): SafeHtml {
  const person = html`<strong>${d.person.displayName}</strong>${d.person.email ? ` (${d.person.email})` : ''}`;
  const body = html`<h1>Diese Webex-Leitung gehört schon jemandem</h1>
<section class="card" id="line-taken">
  <p role="alert">Sie haben sich bei Webex als ${person} angemeldet. Diese Webex-Person ist die Leitung von ${who(d.owner)}.
  Angemeldet bei CallBridge sind Sie als ${who(d.viewer)}. <strong>Es wurde nichts geändert.</strong></p>
  ${
    d.viewer.isAdmin
      ? html`<p>Übernehmen Sie die Leitung, erscheinen die Anrufe von ${d.person.displayName} ab dann bei Ihnen, und ${d.owner.username} bekommt keine Pop-ups mehr.
  Für Aufnahmen und Webhooks der ganzen Organisation brauchen Sie keine Leitung: verbinden Sie dafür die Organisation.</p>
  <div class="actions">
    <form method="post" action="/oauth/webex/start" class="inline"><input type="hidden" name="kind" value="org"><button type="submit" class="primary" id="connect-org-instead">Stattdessen Organisation verbinden</button></form>
    <form method="post" action="/oauth/webex/start" class="inline"><input type="hidden" name="kind" value="user"><input type="hidden" name="takeover" value="${d.person.id}"><button type="submit" class="button danger" id="take-over">Leitung von ${d.owner.username} übernehmen</button></form>
    <a class="button secondary" href="/webex" id="cancel">Abbrechen</a>
  </div>`
      : html`<p>Melden Sie sich bei Webex mit Ihrer eigenen Anmeldung an. Nur ein Admin kann eine Leitung einem anderen Benutzer geben.</p>
  <div class="actions">
    <form method="post" action="/oauth/webex/start" class="inline"><input type="hidden" name="kind" value="user"><button type="submit" class="primary" id="connect-again">Mit eigener Webex-Anmeldung verbinden</button></form>
    <a class="button secondary" href="/webex" id="cancel">Zurück zur Webex-Seite</a>
  </div>`
  }
</section>`;
  return page({ title: 'Webex-Leitung vergeben', user, section: 'webex' }, body);
}

export interface LineRow {
  username: string;
  displayName: string;
  role: string;
  person: string | null;
  findings: LineFinding[];
}

/** "Leitungen" on /webex for admins: whose calls arrive, and whose do not. */
export function linesSection(rows: LineRow[]): SafeHtml {
  return html`<section class="card" id="lines"><h2 style="margin-top:0">Leitungen</h2>
<p class="muted">Jede Webex-Person ist die Leitung genau eines Benutzers; ihre Anrufe erscheinen bei ihm als Pop-up.</p>
<div class="table-scroll"><table><thead><tr><th>Benutzer</th><th>Webex-Person</th><th>Status</th></tr></thead><tbody>${rows.map(
    (r) =>
      html`<tr><td>${r.displayName} <span class="muted">(${r.username}${r.role === 'admin' ? ', Admin' : ''})</span></td><td>${r.person ?? '–'}</td><td>${
        r.findings.length
          ? html`<span class="badge missed">${r.findings[0]!.code === 'line_unlinked' ? 'Nicht verbunden' : 'Keine Zustellung'}</span>`
          : r.person
            ? html`<span class="badge connected">Verbunden</span>`
            : html`<span class="muted">keine Leitung (Admin)</span>`
      }</td></tr>`,
  )}</tbody></table></div></section>`;
}
