import { PRT_ALERT_CODES, type PrtAlertCodeName } from '../mib/iana-printer.codes';
import type { WordingLanguage } from '../wording/wording-language';
import { ALERT_CODE_WORDS_JA, codeInWords } from './alert-code-words';
import { ISSUES, type IssueKey } from './status-issues';
import { emptyWords, ISSUE_LABELS_JA, moreWords, QUIET_STATUS_WORDS, STATUS_JOINERS, subjectWords, type QuietStatus } from './status-words';

/**
 * The grammar of a device's status message. The deriver writes it in English (the store, the
 * CLI, mails and filters keep that text); this reads it back into its parts — a quiet status,
 * issues with the parts they concern, an alert code's words, or a device's own text — so the
 * console can say the same in Japanese. Text this grammar did not write (a device's alert
 * description) comes back as 'text' and is shown as the device gave it.
 */

export type StatusPhrase =
  | { kind: 'quiet'; status: QuietStatus }
  | { kind: 'issue'; key: IssueKey; subjects: string[] }
  | { kind: 'alertCode'; code: PrtAlertCodeName }
  | { kind: 'text'; text: string };

export interface StatusMessageParts {
  phrases: StatusPhrase[];
  /** Issues counted but not spelled out ("(+2 more)"). */
  more: number;
}

const MORE = / \(\+(\d+) more\)$/;
const EN = STATUS_JOINERS.en;

const QUIET_BY_TEXT: ReadonlyMap<string, QuietStatus> = new Map(
  (Object.entries(QUIET_STATUS_WORDS.en) as Array<[QuietStatus, string]>).map(([status, text]) => [text, status]),
);
/** Labels longest first, so "Output tray full" wins over a shorter label it starts with. */
const ISSUE_KEYS = (Object.keys(ISSUES) as IssueKey[]).sort((a, b) => ISSUES[b].label.length - ISSUES[a].label.length);
const CODE_BY_WORDS: ReadonlyMap<string, PrtAlertCodeName> = new Map((Object.keys(PRT_ALERT_CODES) as PrtAlertCodeName[]).map((code) => [codeInWords(code), code]));

function parsePhrase(text: string): StatusPhrase {
  const quiet = QUIET_BY_TEXT.get(text);
  if (quiet !== undefined) return { kind: 'quiet', status: quiet };
  for (const key of ISSUE_KEYS) {
    const { label, wording } = ISSUES[key];
    if (text === label) return { kind: 'issue', key, subjects: [] };
    if (wording === 'suffix' && text.startsWith(`${label}${EN.label}`)) return { kind: 'issue', key, subjects: text.slice(label.length + EN.label.length).split(EN.subjects) };
  }
  // An alert code's words before "… empty": "Marker toner empty" is a code, not a tray.
  const code = CODE_BY_WORDS.get(text);
  if (code !== undefined) return { kind: 'alertCode', code };
  // "Tray 2 empty": noPaper and inputTrayEmpty read the same, and are worded the same.
  if (text.endsWith(' empty') && text.length > ' empty'.length) return { kind: 'issue', key: 'noPaper', subjects: text.slice(0, -' empty'.length).split(EN.subjects) };
  return { kind: 'text', text };
}

/** The parts of a status message as the deriver writes it. Never throws. */
export function parseStatusMessage(message: string): StatusMessageParts {
  const more = MORE.exec(message);
  const body = more ? message.slice(0, more.index) : message;
  const phrases: StatusPhrase[] = [];
  for (const piece of body === '' ? [] : body.split(EN.issues)) {
    const phrase = parsePhrase(piece);
    const last = phrases[phrases.length - 1];
    // A device's own text that holds "; " stays one text.
    if (phrase.kind === 'text' && last?.kind === 'text') last.text += `${EN.issues}${phrase.text}`;
    else phrases.push(phrase);
  }
  return { phrases, more: more ? Number(more[1]) : 0 };
}

function phraseWords(language: WordingLanguage, phrase: StatusPhrase): string {
  const joiners = STATUS_JOINERS[language];
  switch (phrase.kind) {
    case 'quiet':
      return QUIET_STATUS_WORDS[language][phrase.status];
    case 'alertCode':
      return language === 'ja' ? ALERT_CODE_WORDS_JA[phrase.code] : codeInWords(phrase.code);
    case 'text':
      return phrase.text;
    case 'issue': {
      const spec = ISSUES[phrase.key];
      const label = language === 'ja' ? ISSUE_LABELS_JA[phrase.key] : spec.label;
      if (phrase.subjects.length === 0) return label;
      const subjects = phrase.subjects.map((s) => subjectWords(language, s)).join(joiners.subjects);
      return spec.wording === 'empty' ? emptyWords(language, subjects) : `${label}${joiners.label}${subjects}`;
    }
    default:
      return phrase satisfies never;
  }
}

/** A status message in the language: "Paper jam; Toner low: Cyan" → "紙詰まり、トナー残少: シアン". English gives the message back. Never throws. */
export function statusMessageWords(language: WordingLanguage, message: string): string {
  if (language === 'en') return message;
  const { phrases, more } = parseStatusMessage(message);
  const text = phrases.map((p) => phraseWords(language, p)).join(STATUS_JOINERS[language].issues);
  return more > 0 ? `${text}${moreWords(language, more)}` : text;
}

/** The same parts worded in English — what the deriver writes (the round trip a test checks). Never throws. */
export function statusMessageOf(parts: StatusMessageParts): string {
  const text = parts.phrases.map((p) => phraseWords('en', p)).join(EN.issues);
  return parts.more > 0 ? `${text}${moreWords('en', parts.more)}` : text;
}
