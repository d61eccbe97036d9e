import { formatTimestamp } from '../shared/berlinTime.ts';
import { escapeHtml } from '../web/html.ts';
import type { HandRungCall, HandRungCalls } from './handRungCalls.ts';
import type { SimState } from './simState.ts';

// The stand-in renders Webex's own pages as strings; escaping is still the one of web/html.ts.
const esc = (s: unknown) => escapeHtml(String(s ?? ''));
/** Berlin time, as CallBridge shows it, so both pages can be read side by side. */
const time = (iso: string) => esc(formatTimestamp(iso).split(', ')[1] ?? formatTimestamp(iso));

const SCENARIO: Record<HandRungCall['scenario'], string> = {
  answered: 'angenommen',
  missed: 'verpasst',
  ringing: 'nur klingeln',
};
const CALL_STATE: Record<string, string> = {
  alerting: 'klingelt',
  connected: 'verbunden',
  disconnected: 'beendet',
};

function recentCalls(state: SimState, handRung: HandRungCalls): string {
  const rows = handRung.recent;
  if (rows.length === 0) return '';
  const [latest] = rows;
  return `<section id="gestartet"><h2>Was passiert</h2>
<div class="what">Anruf ${latest!.from ? `von ${esc(latest!.from)} ` : ''}an ${esc(latest!.person)} um ${time(latest!.at)} (${SCENARIO[latest!.scenario]}):<ul>${latest!.expectations.map((e) => `<li class="${e.warning ? 'bad' : ''}">${esc(e.text)}</li>`).join('')}</ul></div>
<table><tr><th>Zeit</th><th>Von</th><th>An</th><th>Ablauf</th><th>Jetzt</th><th>Aufnahme</th></tr>${rows
    .map(
      (r) =>
        `<tr><td>${time(r.at)}</td><td>${esc(r.from ?? 'unterdrückt')}</td><td>${esc(r.person)}</td><td>${SCENARIO[r.scenario]}</td><td>${esc(CALL_STATE[state.calls.get(r.callId)?.state ?? ''] ?? '–')}</td><td>${r.recording ? `${esc(r.recording.label)}: ` : ''}${esc(handRung.recordingStatus(r))}</td></tr>`,
    )
    .join('')}</table></section>`;
}

