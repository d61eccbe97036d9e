// @ts-check
// The live caller pop-up: listens to /api/events (Server-Sent Events) and keeps one card per call.
// EventSource reconnects by itself and sends Last-Event-ID, so the server replays what was missed.
// Cards are updated in place (never re-created), so focus and clicks survive every update. Closing a
// card is stored on the server and sent to every tab of the user; it does not come back.

/**
 * @typedef {{ type: 'lead' | 'candidate', id: string, title: string, subtitle: string | null }} Match
 * @typedef {{ id: string, state: 'ringing' | 'connected' | 'held' | 'ended' | 'missed',
 *   direction: 'incoming' | 'outgoing' | 'unknown', number: string | null, numberDisplay: string,
 *   remoteName: string | null, match: Match | null, alternatives: Match[], recordConfirmed: boolean,
 *   userId: string | null, startedAt: string, answeredAt: string | null, endedAt: string | null,
 *   durationSeconds: number | null, endUnknown: boolean }} CallView
 */

import { privacyBadge } from './popupPrivacy.js';

const FADE_AFTER_MS = 20_000;
const FADE_STALE_AFTER_MS = 4_000;
export const SHORTCUT_TEXT = 'Alt+Umschalt+A';
const KEY_HINT = `Enter: Anruf öffnen · Esc: schließen · ${SHORTCUT_TEXT}: neuester Anruf`;

/** @type {Map<string, CallView>} */
const calls = new Map();
/** @type {Map<string, HTMLElement>} */
const cards = new Map();
/** Calls whose pop-up this user closed (here, in another tab or on another device). */
const dismissed = new Set();
/** @type {Map<string, number>} */
const fadeTimers = new Map();
const container = /** @type {HTMLElement} */ (document.getElementById('popups'));
const myUserId = container?.dataset.userId ?? null;
const status = document.getElementById('live-status');
const notifyButton = /** @type {HTMLButtonElement | null} */ (
  document.getElementById('enable-notifications')
);
/** Where focus was before the shortcut jumped to a pop-up; it goes back there on Escape. */
/** @type {HTMLElement | null} */
let focusBefore = null;

