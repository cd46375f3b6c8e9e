/**
 * The in-page half of the UI benchmark, as script text for page.addInitScript (plain
 * JavaScript, so that no compiler helper leaks into the page). It installs window.__bench:
 * - listReadyAt: performance.now() when the device count first reads `readyText` with rows
 *   in the DOM (navigation start is 0), else null;
 * - type(label, text, expectedCount) and sort(headerLabel, expectedFirstRowId): do the action
 *   and resolve to { dom, frame } — ms until the DOM shows the expected result, and until the
 *   frame after it. They reject when the result is already shown (nothing to measure) or
 *   has not shown after 10 s.
 */
export function pageProbe(readyText: string): string {
  return `(() => {
  const readyText = ${JSON.stringify(readyText)};
  const bench = { listReadyAt: null };
  window.__bench = bench;
  const countText = () => (document.querySelector('[data-testid="device-count"]') || {}).textContent || '';
  const firstRowId = () => {
    const row = document.querySelector('[data-testid="device-row"]');
    return row ? Number(row.getAttribute('data-device-id')) : null;
  };
  const ready = new MutationObserver(() => {
    if (bench.listReadyAt === null && countText().startsWith(readyText) && firstRowId() !== null) {
      bench.listReadyAt = performance.now();
      ready.disconnect();
    }
  });
  ready.observe(document, { subtree: true, childList: true, characterData: true });

  bench.timed = (what, act, done) => new Promise((resolve, reject) => {
    if (done()) {
      reject(new Error(what + ': already shown before the action (' + countText() + ')'));
      return;
    }
    let settled = false;
    const observer = new MutationObserver(() => finish());
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(what + ': not shown within 10 s (' + countText() + ', first row ' + firstRowId() + ')'));
    }, 10000);
    const start = performance.now();
    const finish = () => {
      if (settled || !done()) return;
      settled = true;
      const dom = performance.now() - start;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => setTimeout(() => resolve({ dom, frame: performance.now() - start }), 0));
    };
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    act();
    Promise.resolve().then(finish);
  });

  bench.type = (label, text, expectedCount) => {
    const input = document.querySelector('input[aria-label="' + label + '"]');
    if (!input) return Promise.reject(new Error('no input labelled ' + label));
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    return bench.timed('type "' + text + '" into ' + label, () => {
      setValue.call(input, text);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, () => countText().startsWith(expectedCount));
  };

  bench.sort = (label, firstId) => {
    const button = Array.from(document.querySelectorAll('thead th button')).find((b) => (b.textContent || '').trim() === label);
    if (!button) return Promise.reject(new Error('no column header ' + label));
    return bench.timed('sort by ' + label, () => button.click(), () => firstRowId() === firstId);
  };
})();`;
}
