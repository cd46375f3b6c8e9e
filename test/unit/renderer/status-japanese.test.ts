import { describe, expect, it } from 'vitest';
import { ja } from '../../../src-renderer/i18n/ja';
import { PRINTER_CONDITIONS } from '../../../src-shared/domain/device-reading';
import { COLORANT_NAMES } from '../../../src-shared/mib/colorant-names.codes';
import { PRT_ALERT_CODES, PRT_ALERT_GROUPS, type PrtAlertCodeName, type PrtAlertGroupName } from '../../../src-shared/mib/iana-printer.codes';
import { PRT_ALERT_SEVERITY_LEVEL, type PrtAlertSeverityLevelName } from '../../../src-shared/mib/printer-mib.codes';
import { colourLabel } from '../../../src-shared/supplies/colour-extractor';
import { ALERT_CODE_WORDS_JA, alertCodeWord, alertSeverityWord, codeInWords } from '../../../src-shared/status/alert-code-words';
import { deriveStatus, type StatusAlert, type StatusInput } from '../../../src-shared/status/status-deriver';
import { ISSUES, issueMessage, type IssueKey } from '../../../src-shared/status/status-issues';
import { parseStatusMessage, statusMessageOf, statusMessageWords } from '../../../src-shared/status/status-message';
import { QUIET_STATUS_WORDS } from '../../../src-shared/status/status-words';
import { aSupply, aTray } from '../../helpers/printer-mib-builders';

/**
 * Every status, condition and alert text a device can produce has Japanese words. The cases are
 * enumerated from the source tables (issues, hrPrinterDetectedErrorState conditions, IANA alert
 * codes and groups, severities, colours) and run through the real deriver, so a new entry in a
 * table without its Japanese fails here.
 */

const LATIN = /[A-Za-z]/;
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

function input(overrides: Partial<StatusInput> = {}): StatusInput {
  return { deviceStatus: 2, printerStatus: 3, conditions: [], alerts: [], supplies: [], trays: [], ...overrides };
}

const issueKeys = Object.keys(ISSUES) as IssueKey[];
const alertCodes = Object.keys(PRT_ALERT_CODES) as PrtAlertCodeName[];
const alertGroups = Object.keys(PRT_ALERT_GROUPS) as PrtAlertGroupName[];
const cyanToner = aSupply({ index: '1.2', color: 'cyan', description: 'Cyan Toner', percent: 0 });
const drum = aSupply({ index: '1.5', type: 'opc', color: null, description: 'Drum Unit', percent: 0 });
const wasteBox = aSupply({ index: '1.6', type: 'wasteToner', class: 'receptacle', color: null, description: 'Waste Toner Box', percent: 100 });
const tray2 = aTray({ index: '1.3', name: 'Tray 2', percent: 0, level: 0 });

/** The Japanese of a message, with device-named parts (a drum's or waste box's own description) taken out before looking for English. */
function japaneseOf(message: string): string {
  return statusMessageWords('ja', message).replaceAll('Drum Unit', '').replaceAll('Waste Toner Box', '');
}

describe('Japanese for every status a device can produce', () => {
  it('has Japanese for every state, condition and supply quality the console shows', () => {
    for (const condition of PRINTER_CONDITIONS) expect(ja.conditions[condition], condition).toMatch(JAPANESE);
    for (const state of ['ok', 'warning', 'error', 'offline', 'unknown'] as const) expect(ja.states[state], state).toMatch(JAPANESE);
    for (const quality of ['exact', 'coarse', 'unknown'] as const) expect(ja.quality[quality], quality).toMatch(JAPANESE);
  });

  it('words every IANA alert code and every severity in Japanese', () => {
    for (const code of alertCodes) {
      expect(ALERT_CODE_WORDS_JA[code], code).toMatch(JAPANESE);
      expect(alertCodeWord('ja', code), code).not.toMatch(LATIN);
      expect(alertCodeWord('en', code)).toBe(codeInWords(code));
    }
    for (const severity of Object.keys(PRT_ALERT_SEVERITY_LEVEL) as PrtAlertSeverityLevelName[]) expect(alertSeverityWord('ja', severity), severity).toMatch(JAPANESE);
    expect(alertCodeWord('ja', 'code4242')).toBeNull();
  });

  it('translates the quiet statuses the deriver writes', () => {
    const messages = [input(), input({ printerStatus: 4 }), input({ printerStatus: 5 }), input({ deviceStatus: 4 }), input({ deviceStatus: null, printerStatus: null })].map((i) => deriveStatus(i).message);
    expect(new Set(messages)).toEqual(new Set(Object.values(QUIET_STATUS_WORDS.en)));
    for (const message of messages) expect(statusMessageWords('ja', message), message).toMatch(JAPANESE);
    for (const message of messages) expect(statusMessageWords('ja', message), message).not.toMatch(LATIN);
  });

  it('translates every hrPrinterDetectedErrorState condition, alone and with the toner or tray it names', () => {
    for (const condition of PRINTER_CONDITIONS) {
      for (const parts of [{}, { supplies: [cyanToner], trays: [tray2] }]) {
        const { message } = deriveStatus(input({ conditions: [condition], ...parts }));
        expect(japaneseOf(message), `${condition}: ${message}`).not.toMatch(LATIN);
        expect(japaneseOf(message), `${condition}: ${message}`).toMatch(JAPANESE);
      }
    }
  });

  it('translates every alert code in every group, as the reader words it when the device gives no text', () => {
    const problems: string[] = [];
    for (const code of alertCodes) {
      for (const group of alertGroups) {
        for (const [supply, tray] of [[null, null], [cyanToner, null], [drum, null], [wasteBox, null], [null, tray2]] as const) {
          const alert: StatusAlert = { severity: 'critical', training: 'trained', code, group, description: codeInWords(code), supply, tray };
          const { message } = deriveStatus(input({ alerts: [alert], supplies: [cyanToner, drum, wasteBox], trays: [tray2] }));
          const words = japaneseOf(message);
          if (LATIN.test(words) || !JAPANESE.test(words)) problems.push(`${code}/${group}: "${message}" → "${words}"`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('translates every issue with our own subjects (colours, generated tray names), and reads back exactly what the deriver wrote', () => {
    const colours = COLORANT_NAMES.map(colourLabel);
    for (const key of issueKeys) {
      for (const subjects of [[], colours, ['Tray 1', 'Tray 2']]) {
        const message = issueMessage({ key, severity: ISSUES[key].severity, subjects, text: null });
        expect(statusMessageOf(parseStatusMessage(message)), message).toBe(message);
        expect(statusMessageWords('ja', message), `${key}: ${message}`).not.toMatch(LATIN);
      }
    }
  });

  it('keeps a device\'s own words as they are, and counts what is not spelled out', () => {
    const message = 'Paper jam; Fuser error 0x41; call service; Toner low: Cyan (+2 more)';
    expect(statusMessageOf(parseStatusMessage(message))).toBe(message);
    expect(statusMessageWords('ja', message)).toBe('紙詰まり、Fuser error 0x41; call service、トナー残少: シアン（他 2 件）');
    expect(statusMessageWords('ja', 'Cassette 1 empty; Marker fuser over temperature')).toBe('Cassette 1: 用紙なし、定着器の温度が高すぎます');
    expect(statusMessageWords('en', 'Tray 1 empty')).toBe('Tray 1 empty');
  });
});
