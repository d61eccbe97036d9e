// @ts-check
// The call screen's "Widerspruch gegen Aufzeichnung" / "Einwilligung erteilt": sent as JSON so the page
// (and the note being typed) stays; the badge shows what now holds for this call's recording.

const section = document.getElementById('call-consent');
const form = /** @type {HTMLFormElement | null} */ (document.getElementById('call-consent-form'));
const badge = document.getElementById('call-consent-state');

if (section && form && badge) {
  const callId = section.dataset.callId ?? '';
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const button = /** @type {HTMLButtonElement | null} */ (/** @type {SubmitEvent} */ (ev).submitter);
    const kind = button?.value ?? 'objection';
    const buttons = [...form.querySelectorAll('button')];
    for (const b of buttons) b.disabled = true;
    try {
      const res = await fetch(`/api/calls/${encodeURIComponent(callId)}/consent`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ kind, channel: 'telefon' }),
      });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) {
        badge.textContent = body.message ?? 'Konnte nicht gespeichert werden – bitte erneut versuchen.';
        return;
      }
      const label = body.state?.label;
      badge.textContent = label ?? 'Einwilligung erteilt: Aufnahme wird transkribiert';
      badge.className = `badge ${label ? 'missed' : 'connected'}`;
      document.dispatchEvent(
        new CustomEvent('callbridge:consent', { detail: { callId, state: body.state } }),
      );
    } catch {
      badge.textContent = 'Keine Verbindung – bitte erneut versuchen.';
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  });
}
