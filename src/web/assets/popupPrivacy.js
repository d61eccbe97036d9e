// @ts-check
// The pop-up's privacy badge: while the phone rings, whether this call may be recorded
// ("Widerspruch: Aufzeichnung ausschalten"), so the recruiter can switch recording off on the phone.

/** @type {Map<string, Promise<{ label: string | null } | null>>} */
const states = new Map();

/** @param {string} id */
function stateOf(id) {
  let p = states.get(id);
  if (!p) {
    p = fetch(`/api/calls/${encodeURIComponent(id)}/consent`, { headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null);
    states.set(id, p);
  }
  return p;
}

// Set on the call screen of this tab: the next render asks again.
document.addEventListener('callbridge:consent', (ev) => {
  states.delete(/** @type {CustomEvent} */ (ev).detail.callId);
});

/**
 * Fills the card's `.popup-privacy` part once the state is known (asked once per call).
 * @param {HTMLElement} node @param {{ id: string, state: string }} c
 */
export function privacyBadge(node, c) {
  const part = /** @type {HTMLElement | null} */ (node.querySelector('.popup-privacy'));
  if (!part) return;
  if (c.state === 'ended' || c.state === 'missed') {
    part.hidden = true;
    return;
  }
  void stateOf(c.id).then((s) => {
    const label = s?.label ?? null;
    part.textContent = label ?? '';
    part.hidden = !label;
  });
}
