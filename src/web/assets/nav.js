// @ts-check
// On a narrow screen the navigation folds into the "Menü" button; Escape closes it again.
const button = /** @type {HTMLButtonElement | null} */ (document.getElementById('menu-button'));
const nav = document.getElementById('main-nav');
if (button && nav) {
  /** @param {boolean} open */
  const setOpen = (open) => {
    button.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('open', open);
  };
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    setOpen(open);
    if (open) nav.querySelector('a')?.focus();
  });
  nav.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || button.getAttribute('aria-expanded') !== 'true') return;
    setOpen(false);
    button.focus();
  });
}
