// Behaviour every page shares, kept out of the markup so the CSP can forbid inline scripts and handlers.

// A table row with data-href opens that record when clicked anywhere (the first cell holds the real link
// for keyboard users).
document.addEventListener('click', (e) => {
  const target = e.target instanceof Element ? e.target : null;
  if (!target) return;
  const back = target.closest('a[data-back]');
  if (back && history.length > 1) {
    e.preventDefault();
    history.back();
    return;
  }
  if (target.closest('a, button, input, select, textarea, label')) return;
  const row = target.closest('tr[data-href]');
  const href = row?.getAttribute('data-href');
  if (href) location.href = href;
});
