// The call list says when new calls came in instead of reloading under the reader's eyes.
document.addEventListener('callbridge:call', () =>
  document.getElementById('new-calls-hint')?.classList.add('show'),
);
