import type { WordingLanguage } from './wording-language';

/**
 * Messages the core sends as a code with parameters, so each host words them in its language:
 * the console translates (its i18n catalogues spread these templates in as `worded.<key>`), the
 * command line and logs print the English. The English text always travels too (an error's
 * `message`), so a host that knows no key still says something right.
 *
 * To add one: a key with its English and Japanese template here ({{name}} placeholders, the
 * same in both), then throw `new WordedError({ key, params })` where the problem is found, or
 * give the AppError its `wording` (see app-error.ts). A test checks both languages have the
 * same keys and placeholders.
 */
export const WORDED_TEMPLATES = {
  en: {
    addressEmpty: 'empty address',
    addressOctetCount: '{{token}}: an IPv4 address needs four numbers separated by dots',
    addressEmptyOctet: '{{token}}: an empty octet',
    addressLeadingZero: '{{token}}: octet {{octet}} has a leading zero',
    addressOctetRange: '{{token}}: octet {{octet}} is outside 0–255',
    addressNotAddress: '{{token}}: not an address, a range, a network or a host name',
    addressPrefixNumber: '{{token}}: the prefix after "/" must be a number 0–32',
    addressPrefixRange: '{{token}}: prefix /{{prefix}} is outside 0–32',
    addressRangeEnd: '{{token}}: the range end "{{end}}" is not an IPv4 address or a last octet',
    addressRangeOrder: '{{token}}: range end is before its start',
    addressNotHost: '"{{token}}": "{{host}}" is neither an IPv4 address nor a host name',
    portNotNumber: '"{{token}}": port "{{port}}" is not a number',
    portRange: '"{{token}}": port {{port}} is outside 1–65535',
    signInFailed: 'Sign-in failed: the user name or password is wrong, or the account is locked or disabled.',
    signInLinkUsed: 'This sign-in link was already used or has expired. Sign in with your user name and password.',
    taskScheduleInPast: 'schedule.at: {{time}} is in the past',
    taskNoTargets: 'targets: choose at least one device or group',
    taskNoSuchDevice: 'targets.deviceIds: device {{device}} does not exist',
    taskNoSuchGroup: 'targets.groupIds: group {{group}} does not exist',
  },
  ja: {
    addressEmpty: 'アドレスが空です',
    addressOctetCount: '{{token}}: IPv4 アドレスはドットで区切った 4 つの数です',
    addressEmptyOctet: '{{token}}: 空のオクテットがあります',
    addressLeadingZero: '{{token}}: オクテット {{octet}} の先頭に 0 があります',
    addressOctetRange: '{{token}}: オクテット {{octet}} が 0–255 の範囲外です',
    addressNotAddress: '{{token}}: アドレス、範囲、ネットワーク、ホスト名のいずれでもありません',
    addressPrefixNumber: '{{token}}: 「/」の後のプレフィックスは 0–32 の数です',
    addressPrefixRange: '{{token}}: プレフィックス /{{prefix}} が 0–32 の範囲外です',
    addressRangeEnd: '{{token}}: 範囲の終わり「{{end}}」は IPv4 アドレスでも最後のオクテットでもありません',
    addressRangeOrder: '{{token}}: 範囲の終わりが始まりより前です',
    addressNotHost: '「{{token}}」: 「{{host}}」は IPv4 アドレスでもホスト名でもありません',
    portNotNumber: '「{{token}}」: ポート「{{port}}」は数ではありません',
    portRange: '「{{token}}」: ポート {{port}} が 1–65535 の範囲外です',
    signInFailed: 'サインインできませんでした: ユーザー名かパスワードが違うか、アカウントがロックまたは無効になっています。',
    signInLinkUsed: 'このサインインリンクは使用済みか期限切れです。ユーザー名とパスワードでサインインしてください。',
    taskScheduleInPast: '実行日時: {{time}} は過去です',
    taskNoTargets: '対象: デバイスかグループを 1 つ以上選んでください',
    taskNoSuchDevice: '対象: デバイス {{device}} はありません',
    taskNoSuchGroup: '対象: グループ {{group}} はありません',
  },
} as const satisfies Record<WordingLanguage, Record<string, string>>;

export type WordedKey = keyof (typeof WORDED_TEMPLATES)['en'];
export type WordedParams = Readonly<Record<string, string | number>>;

/** A message as a key and its parameters (plain JSON: it travels in error envelopes). */
export interface WordedMessage {
  key: WordedKey;
  params: WordedParams;
}

/** The message in the language, {{name}} replaced by its parameter (an unknown placeholder is left as written). Never throws. */
export function wordMessage(language: WordingLanguage, worded: WordedMessage): string {
  const template: string = WORDED_TEMPLATES[language][worded.key];
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in worded.params ? String(worded.params[name]) : whole));
}

/** A RangeError whose message is the English of a worded message, carrying the key and parameters for the hosts that translate. */
export class WordedError extends RangeError {
  constructor(readonly worded: WordedMessage) {
    super(wordMessage('en', worded));
    this.name = 'WordedError';
  }
}

/** True for a plain object shaped as a WordedMessage with a key we know. Never throws. */
export function isWordedMessage(value: unknown): value is WordedMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { key, params } = value as { key?: unknown; params?: unknown };
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(WORDED_TEMPLATES.en, key) && typeof params === 'object' && params !== null;
}

/** The worded message an error carries (a WordedError, or an AppError / error envelope with `wording`), else null. Never throws. */
export function wordingOf(error: unknown): WordedMessage | null {
  if (error instanceof WordedError) return error.worded;
  if (typeof error !== 'object' || error === null) return null;
  const wording = (error as { wording?: unknown }).wording;
  return isWordedMessage(wording) ? wording : null;
}
