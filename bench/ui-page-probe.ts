/**
 * The in-page half of the UI benchmark, as script text for page.addInitScript (plain
 * JavaScript, so that no compiler helper leaks into the page). It installs window.__bench:
 * - firstRowAt: performance.now() when the first device row is in the DOM (navigation start
 *   is 0), else null — the first rows on screen;
 * - listReadyAt: when the device count first reads `readyText` with rows in the DOM, else
 *   null — the full list ready;
 * - lists: the device list requests as the page saw them (calls of one of `listMethods`; `part`
 *   'opening' for the rows the list opens with, 'whole', or 'changed' for named ids): when each
 *   was sent, when its reply arrived and how long it was (characters), and how long parsing it
 *   took (JSON.parse is wrapped for texts over 100,000 characters; shorter ones say null);
 * - type(label, text, expectedCount) (the input named by a visible <label>, else by aria-label)
 *   and sort(headerLabel, expectedFirstRowId): do the action
 *   and resolve to { dom, frame } — ms until the DOM shows the expected result, and until the
 *   frame after it. They reject when the result is already shown (nothing to measure) or
 *   has not shown after 10 s.
 */
export function pageProbe(readyText: string, listMethods: readonly string[]): string {
  return `(() => {
  const readyText = ${JSON.stringify(readyText)};
  const listMethods = ${JSON.stringify(listMethods)};
  const bench = { listReadyAt: null, firstRowAt: null, lists: [] };
  window.__bench = bench;
  const countText = () => (document.querySelector('[data-testid="device-count"]') || {}).textContent || '';
  const firstRowId = () => {
    const row = document.querySelector('[data-testid="device-row"]');
    return row ? Number(row.getAttribute('data-device-id')) : null;
  };
  const ready = new MutationObserver(() => {
    const hasRow = firstRowId() !== null;
    if (bench.firstRowAt === null && hasRow) bench.firstRowAt = performance.now();
    if (bench.listReadyAt === null && hasRow && countText().startsWith(readyText)) {
      bench.listReadyAt = performance.now();
      ready.disconnect();
    }
  });
  ready.observe(document, { subtree: true, childList: true, characterData: true });

  // The list requests on the wire: sent, answered (this listener runs before the page's own), parsed.
  const nativeParse = JSON.parse;
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (typeof event.data !== 'string' || !event.data.startsWith('{"kind":"response","id":')) return;
        const list = bench.lists.find((l) => l.repliedAt === null && event.data.startsWith('{"kind":"response","id":' + l.id + ','));
        if (!list) return;
        list.repliedAt = performance.now();
        list.chars = event.data.length;
      });
    }
    send(data) {
      if (typeof data === 'string' && data.length < 100000) {
        const message = nativeParse(data);
        if (message && message.kind === 'request' && listMethods.includes(message.method)) {
          const params = message.params || {};
          const part = params.first !== undefined ? 'opening' : params.ids !== undefined ? 'changed' : 'whole';
          bench.lists.push({ id: message.id, method: message.method, part, sentAt: performance.now(), repliedAt: null, chars: 0, parseMs: null });
        }
      }
      return super.send(data);
    }
  };
  JSON.parse = function (text, reviver) {
    if (typeof text !== 'string' || text.length < 100000) return nativeParse(text, reviver);
    const start = performance.now();
    try {
      return nativeParse(text, reviver);
    } finally {
      const list = bench.lists.find((l) => l.parseMs === null && l.chars === text.length);
      if (list) list.parseMs = performance.now() - start;
    }
  };

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
    // By its visible <label> (the filter bar's fields keep their name in view), else by aria-label.
    const byLabel = Array.from(document.querySelectorAll('label')).find((l) => (l.textContent || '').trim() === label && l.htmlFor);
    const labelled = byLabel ? document.getElementById(byLabel.htmlFor) : null;
    const input = labelled instanceof HTMLInputElement ? labelled : document.querySelector('input[aria-label="' + label + '"]');
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
