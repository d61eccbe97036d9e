// @ts-check
// The live caller pop-up: listens to /api/events (Server-Sent Events) and keeps one card per call.
// EventSource reconnects by itself and sends Last-Event-ID, so the server replays what was missed.

/**
 * @typedef {{ type: 'lead' | 'candidate', id: string, title: string, subtitle: string | null }} Match
 * @typedef {{ id: string, state: 'ringing' | 'connected' | 'held' | 'ended' | 'missed',
 *   direction: 'incoming' | 'outgoing' | 'unknown', number: string | null, numberDisplay: string,
 *   remoteName: string | null, match: Match | null, alternatives: Match[], startedAt: string,
 *   answeredAt: string | null, endedAt: string | null, durationSeconds: number | null }} CallView
 */

const FADE_AFTER_MS = 20_000;
/** @type {Map<string, CallView>} */
const calls = new Map();
/** @type {Map<string, number>} */
const fadeTimers = new Map();
const container = /** @type {HTMLElement} */ (document.getElementById('popups'));
const status = document.getElementById('live-status');
const notifyButton = /** @type {HTMLButtonElement | null} */ (
  document.getElementById('enable-notifications')
);

/** @param {number} seconds */
function clock(seconds) {
  const m = Math.floor(seconds / 60);
  return `${m}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
}

/** @param {CallView} c */
function title(c) {
  const who = c.match?.title ?? c.remoteName;
  if (!c.number && !who) return 'Anruf mit unterdrückter Nummer';
  if (c.direction === 'outgoing') return `Ausgehender Anruf an ${who ?? c.numberDisplay}`;
  if (!c.match) return `Unbekannte Nummer ${c.numberDisplay}`;
  return c.state === 'ringing' ? `Eingehender Anruf von ${who}` : `Anruf von ${who}`;
}

/** @param {CallView} c */
function stateText(c) {
  switch (c.state) {
    case 'ringing':
      return 'Klingelt …';
    case 'connected':
      return `Verbunden ${c.answeredAt ? clock((Date.now() - Date.parse(c.answeredAt)) / 1000) : ''}`;
    case 'held':
      return 'Gehalten';
    case 'ended':
      return c.durationSeconds !== null ? `Beendet · Dauer ${clock(c.durationSeconds)}` : 'Beendet';
    case 'missed':
      return 'Verpasst';
  }
}

/**
 * @param {string} tag
 * @param {Record<string, string>} attrs
 * @param {(Node | string)[]} children
 */
function el(tag, attrs = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

/** @param {CallView} c */
function card(c) {
  const sub = [c.match?.subtitle, c.match || c.remoteName ? c.numberDisplay : null]
    .filter(Boolean)
    .join(' · ');
  const node = el('article', { class: `popup state-${c.state}`, 'data-call-id': c.id, tabindex: '0' }, [
    el('div', { class: 'popup-title' }, [title(c)]),
  ]);
  if (sub) node.append(el('div', { class: 'popup-sub' }, [sub]));
  if (c.alternatives?.length)
    node.append(el('div', { class: 'popup-sub' }, [`+ ${c.alternatives.length} weitere Treffer`]));
  node.append(el('div', { class: 'popup-state' }, [stateText(c)]));
  if (!c.match && c.number) {
    const q = `telefon=${encodeURIComponent(c.number)}&anruf=${encodeURIComponent(c.id)}`;
    node.append(
      el('div', { class: 'popup-actions' }, [
        el('a', { class: 'button', href: `/leads/neu?${q}` }, ['Als Lead anlegen']),
        el('a', { class: 'button secondary', href: `/kandidaten/neu?${q}` }, ['Kandidat anlegen']),
      ]),
    );
  }
  const close = el('button', { class: 'popup-close', type: 'button', 'aria-label': 'Schließen' }, ['×']);
  close.addEventListener('click', (ev) => {
    ev.stopPropagation();
    dismiss(c.id);
  });
  node.append(close);
  node.addEventListener('click', (ev) => {
    if (ev.target instanceof Element && ev.target.closest('a')) return;
    window.location.href = `/anrufe/${encodeURIComponent(c.id)}`;
  });
  if (c.state === 'ringing') node.setAttribute('role', 'alert');
  return node;
}

/** @param {string} id */
function dismiss(id) {
  calls.delete(id);
  const t = fadeTimers.get(id);
  if (t) clearTimeout(t);
  fadeTimers.delete(id);
  render();
}

function render() {
  const ordered = [...calls.values()].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  container.replaceChildren(...ordered.map(card));
}

/** @param {CallView} c */
function scheduleFade(c) {
  if ((c.state !== 'ended' && c.state !== 'missed') || fadeTimers.has(c.id)) return;
  fadeTimers.set(
    c.id,
    window.setTimeout(() => {
      container.querySelector(`[data-call-id="${CSS.escape(c.id)}"]`)?.classList.add('fading');
      window.setTimeout(() => dismiss(c.id), 700);
    }, FADE_AFTER_MS),
  );
}

/** @param {CallView} c */
function notify(c) {
  if (!('Notification' in window) || Notification.permission !== 'granted' || !document.hidden) return;
  const n = new Notification(title(c), { body: c.match?.subtitle ?? c.numberDisplay, tag: c.id });
  n.onclick = () => {
    window.focus();
    window.location.href = `/anrufe/${encodeURIComponent(c.id)}`;
  };
}

/** @param {CallView} c */
function upsert(c) {
  const known = calls.get(c.id);
  // Alternatives are only sent with the first event of a call; keep them for later updates.
  calls.set(c.id, {
    ...c,
    alternatives: c.alternatives?.length ? c.alternatives : (known?.alternatives ?? []),
  });
  if (!known && c.state === 'ringing' && c.direction !== 'outgoing') notify(c);
  scheduleFade(c);
}

function connect() {
  const source = new EventSource('/api/events');
  source.addEventListener('open', () => {
    if (status) {
      status.textContent = 'Live';
      status.className = 'live-status ok';
    }
  });
  source.addEventListener('error', () => {
    if (status) {
      status.textContent = 'Verbindung unterbrochen …';
      status.className = 'live-status down';
    }
  });
  // Closed by the server because this user has too many streams open (other tabs): stay quiet here
  // instead of reconnecting and pushing out the next tab's stream.
  source.addEventListener('superseded', () => {
    source.close();
    if (status) {
      status.textContent = 'Pausiert (zu viele offene Fenster) – Seite neu laden, um hier live zu sein';
      status.className = 'live-status down';
    }
  });
  source.addEventListener('snapshot', (ev) => {
    const { calls: current } = /** @type {{ calls: CallView[] }} */ (
      JSON.parse(/** @type {MessageEvent} */ (ev).data)
    );
    for (const c of current) upsert(c);
    render();
  });
  source.addEventListener('call', (ev) => {
    const c = /** @type {CallView} */ (JSON.parse(/** @type {MessageEvent} */ (ev).data));
    upsert(c);
    render();
    document.dispatchEvent(new CustomEvent('callbridge:call', { detail: c }));
  });
}

if (notifyButton && 'Notification' in window && Notification.permission === 'default') {
  notifyButton.hidden = false;
  notifyButton.addEventListener('click', async () => {
    await Notification.requestPermission();
    notifyButton.hidden = true;
  });
}

// Keep the "Verbunden 1:23" timers running.
// Updated in place: replacing the cards every second would swallow clicks.
window.setInterval(() => {
  for (const c of calls.values()) {
    if (c.state !== 'connected') continue;
    const node = container.querySelector(`[data-call-id="${CSS.escape(c.id)}"] .popup-state`);
    if (node) node.textContent = stateText(c);
  }
}, 1000);

connect();

// Warnings about the Webex connection (expiring login, missing permission) on every page.
fetch('/api/webex/warnings', { headers: { accept: 'application/json' } })
  .then((r) => (r.ok ? r.json() : { warnings: [] }))
  .then((/** @type {{ warnings: { level: string, text: string }[] }} */ body) => {
    const banner = document.getElementById('webex-banner');
    if (!banner || body.warnings.length === 0) return;
    banner.replaceChildren(
      ...body.warnings.map((w) =>
        el('div', { class: `banner-line ${w.level}` }, [
          w.text,
          ' ',
          el('a', { href: '/webex' }, ['Zur Webex-Seite']),
        ]),
      ),
    );
    banner.hidden = false;
  })
  .catch(() => {});
