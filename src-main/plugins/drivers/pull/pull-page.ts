import type { DriverOs } from '../../../../src-shared/plugins/drivers/driver-set';
import type { PullEntry } from './pull-catalogue';
import { fill, type PullLanguage, type PullTexts } from './pull-texts';

/** Text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export const PULL_BASE = '/plugins/drivers/pull';

export interface PullPageInput {
  language: PullLanguage;
  texts: PullTexts;
  entries: readonly PullEntry[];
  /** Of all entries (the page says "none offered" apart from "none match"). */
  total: number;
  query: string;
  os: DriverOs | null;
  consoleUrl: string;
}

function defaultsText(entry: PullEntry, t: PullTexts): string {
  return [entry.defaults.color === 'monochrome' ? t.blackWhite : t.color, entry.defaults.duplex === 'one-sided' ? t.oneSided : t.twoSided].join(', ');
}

/** The driverless steps for a person, for the visitor's system. */
function manualSteps(entry: PullEntry, os: DriverOs, t: PullTexts): string {
  const ippUrl = entry.uri.replace(/^ipps:/, 'https:').replace(/^ipp:/, 'http:');
  if (os === 'windows') return fill(t.stepsWindows, { url: ippUrl });
  if (os === 'macos') return fill(t.stepsMac, { host: entry.host, resource: `/${entry.resource.replace(/^\/+/, '') || 'ipp/print'}` });
  return fill(t.stepsLinux, { queue: entry.queueName, uri: entry.uri });
}

function installCell(entry: PullEntry, os: DriverOs | null, t: PullTexts): string {
  if (os === null) return `<span class="muted">${escapeHtml(t.unknownSystem)}</span>`;
  const parts: string[] = [];
  if (entry.systems.includes(os)) {
    const file = `printdeck-${entry.queueName}.${os === 'windows' ? 'ps1' : 'sh'}`;
    parts.push(
      `<a class="install" href="${PULL_BASE}/install/${entry.id}?os=${os}" download="${escapeHtml(file)}" data-testid="pull-install-${entry.id}">${escapeHtml(t.install)}</a>`,
      `<div><small>${escapeHtml(fill(os === 'windows' ? t.runWindows : t.runLinux, { file }))}</small></div>`,
    );
  } else {
    parts.push(`<span class="muted">${escapeHtml(t.notForSystem)}</span>`);
  }
  const driverless = entry.kind === 'driverless' && (entry.protocol === 'ipp' || entry.protocol === 'ipps');
  if (driverless) parts.push(`<details><summary>${escapeHtml(t.stepsTitle)}</summary><code>${escapeHtml(manualSteps(entry, os, t))}</code></details>`);
  return parts.join('');
}

function row(entry: PullEntry, os: DriverOs | null, t: PullTexts): string {
  const searchText = [entry.name, entry.location, entry.model, entry.deviceLabel, entry.queueName].join(' ').toLowerCase();
  const driver = entry.kind === 'driverless' ? t.driverless : entry.setName;
  return [
    `<tr data-text="${escapeHtml(searchText)}" data-testid="pull-row-${entry.id}">`,
    `<td><strong>${escapeHtml(entry.name)}</strong><div><small>${escapeHtml(entry.queueName)}</small></div></td>`,
    `<td>${escapeHtml(entry.location)}</td>`,
    `<td>${escapeHtml(entry.model)}</td>`,
    `<td>${escapeHtml(driver)}<div><small>${escapeHtml(defaultsText(entry, t))}</small></div></td>`,
    `<td>${installCell(entry, os, t)}</td>`,
    '</tr>',
  ].join('');
}

/** The whole page: plain HTML, its script and style sheet from the same route (CSP script-src 'self'). */
export function pullPageHtml(input: PullPageInput): string {
  const t = input.texts;
  const osOption = (os: DriverOs): string => `<option value="${os}"${input.os === os ? ' selected' : ''}>${escapeHtml(t[os])}</option>`;
  const empty = input.total === 0 ? t.noneAtAll : t.none;
  return `<!doctype html>
<html lang="${input.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)} — Printdeck</title>
<link rel="stylesheet" href="${PULL_BASE}/assets/pull.css">
<script src="${PULL_BASE}/assets/pull.js" defer></script>
</head>
<body>
<main>
<h1>${escapeHtml(t.title)}</h1>
<p class="intro">${escapeHtml(t.intro)}</p>
<form id="pull-form" method="get" action="${PULL_BASE}" role="search">
<input type="search" id="pull-search" name="q" value="${escapeHtml(input.query)}" placeholder="${escapeHtml(t.search)}" aria-label="${escapeHtml(t.search)}" autofocus>
<label>${escapeHtml(t.yourSystem)} <select id="pull-os" name="os">${input.os === null ? `<option value="" selected>${escapeHtml(t.unknownSystem)}</option>` : ''}${osOption('windows')}${osOption('macos')}${osOption('linux')}</select></label>
<noscript><button type="submit">${escapeHtml(t.search)}</button></noscript>
</form>
<p><small id="pull-count" data-template="${escapeHtml(t.count)}">${escapeHtml(fill(t.count, { n: input.entries.length }))}</small></p>
<table>
<thead><tr><th>${escapeHtml(t.name)}</th><th>${escapeHtml(t.location)}</th><th>${escapeHtml(t.model)}</th><th>${escapeHtml(t.driverSet)} / ${escapeHtml(t.defaults)}</th><th>${escapeHtml(t.install)}</th></tr></thead>
<tbody>
${input.entries.map((e) => row(e, input.os, t)).join('\n')}
</tbody>
</table>
<p id="pull-none"${input.entries.length === 0 ? '' : ' hidden'}>${escapeHtml(empty)}</p>
<section class="agent" data-testid="pull-agent">
<h2>${escapeHtml(t.agentTitle)}</h2>
<p>${escapeHtml(t.agentText)}</p>
<p><code>${escapeHtml(t.agentInstall)}</code></p>
<p><code>${escapeHtml(fill(t.agentEnrolUnix, { console: input.consoleUrl }))}</code></p>
<p><code>${escapeHtml(fill(t.agentEnrolWindows, { console: input.consoleUrl }))}</code></p>
</section>
</main>
</body>
</html>
`;
}
