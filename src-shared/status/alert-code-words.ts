import type { PrtAlertCodeName } from '../mib/iana-printer.codes';
import type { PrtAlertSeverityLevelName } from '../mib/printer-mib.codes';
import type { WordingLanguage } from '../wording/wording-language';

/**
 * What each IANA PrtAlertCodeTC value and each prtAlertSeverityLevel means, in words: the text an
 * alert row shows when the device sent no description of its own, and the console's Japanese
 * for it. English is made from the code's name ("markerTonerEmpty" → "Marker toner empty") so
 * stored texts read as before; Japanese is this table (a test checks every code has one).
 */

/** "markerTonerEmpty" → "Marker toner empty". Never throws. */
export function codeInWords(name: string): string {
  let out = '';
  for (const ch of name) out += ch >= 'A' && ch <= 'Z' ? ` ${ch.toLowerCase()}` : ch;
  return out.charAt(0).toUpperCase() + out.slice(1);
}

export const ALERT_CODE_WORDS_JA: Readonly<Record<PrtAlertCodeName, string>> = {
  other: 'その他のアラート',
  unknown: '不明なアラート',
  coverOpen: 'カバーが開いています',
  coverClosed: 'カバーが閉じられました',
  interlockOpen: 'インターロックが開いています',
  interlockClosed: 'インターロックが閉じられました',
  configurationChange: '構成が変更されました',
  jam: '紙詰まり',
  subunitMissing: 'ユニットが装着されていません',
  subunitLifeAlmostOver: 'ユニットの寿命が近づいています',
  subunitLifeOver: 'ユニットの寿命です',
  subunitAlmostEmpty: 'まもなく空になります',
  subunitEmpty: '空です',
  subunitAlmostFull: 'まもなく満杯です',
  subunitFull: '満杯です',
  subunitNearLimit: '上限が近づいています',
  subunitAtLimit: '上限に達しました',
  subunitOpened: 'ユニットが開いています',
  subunitClosed: 'ユニットが閉じられました',
  subunitTurnedOn: 'ユニットがオンになりました',
  subunitTurnedOff: 'ユニットがオフになりました',
  subunitOffline: 'ユニットがオフラインです',
  subunitPowerSaver: 'ユニットが省電力モードです',
  subunitWarmingUp: 'ユニットのウォームアップ中',
  subunitAdded: 'ユニットが追加されました',
  subunitRemoved: 'ユニットが取り外されました',
  subunitResourceAdded: 'リソースが追加されました',
  subunitResourceRemoved: 'リソースが削除されました',
  subunitRecoverableFailure: 'ユニットの障害（回復可能）',
  subunitUnrecoverableFailure: 'ユニットの障害（回復不能）',
  subunitRecoverableStorageError: '記憶装置のエラー（回復可能）',
  subunitUnrecoverableStorageError: '記憶装置のエラー（回復不能）',
  subunitMotorFailure: 'モーターの故障',
  subunitMemoryExhausted: 'メモリー不足',
  subunitUnderTemperature: '温度が低すぎます',
  subunitOverTemperature: '温度が高すぎます',
  subunitTimingFailure: 'タイミングの異常',
  subunitThermistorFailure: 'サーミスターの故障',
  doorOpen: 'ドアが開いています',
  doorClosed: 'ドアが閉じられました',
  powerUp: '電源が入りました',
  powerDown: '電源が切れました',
  printerNMSReset: '管理ソフトウェアによるリセット',
  printerManualReset: '手動リセット',
  printerReadyToPrint: '印刷できます',
  inputMediaTrayMissing: '給紙トレイが装着されていません',
  inputMediaSizeChange: '用紙サイズが変更されました',
  inputMediaWeightChange: '用紙の厚さが変更されました',
  inputMediaTypeChange: '用紙の種類が変更されました',
  inputMediaColorChange: '用紙の色が変更されました',
  inputMediaFormPartsChange: '複写用紙の枚数が変更されました',
  inputMediaSupplyLow: '用紙残少',
  inputMediaSupplyEmpty: '用紙切れ',
  inputMediaChangeRequest: '用紙の交換が必要です',
  inputManualInputRequest: '手差しで用紙をセットしてください',
  inputTrayPositionFailure: '給紙トレイの位置の異常',
  inputTrayElevationFailure: '給紙トレイの昇降の異常',
  inputCannotFeedSizeSelected: '選択したサイズの用紙を給紙できません',
  outputMediaTrayMissing: '排紙トレイが装着されていません',
  outputMediaTrayAlmostFull: '排紙トレイがまもなく満杯です',
  outputMediaTrayFull: '排紙トレイが満杯です',
  outputMailboxSelectFailure: 'メールボックスを選択できません',
  markerFuserUnderTemperature: '定着器の温度が低すぎます',
  markerFuserOverTemperature: '定着器の温度が高すぎます',
  markerFuserTimingFailure: '定着器のタイミングの異常',
  markerFuserThermistorFailure: '定着器のサーミスターの故障',
  markerAdjustingPrintQuality: '印刷品質を調整中',
  markerTonerEmpty: 'トナー切れ',
  markerInkEmpty: 'インク切れ',
  markerPrintRibbonEmpty: 'リボン切れ',
  markerTonerAlmostEmpty: 'トナー残少',
  markerInkAlmostEmpty: 'インク残少',
  markerPrintRibbonAlmostEmpty: 'リボン残少',
  markerWasteTonerReceptacleAlmostFull: '廃トナー容器がまもなく満杯です',
  markerWasteInkReceptacleAlmostFull: '廃インク容器がまもなく満杯です',
  markerWasteTonerReceptacleFull: '廃トナー容器が満杯です',
  markerWasteInkReceptacleFull: '廃インク容器が満杯です',
  markerOpcLifeAlmostOver: 'ドラムの寿命が近づいています',
  markerOpcLifeOver: 'ドラムの寿命です',
  markerDeveloperAlmostEmpty: '現像剤残少',
  markerDeveloperEmpty: '現像剤切れ',
  markerTonerCartridgeMissing: 'トナーカートリッジが装着されていません',
  mediaPathMediaTrayMissing: '搬送路のトレイが装着されていません',
  mediaPathMediaTrayAlmostFull: '搬送路のトレイがまもなく満杯です',
  mediaPathMediaTrayFull: '搬送路のトレイが満杯です',
  mediaPathCannotDuplexMediaSelected: '選択した用紙では両面印刷できません',
  interpreterMemoryIncrease: 'インタープリターのメモリーが増えました',
  interpreterMemoryDecrease: 'インタープリターのメモリーが減りました',
  interpreterCartridgeAdded: 'カートリッジが追加されました',
  interpreterCartridgeDeleted: 'カートリッジが取り外されました',
  interpreterResourceAdded: 'インタープリターのリソースが追加されました',
  interpreterResourceDeleted: 'インタープリターのリソースが削除されました',
  interpreterResourceUnavailable: 'インタープリターのリソースが使えません',
  interpreterComplexPageEncountered: '複雑なページを処理しています',
  alertRemovalOfBinaryChangeEntry: '変化を知らせるアラートが削除されました',
};

export const ALERT_SEVERITY_WORDS: Readonly<Record<WordingLanguage, Readonly<Record<PrtAlertSeverityLevelName, string>>>> = {
  en: { critical: 'Critical', warning: 'Warning', warningBinaryChangeEvent: 'Event', other: 'Other' },
  ja: { critical: '重大', warning: '警告', warningBinaryChangeEvent: '状態変化', other: 'その他' },
};

function isKey<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(table, key);
}

/** The severity of an alert row in words ("Critical" / "重大"); a value outside the MIB's as reported. Never throws. */
export function alertSeverityWord(language: WordingLanguage, severity: string): string {
  const words = ALERT_SEVERITY_WORDS[language];
  return isKey(words, severity) ? words[severity] : severity;
}

/** The words of an alert code ("Marker toner empty" / "トナー切れ"), or null for a code outside the table ("code1234"). Never throws. */
export function alertCodeWord(language: WordingLanguage, code: string | null): string | null {
  if (code === null || !isKey(ALERT_CODE_WORDS_JA, code)) return null;
  return language === 'ja' ? ALERT_CODE_WORDS_JA[code] : codeInWords(code);
}
