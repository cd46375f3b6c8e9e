import { COLORANT_NAMES } from '../mib/colorant-names.codes';
import { colourLabel } from '../supplies/colour-extractor';
import type { WordingLanguage } from '../wording/wording-language';
import type { IssueKey } from './status-issues';

/**
 * The words of device statuses in the console's languages. English lives with the issues
 * (status-issues.ts) because the stored message is English; Japanese is here, one entry per
 * issue, quiet status, colour and joining word — typed as complete records, and checked by a
 * test that enumerates the source tables.
 */

/** What a device with nothing wrong is doing (hrPrinterStatus / hrDeviceStatus). */
export const QUIET_STATUS_WORDS = {
  en: { ready: 'Ready', printing: 'Printing', warmingUp: 'Warming up', testing: 'Testing', unknown: 'Status unknown' },
  ja: { ready: '印刷可能', printing: '印刷中', warmingUp: 'ウォームアップ中', testing: 'テスト中', unknown: '状態不明' },
} as const satisfies Record<WordingLanguage, Record<string, string>>;
export type QuietStatus = keyof (typeof QUIET_STATUS_WORDS)['en'];

export const ISSUE_LABELS_JA: Readonly<Record<IssueKey, string>> = {
  jammed: '紙詰まり',
  doorOpen: 'カバーが開いています',
  noToner: 'トナー切れ',
  markerSupplyMissing: '消耗品が装着されていません',
  wasteFull: '廃トナー容器が満杯です',
  supplyEmpty: '交換してください',
  noPaper: '用紙切れ',
  inputTrayMissing: 'トレイが装着されていません',
  outputFull: '排紙トレイが満杯です',
  serviceRequested: 'サービスコール',
  offline: 'オフライン',
  failure: 'プリンターエラー',
  deviceDown: 'プリンター停止',
  loadPaper: '用紙をセットしてください',
  lowToner: 'トナー残少',
  lowPaper: '用紙残少',
  inputTrayEmpty: 'トレイが空です',
  wasteAlmostFull: '廃トナー容器がまもなく満杯です',
  supplyLow: 'まもなく交換',
  outputNearFull: '排紙トレイがまもなく満杯です',
  outputTrayMissing: '排紙トレイが装着されていません',
  overduePreventMaint: '定期保守の時期を過ぎています',
  attention: '要確認',
  deviceWarning: '要確認',
};

export const COLOUR_WORDS_JA: Readonly<Record<(typeof COLORANT_NAMES)[number], string>> = {
  black: 'ブラック',
  cyan: 'シアン',
  magenta: 'マゼンタ',
  yellow: 'イエロー',
  'light-cyan': 'ライトシアン',
  'light-magenta': 'ライトマゼンタ',
  'light-black': 'ライトブラック',
  'photo-black': 'フォトブラック',
  'matte-black': 'マットブラック',
  gray: 'グレー',
  red: 'レッド',
  green: 'グリーン',
  blue: 'ブルー',
  orange: 'オレンジ',
  violet: 'バイオレット',
  white: 'ホワイト',
  clear: 'クリア',
};

/** How the parts of a status message are joined, per language. */
export const STATUS_JOINERS: Readonly<Record<WordingLanguage, { issues: string; subjects: string; label: string }>> = {
  en: { issues: '; ', subjects: ', ', label: ': ' },
  ja: { issues: '、', subjects: '・', label: ': ' },
};

/** "(+2 more)" / "（他 2 件）". */
export function moreWords(language: WordingLanguage, count: number): string {
  return language === 'ja' ? `（他 ${count} 件）` : ` (+${count} more)`;
}

/** "Tray 2 empty" / "トレイ 2: 用紙なし": an issue worded by its part. */
export function emptyWords(language: WordingLanguage, subjects: string): string {
  return language === 'ja' ? `${subjects}: 用紙なし` : `${subjects} empty`;
}

const COLOUR_BY_LABEL: ReadonlyMap<string, (typeof COLORANT_NAMES)[number]> = new Map(COLORANT_NAMES.map((c) => [colourLabel(c), c]));
/** The name the tray normaliser gives a tray the device did not name ("Tray 2"). */
const GENERATED_TRAY = /^Tray (\d+)$/;

/** A part named in a message in the language: our own colour labels and tray names translated, a device's own names as they are. Never throws. */
export function subjectWords(language: WordingLanguage, subject: string): string {
  if (language === 'en') return subject;
  const colour = COLOUR_BY_LABEL.get(subject);
  if (colour !== undefined) return COLOUR_WORDS_JA[colour];
  const tray = GENERATED_TRAY.exec(subject);
  return tray ? `トレイ ${tray[1]}` : subject;
}
