/**
 * The pull page's script and style sheet, served by its own route (the console's CSP allows
 * scripts from 'self' only: no inline script). The script filters the rows as one types (the
 * server filters too, for a page opened with ?q= or without script) and reloads on a change of
 * system. Kept as text here so that the plug-in needs no build step of its own.
 */
export const PULL_SCRIPT = `'use strict';
(function () {
  var form = document.getElementById('pull-form');
  var search = document.getElementById('pull-search');
  var os = document.getElementById('pull-os');
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-text]'));
  var count = document.getElementById('pull-count');
  var none = document.getElementById('pull-none');
  function filter() {
    var words = search.value.toLowerCase().split(/\\s+/).filter(function (w) { return w !== ''; });
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute('data-text');
      var match = words.every(function (w) { return text.indexOf(w) >= 0; });
      row.hidden = !match;
      if (match) shown++;
    });
    if (count) count.textContent = count.getAttribute('data-template').replace('{n}', String(shown));
    if (none) none.hidden = shown !== 0 || rows.length === 0;
  }
  if (search) search.addEventListener('input', filter);
  if (os && form) os.addEventListener('change', function () { form.submit(); });
})();
`;

export const PULL_STYLE = `
:root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Noto Sans JP", sans-serif; }
body { margin: 0 auto; max-width: 1100px; padding: 16px 20px; line-height: 1.45; }
h1 { font-size: 1.5rem; margin: 0 0 4px; }
p.intro { margin: 0 0 12px; opacity: 0.85; }
form { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; margin-bottom: 8px; }
input[type=search] { flex: 1 1 320px; font-size: 1rem; padding: 6px 10px; }
select, button { font-size: 1rem; padding: 5px 8px; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 8px 6px; border-bottom: 1px solid rgba(128,128,128,0.35); vertical-align: top; }
th { font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.03em; opacity: 0.75; }
small, .muted { opacity: 0.7; }
a.install { display: inline-block; padding: 6px 12px; border-radius: 6px; background: #1c6dd0; color: #fff; text-decoration: none; font-weight: 600; }
a.install:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
code { font-size: 0.85rem; word-break: break-all; }
details { margin-top: 6px; }
.agent { margin-top: 28px; padding-top: 12px; border-top: 1px solid rgba(128,128,128,0.35); font-size: 0.95rem; }
`;