/** @param {number} seconds */
function clock(seconds) {
  const m = Math.floor(seconds / 60);
  return `${m}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
}

/** @param {CallView} c */
const ambiguous = (c) => !c.recordConfirmed && Boolean(c.match) && (c.alternatives?.length ?? 0) > 0;

/** @param {CallView} c */
function title(c) {
  if (ambiguous(c)) {
    const all = [c.match, ...c.alternatives].map((m) => m?.title);
    return `${all.length} Treffer: ${all.join(', ')}`;
  }
  const who = c.match?.title ?? c.remoteName;
  if (!c.number && !who) return 'Anruf mit unterdrückter Nummer';
  if (c.direction === 'outgoing') return `Ausgehender Anruf an ${who ?? c.numberDisplay}`;
  if (!c.match) return `Unbekannte Nummer ${c.numberDisplay}`;
  return c.state === 'ringing' ? `Eingehender Anruf von ${who}` : `Anruf von ${who}`;
}

/** @param {CallView} c */
function subtitle(c) {
  if (ambiguous(c)) return c.numberDisplay;
  return [c.match?.subtitle, c.match || c.remoteName ? c.numberDisplay : null].filter(Boolean).join(' · ');
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
      if (c.endUnknown) return 'Beendet (Ende unbekannt)';
      return c.durationSeconds !== null ? `Beendet · Dauer ${clock(c.durationSeconds)}` : 'Beendet';
    case 'missed':
      return c.endUnknown ? 'Verpasst (Ende unbekannt)' : 'Verpasst';
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

/** @param {HTMLElement} node @param {string} text */
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
  node.hidden = text === '';
}

/**
 * Replaces a part of a card only when what it shows changed (its `sig`), keeping focus on the card when
 * the focused control inside it goes away.
 * @param {HTMLElement} card @param {HTMLElement} part @param {string} sig @param {() => Node[]} build
 */
function rebuild(card, part, sig, build) {
  if (part.dataset.sig === sig) return;
  const hadFocus = part.contains(document.activeElement);
  part.dataset.sig = sig;
  part.replaceChildren(...build());
  part.hidden = part.childNodes.length === 0;
  if (hadFocus) card.focus();
}

const callUrl = (/** @type {CallView} */ c) => `/anrufe/${encodeURIComponent(c.id)}`;

/** @param {CallView} c @param {Match} m */
async function chooseRecord(c, m) {
  const res = await fetch(`/api/calls/${encodeURIComponent(c.id)}/record`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ type: m.type, id: m.id }),
  });
  if (res.ok) window.location.href = callUrl(c);
}

/** The parts of a card, created once; `renderPopup` fills them. */
function newCard(/** @type {string} */ id) {
  const node = el('article', {
    class: 'popup',
    'data-call-id': id,
    tabindex: '0',
    title: KEY_HINT,
    'aria-keyshortcuts': 'Enter Escape',
  });
  const close = el('button', { class: 'popup-close', type: 'button', 'aria-label': 'Pop-up schließen' }, [
    '×',
  ]);
  close.addEventListener('click', (ev) => {
    ev.stopPropagation();
    void dismiss(id);
  });
  node.append(
    el('div', { class: 'popup-title' }),
    el('div', { class: 'popup-sub' }),
    el('div', { class: 'popup-privacy badge missed', role: 'status', hidden: '' }),
    el('div', { class: 'popup-choice' }),
    el('div', { class: 'popup-state' }),
    el('div', { class: 'popup-actions' }),
    el('div', { class: 'popup-hint', 'aria-hidden': 'true' }, ['Enter öffnen · Esc schließen']),
    close,
  );
  node.addEventListener('click', (ev) => {
    if (ev.target instanceof Element && ev.target.closest('a, button')) return;
    window.location.href = callUrl(/** @type {CallView} */ (calls.get(id)));
  });
  return node;
}

/**
 * Shows one call in its card, in place. Later additions (badges, controls) belong here.
 * @param {HTMLElement} node @param {CallView} c
 */
export function renderPopup(node, c) {
  const part = (/** @type {string} */ cls) => /** @type {HTMLElement} */ (node.querySelector(`.${cls}`));
  node.className = `popup state-${c.state}${node.classList.contains('fading') ? ' fading' : ''}`;
  const heading = title(c);
  setText(part('popup-title'), heading);
  node.setAttribute('aria-label', `${heading}. ${KEY_HINT}`);
  const sub = subtitle(c);
  const more = !ambiguous(c) && c.alternatives?.length ? ` · + ${c.alternatives.length} weitere Treffer` : '';
  setText(part('popup-sub'), sub + more);
  setText(part('popup-state'), stateText(c));
  const options = ambiguous(c) ? [/** @type {Match} */ (c.match), ...c.alternatives] : [];
  rebuild(node, part('popup-choice'), options.map((m) => `${m.type}:${m.id}:${m.title}`).join('|'), () =>
    options.length === 0
      ? []
      : [
          el('div', { class: 'popup-question' }, ['Um wen geht es? Die Notiz wird dort abgelegt.']),
          ...options.map((m) => {
            const b = el('button', { type: 'button', class: 'button secondary' }, [
              m.subtitle ? `${m.title} (${m.subtitle})` : m.title,
            ]);
            b.addEventListener('click', (ev) => {
              ev.stopPropagation();
              void chooseRecord(c, m);
            });
            return b;
          }),
        ],
  );
  const createLinks = !c.match && c.number;
  rebuild(node, part('popup-actions'), createLinks ? `create:${c.number}` : '', () => {
    if (!createLinks) return [];
    const q = `telefon=${encodeURIComponent(c.number ?? '')}&anruf=${encodeURIComponent(c.id)}`;
    return [
      el('a', { class: 'button', href: `/leads/neu?${q}` }, ['Als Lead anlegen']),
      el('a', { class: 'button secondary', href: `/kandidaten/neu?${q}` }, ['Kandidat anlegen']),
    ];
  });
  privacyBadge(node, c);
  if (c.state === 'ringing') node.setAttribute('role', 'alert');
  else node.setAttribute('role', 'group');
}

/**
 * On a phone the cards would pile up over the page (the call screen's consent buttons among it): there
 * only the newest shows, and this button above it says how many more there are and unfolds them.
 */
const moreToggle = container
  ? el('button', {
      type: 'button',
      class: 'popups-more button secondary',
      'aria-expanded': 'false',
      'aria-live': 'off',
      hidden: '',
    })
  : null;
if (container && moreToggle) {
  // Always the last child: the cards keep their indices 0…n-1, and column-reverse puts it on top.
  container.append(moreToggle);
  moreToggle.addEventListener('click', () => {
    container.classList.toggle('expanded');
    updateMore();
  });
}

function updateMore() {
  if (!moreToggle) return;
  const others = cards.size - 1;
  moreToggle.hidden = others < 1;
  if (others < 1) container.classList.remove('expanded');
  const expanded = container.classList.contains('expanded');
  moreToggle.setAttribute('aria-expanded', String(expanded));
  const text = expanded
    ? 'Nur den neuesten zeigen'
    : others === 1
      ? '+1 weiterer Anruf'
      : `+${others} weitere Anrufe`;
  if (moreToggle.textContent !== text) moreToggle.textContent = text;
}

/** Puts the cards in start order (newest last: shown on top), moving nodes only when needed. */
function render() {
  const ordered = [...calls.values()]
    .filter((c) => !dismissed.has(c.id))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  for (const [id, node] of cards) {
    if (!calls.has(id) || dismissed.has(id)) {
      const hadFocus = node.contains(document.activeElement);
      node.remove();
      cards.delete(id);
      if (hadFocus) focusAfterClose();
    }
  }
  ordered.forEach((c, i) => {
    let node = cards.get(c.id);
    if (!node) {
      node = newCard(c.id);
      cards.set(c.id, node);
    }
    renderPopup(node, c);
    if (container.children[i] !== node) container.insertBefore(node, container.children[i] ?? null);
  });
  updateMore();
}

function newestCard() {
  const list = container.querySelectorAll('.popup');
  return /** @type {HTMLElement | null} */ (list[list.length - 1] ?? null);
}

function focusAfterClose() {
  const next = newestCard();
  if (next) next.focus();
  else if (focusBefore?.isConnected) focusBefore.focus();
  focusBefore = null;
}

/** Hides the card here at once and tells the server, which tells the user's other tabs and devices. */
async function dismiss(/** @type {string} */ id) {
  hide(id);
  try {
    await fetch(`/api/calls/${encodeURIComponent(id)}/dismiss`, {
      method: 'POST',
      headers: { accept: 'application/json' },
    });
  } catch {
    // Offline: closed in this tab; the others keep it until the next close.
  }
}

function hide(/** @type {string} */ id) {
  dismissed.add(id);
  const t = fadeTimers.get(id);
  if (t) clearTimeout(t);
  fadeTimers.delete(id);
  render();
}

/** Ended calls fade away by themselves (not stored: another tab still shows them until they fade). */
function scheduleFade(/** @type {CallView} */ c) {
  if ((c.state !== 'ended' && c.state !== 'missed') || fadeTimers.has(c.id)) return;
  const fade = () => {
    const node = cards.get(c.id);
    // Not away under a keyboard user's focus; try again later.
    if (node?.contains(document.activeElement)) {
      fadeTimers.set(c.id, window.setTimeout(fade, 5000));
      return;
    }
    node?.classList.add('fading');
    fadeTimers.set(
      c.id,
      window.setTimeout(() => {
        fadeTimers.delete(c.id);
        calls.delete(c.id);
        render();
      }, 700),
    );
  };
  fadeTimers.set(c.id, window.setTimeout(fade, c.endUnknown ? FADE_STALE_AFTER_MS : FADE_AFTER_MS));
}

/** @param {CallView} c */
function notify(c) {
  if (!('Notification' in window) || Notification.permission !== 'granted' || !document.hidden) return;
  const n = new Notification(title(c), { body: c.match?.subtitle ?? c.numberDisplay, tag: c.id });
  n.onclick = () => {
    window.focus();
    window.location.href = callUrl(c);
  };
}

/** @param {CallView} c */
function upsert(c) {
  const known = calls.get(c.id);
  // Alternatives come with the first event of a call (and after a choice, none): keep them meanwhile.
  calls.set(c.id, {
    ...c,
    alternatives: c.recordConfirmed
      ? []
      : c.alternatives?.length
        ? c.alternatives
        : (known?.alternatives ?? []),
  });
  if (!known && !dismissed.has(c.id) && c.state === 'ringing' && c.direction !== 'outgoing') notify(c);
  scheduleFade(c);
}

/** @param {Event} ev */
const dataOf = (ev) => JSON.parse(/** @type {MessageEvent} */ (ev).data);

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
    const { calls: current, dismissed: closed } = /** @type {{ calls: CallView[], dismissed?: string[] }} */ (
      dataOf(ev)
    );
    for (const id of closed ?? []) dismissed.add(id);
    for (const c of current) upsert(c);
    render();
    document.dispatchEvent(new CustomEvent('callbridge:snapshot', { detail: current }));
  });
  source.addEventListener('call', (ev) => {
    const c = /** @type {CallView} */ (dataOf(ev));
    upsert(c);
    render();
    document.dispatchEvent(new CustomEvent('callbridge:call', { detail: c }));
  });
  source.addEventListener('call-dismissed', (ev) => {
    const { callId, userId } = /** @type {{ callId: string, userId: string }} */ (dataOf(ev));
    // Admins see every user's events; only one's own closing hides a card.
    if (userId === myUserId) hide(callId);
  });
}

// Keyboard: Enter opens the focused card, Escape closes it, the shortcut jumps to the newest card.
container?.addEventListener('keydown', (ev) => {
  const card = ev.target instanceof Element ? ev.target.closest('.popup') : null;
  if (!(card instanceof HTMLElement)) return;
  const id = card.dataset.callId ?? '';
  if (ev.key === 'Escape') {
    ev.preventDefault();
    void dismiss(id);
  } else if (ev.key === 'Enter' && ev.target === card) {
    ev.preventDefault();
    const c = calls.get(id);
    if (c) window.location.href = callUrl(c);
  }
});
document.addEventListener('keydown', (ev) => {
  if (!(ev.altKey && ev.shiftKey && ev.code === 'KeyA')) return;
  const newest = newestCard();
  if (!newest) return;
  ev.preventDefault();
  if (!container.contains(document.activeElement))
    focusBefore = /** @type {HTMLElement | null} */ (document.activeElement);
  newest.focus();
});
document.getElementById('jump-to-popup')?.addEventListener('click', (ev) => {
  const newest = newestCard();
  if (!newest) return;
  ev.preventDefault();
  newest.focus();
});

if (notifyButton && 'Notification' in window && Notification.permission === 'default') {
  notifyButton.hidden = false;
  notifyButton.addEventListener('click', async () => {
    await Notification.requestPermission();
    notifyButton.hidden = true;
  });
}

// Keep the "Verbunden 1:23" timers running, in place.
window.setInterval(() => {
  for (const c of calls.values()) {
    if (c.state !== 'connected') continue;
    const node = cards.get(c.id)?.querySelector('.popup-state');
    if (node && node.textContent !== stateText(c)) node.textContent = stateText(c);
  }
}, 1000);

// The page keeps room below for the pop-ups (CSS, on a phone): what they cover can be scrolled clear of
// them, and focus and scrollIntoView stop above them.
if (container && 'ResizeObserver' in window) {
  new ResizeObserver(() => {
    const top = container.getBoundingClientRect().top;
    const space = container.offsetHeight > 0 ? Math.ceil(window.innerHeight - top) : 0;
    document.documentElement.style.setProperty('--popups-space', `${Math.max(0, space)}px`);
  }).observe(container);
}

if (container) connect();

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