/** The simulator's own page: ring a call (recorded if chosen), see registered webhooks and recent deliveries. */
export function simulatorPage(
  state: SimState,
  demoNumbers: { number: string; name?: string }[],
  handRung: HandRungCalls,
): string {
  const hooks = [...state.webhooks.values()];
  const deliveries = state.deliveries.slice(-15).reverse();
  // Like Webex: a person's calls reach only webhooks that person (or an org admin) registered.
  const reached = (personId: string) =>
    hooks.some(
      (h) =>
        h.status === 'active' &&
        h.resource === 'telephony_calls' &&
        (h.ownedBy === 'org' || h.createdBy === personId),
    );
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Webex-Simulator</title>
<style>body{font:15px system-ui,sans-serif;margin:2rem auto;padding:0 1rem;max-width:1000px;color:#1d2733}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem;display:block;overflow-x:auto}td,th{border-bottom:1px solid #dde3ea;padding:.35rem .5rem;text-align:left;font-size:13px}
fieldset{border:1px solid #dde3ea;border-radius:8px;padding:1rem;margin-bottom:1.5rem;min-width:0}label{display:inline-block;margin:.25rem 1rem .25rem 0}input,select{font:inherit;padding:.25rem;max-width:100%}button{font:inherit;padding:.4rem 1rem;margin:.25rem .5rem .25rem 0;border-radius:6px;border:1px solid #0b6;background:#0b6;color:#fff;cursor:pointer}button:focus-visible,a:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #0b6;outline-offset:2px}.ok{color:#087a3c}.bad{color:#b3261e}code{font-size:12px;word-break:break-all}.note{color:#555;font-size:13px}.what{background:#eef6ff;border:1px solid #c9defa;border-radius:8px;padding:.6rem 1rem}@media (max-width:600px){label{display:block;margin-right:0}select,input:not([type=checkbox]){width:100%;box-sizing:border-box}}</style></head>
<body><h1>Webex-Simulator</h1><p>Spielt Webex für CallBridge: Webhooks, signierte <code>telephony_calls</code>-Zustellungen, Aufnahmen. Kein Webex-Konto nötig. Zeiten in Berliner Zeit, wie in CallBridge. <a href="/_sim">Seite aktualisieren</a></p>
<fieldset><legend>Anruf klingeln lassen</legend><form method="post" action="/_sim/ui/call">
<label>Von <input name="from" list="nums" value="${esc(demoNumbers[0]?.number ?? '+4930123456')}"></label>
<datalist id="nums">${demoNumbers.map((n) => `<option value="${esc(n.number)}">${esc(n.name ?? '')}</option>`).join('')}</datalist>
<label>Name (optional) <input name="name"></label>
<label>An <select name="personId">${state.people.map((p) => `<option value="${esc(p.id)}">${esc(p.displayName)}${reached(p.id) ? '' : ' (kein Webhook: wird nicht zugestellt)'}</option>`).join('')}</select></label><br>
<label>Aufnahme <select name="recording" id="recording"><option value="none">Keine Aufnahme</option>${handRung.choices.map((c) => `<option value="${esc(c.key)}"${c.key === 'generic' ? ' selected' : ''}>${esc(c.label)}</option>`).join('')}</select></label>
<label><input type="checkbox" name="dropEnd" value="1"> Ende-Ereignis verwerfen (CallBridge erfährt nicht, dass der Anruf endet)</label><br>
<button name="scenario" value="answered">Anruf (angenommen)</button><button name="scenario" value="missed">Anruf (verpasst)</button><button name="scenario" value="ringing">Nur klingeln</button>
<p class="note">Angenommen: klingelt 4 s, 8 s Gespräch, dann aufgelegt. Mit Aufnahme entsteht danach eine Aufnahme mit dem gewählten Transkript; CallBridge macht daraus eine Notiz zum Datensatz der Nummer (ohne Treffer unter „Nicht zugeordnet“) und löscht sie hier. Verpasste Anrufe werden nicht aufgenommen.</p>
</form></fieldset>
${recentCalls(state, handRung)}
<h2>Personen</h2><table><tr><th>Name</th><th>Person-ID</th><th>Nummer</th><th>Anrufe erreichen CallBridge</th></tr>${state.people.map((p) => `<tr><td>${esc(p.displayName)}${p.admin ? ' (Admin)' : ''}</td><td><code>${esc(p.id)}</code></td><td>${esc(p.phoneNumbers[0]?.value)}</td><td>${reached(p.id) ? '<span class="ok">ja</span>' : '<span class="bad">nein – kein Webhook dieser Person (in CallBridge „Mit Webex verbinden“)</span>'}</td></tr>`).join('')}</table>
<h2>Webhooks</h2>${hooks.length ? `<table><tr><th>Name</th><th>Ressource</th><th>Ziel</th><th>Status</th></tr>${hooks.map((h) => `<tr><td>${esc(h.name)}</td><td>${esc(h.resource)}</td><td>${esc(h.targetUrl)}</td><td class="${h.status === 'active' ? 'ok' : 'bad'}">${h.status === 'active' ? 'aktiv' : 'inaktiv'}</td></tr>`).join('')}</table>` : '<p>Noch keine Webhooks registriert.</p>'}
<h2>Letzte Zustellungen</h2>${deliveries.length ? `<table><tr><th>Zeit</th><th>Ereignis</th><th>Antwort</th><th>ms</th></tr>${deliveries.map((d) => `<tr><td>${time(d.at)}</td><td>${esc(d.resource)} ${esc(d.eventType ?? d.event)}</td><td class="${d.status && d.status < 300 ? 'ok' : 'bad'}">${esc(d.status ?? d.error)}</td><td>${esc(d.durationMs)}</td></tr>`).join('')}</table>` : '<p>Noch nichts zugestellt.</p>'}
</body></html>`;
}
