// @ts-check
// The call screen: state, running duration and the record follow the call in place (never a reload,
// which would wipe what is being typed); the note is saved as a draft while typing, on the server (a
// reload, a crashed tab or another device finds it) and in localStorage (in case the server is not
// reachable for a moment); leaving with unsaved text asks first.

/**
 * @typedef {{ type: 'lead' | 'candidate', id: string, title: string, subtitle: string | null }} Match
 * @typedef {{ id: string, state: 'ringing' | 'connected' | 'held' | 'ended' | 'missed',
 *   match: Match | null, alternatives: Match[], recordConfirmed: boolean, answeredAt: string | null,
 *   durationSeconds: number | null, endUnknown: boolean }} CallView
 */

const dataNode = document.getElementById('call-data');
if (dataNode) start(JSON.parse(dataNode.textContent ?? '{}'));

/** @param {{ call: CallView, savedNote: string, draftAt: string | null }} data */
function start(data) {
  /** @type {CallView} */
  let call = data.call;
  const savedNote = data.savedNote;
  const stateNode = /** @type {HTMLElement} */ (document.getElementById('call-state'));
  const durationNode = /** @type {HTMLElement} */ (document.getElementById('call-duration'));
  const form = /** @type {HTMLFormElement} */ (document.getElementById('note-form'));
  const textarea = /** @type {HTMLTextAreaElement} */ (document.getElementById('notiz'));
  const noteStatus = /** @type {HTMLElement} */ (document.getElementById('note-status'));
  const draftUrl = `/api/calls/${encodeURIComponent(call.id)}/draft`;
  const localKey = `callbridge:draft:${call.id}`;
  const berlinTime = new Intl.DateTimeFormat('de-DE', { timeStyle: 'short', timeZone: 'Europe/Berlin' });
  /** @type {Record<CallView['state'], string>} */
  const LABELS = {
    ringing: 'Klingelt',
    connected: 'Verbunden',
    held: 'Gehalten',
    ended: 'Beendet',
    missed: 'Verpasst',
  };

  /** @param {number} seconds */
  const clock = (seconds) =>
    `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
  /** @param {CallView} c */
  const recordKey = (c) =>
    `${c.match ? `${c.match.type}:${c.match.id}` : ''}|${c.recordConfirmed}|${(c.alternatives ?? []).length}`;

  function showState() {
    stateNode.textContent = LABELS[call.state] + (call.endUnknown ? ' (Ende unbekannt)' : '');
    stateNode.className = `badge ${call.state}`;
    showDuration();
  }

  function showDuration() {
    let text = '–';
    if ((call.state === 'connected' || call.state === 'held') && call.answeredAt)
      text = clock(Math.max(0, (Date.now() - Date.parse(call.answeredAt)) / 1000));
    else if (call.durationSeconds !== null) text = clock(call.durationSeconds);
    if (durationNode.textContent !== text) durationNode.textContent = text;
  }

  /** The record part comes from the server's own rendering of this page; the note form is left alone. */
  async function refreshRecord() {
    const res = await fetch(location.pathname, { headers: { accept: 'text/html' } });
    if (!res.ok) return;
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    for (const id of ['record-card', 'call-title']) {
      const fresh = doc.getElementById(id);
      const here = document.getElementById(id);
      if (fresh && here) here.replaceChildren(...[...fresh.childNodes].map((n) => document.adoptNode(n)));
    }
  }

  /** @param {CallView} next */
  function apply(next) {
    const recordChanged = recordKey(next) !== recordKey(call);
    // Live events after the first carry no alternatives: keep the known ones until someone chose.
    call = {
      ...next,
      alternatives: next.recordConfirmed
        ? []
        : next.alternatives?.length
          ? next.alternatives
          : call.alternatives,
    };
    showState();
    if (recordChanged) void refreshRecord();
  }

  document.addEventListener('callbridge:call', (e) => {
    const c = /** @type {CustomEvent<CallView>} */ (e).detail;
    if (c.id === call.id) apply(c);
  });
  // After a lost connection the stream starts over with a snapshot: ask for this call's state.
  document.addEventListener('callbridge:snapshot', () => {
    fetch(`/api/calls/${encodeURIComponent(call.id)}`, { headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : null))
      .then((c) => c && apply(c))
      .catch(() => {});
  });
  window.setInterval(showDuration, 1000);

  // ---- The note ------------------------------------------------------------------------------
  let submitting = false;
  /** @type {number | undefined} */
  let timer;
  let sentText = textarea.value;

  /** @param {string} text */
  const status = (text) => {
    noteStatus.textContent = text;
  };

  async function saveDraft(keepalive = false) {
    window.clearTimeout(timer);
    const text = textarea.value;
    if (text === sentText) return;
    try {
      const res = await fetch(draftUrl, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ text }),
        keepalive,
      });
      if (!res.ok) {
        const body = await res.json().catch(() => ({}));
        status(`Entwurf nicht gesichert: ${body.message ?? `Fehler ${res.status}`}`);
        return;
      }
      const { updatedAt } = await res.json();
      sentText = text;
      if (textarea.value === text)
        status(
          updatedAt
            ? `Entwurf gesichert um ${berlinTime.format(new Date(updatedAt))} Uhr – noch nicht gespeichert.`
            : '',
        );
    } catch {
      status('Entwurf nur in diesem Browser gesichert – der Server ist gerade nicht erreichbar.');
    }
  }

  function keepLocally() {
    try {
      if (textarea.value === savedNote) localStorage.removeItem(localKey);
      else localStorage.setItem(localKey, JSON.stringify({ text: textarea.value, at: Date.now() }));
    } catch {
      // Storage full or disabled: the server draft still holds it.
    }
  }

  // A tab that crashed before its last keystrokes reached the server left them in localStorage.
  try {
    const local = JSON.parse(localStorage.getItem(localKey) ?? 'null');
    const serverAt = data.draftAt ? Date.parse(data.draftAt) : 0;
    if (local && typeof local.text === 'string' && local.at > serverAt && local.text !== textarea.value) {
      textarea.value = local.text;
      void saveDraft();
    }
  } catch {
    // unreadable entry: ignore
  }

  textarea.addEventListener('input', () => {
    keepLocally();
    status('Entwurf wird gesichert …');
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void saveDraft(), 600);
  });
  textarea.addEventListener('blur', () => void saveDraft());

  form.addEventListener('submit', () => {
    submitting = true;
    try {
      localStorage.removeItem(localKey);
    } catch {}
  });

  window.addEventListener('pagehide', () => {
    if (!submitting) void saveDraft(true);
  });
  window.addEventListener('beforeunload', (e) => {
    if (submitting || textarea.value === savedNote) return;
    void saveDraft(true);
    e.preventDefault();
    e.returnValue = '';
  });

  // ---- Which record (a number on several records) -------------------------------------------
  document.addEventListener('submit', async (e) => {
    const target = /** @type {HTMLFormElement} */ (e.target);
    if (!target.classList.contains('choice-form')) return;
    const button = /** @type {HTMLButtonElement | null} */ (/** @type {SubmitEvent} */ (e).submitter);
    const [type, ...rest] = (button?.value ?? '').split(':');
    if (!type || rest.length === 0) return;
    e.preventDefault();
    const res = await fetch(`/api/calls/${encodeURIComponent(call.id)}/record`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ type, id: rest.join(':') }),
    });
    if (res.ok) apply(await res.json());
  });
  showState();
  // Exposed for later additions to the call screen (e.g. controls that need the current call).
  Object.assign(window, { callbridgeCallScreen: { current: () => call } });
}
