// The call screen reloads when the pop-up reports a change of this call.
const id = document.getElementById('this-call')?.dataset['callId'];
document.addEventListener('callbridge:call', (e) => {
  const detail = /** @type {CustomEvent<{ id: string }>} */ (e).detail;
  if (id && detail.id === id) location.reload();
});
