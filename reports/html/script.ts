/**
 * The page's one script, inline and allowed by its hash in the Content-Security-Policy. It only adds comfort
 * (copy buttons, expanding failures, opening the check a link points at); the page reads fully without it. It
 * never writes markup: text goes to the clipboard or into `textContent`.
 */
export const PAGE_SCRIPT = `
(() => {
  'use strict';
  for (const el of document.querySelectorAll('[data-js]')) el.hidden = false;

  const hashId = () => {
    try {
      return decodeURIComponent(location.hash.slice(1));
    } catch {
      return '';
    }
  };
  const openTarget = () => {
    const el = hashId() ? document.getElementById(hashId()) : null;
    for (let d = el && el.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
  };
  addEventListener('hashchange', openTarget);
  openTarget();

  const copy = async (button, text) => {
    const label = button.textContent;
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Copy failed: select the text';
    }
    setTimeout(() => { button.textContent = label; }, 1500);
  };

  document.addEventListener('click', (ev) => {
    const b = ev.target instanceof Element ? ev.target.closest('button') : null;
    if (!b) return;
    if (b.id === 'expand-failures') {
      for (const d of document.querySelectorAll('details.check.fail, details.check.error, details.check.timeout')) d.open = true;
    } else if (b.id === 'collapse-all') {
      for (const d of document.querySelectorAll('details.check')) d.open = false;
    } else if (b.dataset.copyText !== undefined) {
      void copy(b, document.getElementById(b.dataset.copyText).textContent);
    }
  });
})();
`;
