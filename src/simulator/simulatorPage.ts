import type { SimState } from './simState.ts';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The simulator's own page: ring a call, see registered webhooks and recent deliveries. */
export function simulatorPage(state: SimState, demoNumbers: { number: string; name?: string }[]): string {
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
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Webex-Simulator</title>
<meta http-equiv="refresh" content="10">
<style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:1000px;color:#1d2733}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}td,th{border-bottom:1px solid #dde3ea;padding:.35rem .5rem;text-align:left;font-size:13px}
fieldset{border:1px solid #dde3ea;border-radius:8px;padding:1rem;margin-bottom:1.5rem}label{display:inline-block;margin:.25rem 1rem .25rem 0}input,select{font:inherit;padding:.25rem}button{font:inherit;padding:.4rem 1rem;margin-right:.5rem;border-radius:6px;border:1px solid #0b6;background:#0b6;color:#fff;cursor:pointer}.ok{color:#087a3c}.bad{color:#b3261e}code{font-size:12px}</style></head>
<body><h1>Webex-Simulator</h1><p>Spielt Webex für CallBridge: Webhooks, signierte <code>telephony_calls</code>-Zustellungen. Kein Webex-Konto nötig.</p>
<fieldset><legend>Anruf klingeln lassen</legend><form method="post" action="/_sim/ui/call">
<label>Von <input name="from" list="nums" value="${esc(demoNumbers[0]?.number ?? '+4930123456')}"></label>
<datalist id="nums">${demoNumbers.map((n) => `<option value="${esc(n.number)}">${esc(n.name ?? '')}</option>`).join('')}</datalist>
<label>Name (optional) <input name="name"></label>
<label><input type="checkbox" name="dropEnd" value="1"> Ende-Ereignis verwerfen (CallBridge erfährt nicht, dass der Anruf endet)</label>
<label>An <select name="personId">${state.people.map((p) => `<option value="${esc(p.id)}">${esc(p.displayName)}${reached(p.id) ? '' : ' (kein Webhook: wird nicht zugestellt)'}</option>`).join('')}</select></label><br>
<button name="scenario" value="answered">Anruf (angenommen)</button><button name="scenario" value="missed">Anruf (verpasst)</button><button name="scenario" value="ringing">Nur klingeln</button>
</form></fieldset>
<h2>Personen</h2><table><tr><th>Name</th><th>Person-ID</th><th>Nummer</th><th>Anrufe erreichen CallBridge</th></tr>${state.people.map((p) => `<tr><td>${esc(p.displayName)}</td><td><code>${esc(p.id)}</code></td><td>${esc(p.phoneNumbers[0]?.value)}</td><td>${reached(p.id) ? '<span class="ok">ja</span>' : '<span class="bad">nein – kein Webhook dieser Person (in CallBridge „Mit Webex verbinden“)</span>'}</td></tr>`).join('')}</table>
<h2>Webhooks</h2>${hooks.length ? `<table><tr><th>Name</th><th>Ressource</th><th>Ziel</th><th>Status</th></tr>${hooks.map((h) => `<tr><td>${esc(h.name)}</td><td>${esc(h.resource)}</td><td>${esc(h.targetUrl)}</td><td class="${h.status === 'active' ? 'ok' : 'bad'}">${esc(h.status)}</td></tr>`).join('')}</table>` : '<p>Noch keine Webhooks registriert.</p>'}
<h2>Letzte Zustellungen</h2>${deliveries.length ? `<table><tr><th>Zeit</th><th>Ereignis</th><th>Antwort</th><th>ms</th></tr>${deliveries.map((d) => `<tr><td>${esc(d.at.slice(11, 19))}</td><td>${esc(d.resource)} ${esc(d.eventType ?? d.event)}</td><td class="${d.status && d.status < 300 ? 'ok' : 'bad'}">${esc(d.status ?? d.error)}</td><td>${esc(d.durationMs)}</td></tr>`).join('')}</table>` : '<p>Noch nichts zugestellt.</p>'}
</body></html>`;
}
