/**
 * The pull page's words in English and Japanese. The page is served by the plug-in, outside the
 * renderer and its i18n catalogues, so it keeps this small table of its own; the language is the
 * first of the visitor's Accept-Language that it has (English otherwise).
 */
export const PULL_LANGUAGES = ['en', 'ja'] as const;
export type PullLanguage = (typeof PULL_LANGUAGES)[number];

const EN = {
  title: 'Install a printer',
  intro: 'Find your printer and install it on this computer with one click. Nothing else is installed and this computer is not enrolled anywhere.',
  search: 'Search by name, location or model',
  yourSystem: 'Your system',
  windows: 'Windows',
  macos: 'macOS',
  linux: 'Linux',
  unknownSystem: 'not recognised: choose it',
  name: 'Printer',
  location: 'Location',
  model: 'Model',
  install: 'Install',
  driverless: 'Driverless (IPP Everywhere)',
  driverSet: 'Driver',
  defaults: 'Defaults',
  blackWhite: 'black and white',
  color: 'color',
  oneSided: 'one-sided',
  twoSided: 'two-sided',
  downloadScript: 'Download the installer',
  notForSystem: 'Its driver is not for this system.',
  stepsTitle: 'Or add it yourself (driverless)',
  none: 'No printers match.',
  noneAtAll: 'No printers are offered yet.',
  count: '{n} printers',
  runLinux: 'Run in a terminal: sudo sh {file}',
  runWindows: 'Run in PowerShell as administrator: powershell -ExecutionPolicy Bypass -File {file}',
  stepsWindows: 'Settings → Bluetooth & devices → Printers & scanners → Add device → "Add manually" → "Add a printer using an IP address or hostname" → device type "IPP Device" → {url}.',
  stepsMac: 'System Settings → Printers & Scanners → Add Printer → IP → protocol "Internet Printing Protocol - IPP", address {host}, queue {resource}; Use: "Secure AirPrint" or "AirPrint".',
  stepsLinux: 'In a terminal: sudo lpadmin -p {queue} -E -v {uri} -m everywhere',
  agentTitle: 'Printdeck agent (for IT staff)',
  agentText: 'The agent lets IT install printers on this computer remotely. It needs Node.js 20 or later. Install it, then enrol it with the token IT gives you:',
  agentInstall: 'Install: npm install -g printdeck',
  agentEnrolUnix: "Linux and macOS: printf '%s\\n' 'TOKEN' | sudo printdeck agent enrol --console {console} --token - --install-service",
  agentEnrolWindows: "Windows (PowerShell as administrator): 'TOKEN' | & printdeck.cmd agent enrol --console {console} --token - --install-service",
};
export type PullTexts = typeof EN;

const JA: PullTexts = {
  title: 'プリンターのインストール',
  intro: 'プリンターを探して、このコンピューターにワンクリックでインストールします。ほかには何もインストールされず、このコンピューターはどこにも登録されません。',
  search: '名前・設置場所・機種で検索',
  yourSystem: 'お使いのシステム',
  windows: 'Windows',
  macos: 'macOS',
  linux: 'Linux',
  unknownSystem: '判別できません: 選んでください',
  name: 'プリンター',
  location: '設置場所',
  model: '機種',
  install: 'インストール',
  driverless: 'ドライバー不要 (IPP Everywhere)',
  driverSet: 'ドライバー',
  defaults: '既定値',
  blackWhite: '白黒',
  color: 'カラー',
  oneSided: '片面',
  twoSided: '両面',
  downloadScript: 'インストーラーをダウンロード',
  notForSystem: 'このドライバーはこのシステム用ではありません。',
  stepsTitle: '手動で追加する (ドライバー不要)',
  none: '該当するプリンターはありません。',
  noneAtAll: '提供されているプリンターはまだありません。',
  count: '{n} 台のプリンター',
  runLinux: 'ターミナルで実行: sudo sh {file}',
  runWindows: '管理者の PowerShell で実行: powershell -ExecutionPolicy Bypass -File {file}',
  stepsWindows: '設定 → Bluetooth とデバイス → プリンターとスキャナー → デバイスの追加 → 「手動で追加」 → 「IP アドレスまたはホスト名を使ってプリンターを追加する」 → デバイスの種類「IPP デバイス」 → {url}',
  stepsMac: 'システム設定 → プリンタとスキャナ → プリンタを追加 → IP → プロトコル「IPP (Internet Printing Protocol)」、アドレス {host}、キュー {resource}、ドライバ「セキュア AirPrint」または「AirPrint」',
  stepsLinux: 'ターミナルで: sudo lpadmin -p {queue} -E -v {uri} -m everywhere',
  agentTitle: 'Printdeck エージェント (IT 担当者向け)',
  agentText: 'エージェントを入れると、IT 担当者がこのコンピューターにプリンターを遠隔でインストールできます。Node.js 20 以降が必要です。インストールしてから、IT 担当者から受け取ったトークンで登録します:',
  agentInstall: 'インストール: npm install -g printdeck',
  agentEnrolUnix: "Linux と macOS: printf '%s\\n' 'TOKEN' | sudo printdeck agent enrol --console {console} --token - --install-service",
  agentEnrolWindows: "Windows (管理者の PowerShell): 'TOKEN' | & printdeck.cmd agent enrol --console {console} --token - --install-service",
};

const TABLE: Readonly<Record<PullLanguage, PullTexts>> = { en: EN, ja: JA };

/** The first language of an Accept-Language header the page has ("ja-JP,ja;q=0.9,en;q=0.8" → ja), by q order. */
export function pickLanguage(acceptLanguage: string | undefined): PullLanguage {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.tag).find((tag): tag is PullLanguage => (PULL_LANGUAGES as readonly string[]).includes(tag)) ?? 'en';
}

export function pullTexts(language: PullLanguage): PullTexts {
  return TABLE[language];
}

/** A text with its {name} placeholders filled. */
export function fill(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
