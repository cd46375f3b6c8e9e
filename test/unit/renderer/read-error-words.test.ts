import { describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import { en } from '../../../src-renderer/i18n/en';
import { ja } from '../../../src-renderer/i18n/ja';
import { greyReason, READ_ERROR_KINDS, readErrorWords } from '../../../src-renderer/features/devices/device-text';
import { SNMP_ERROR_CODES } from '../../../src-main/core/snmp/snmp-client';

/** Issue 14: a greyed row said "応答なし: no reply from …" — the read error is worded from its code in the UI language. */

async function translator(language: 'en' | 'ja'): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init({ lng: language, resources: { en: { translation: en }, ja: { translation: ja } }, interpolation: { escapeValue: false } });
  return instance.t;
}

const RAW = 'no reply from 127.20.0.7:1161 (v2c, 2 × 1000 ms): host down, wrong address or community';

describe('read errors in words', () => {
  it('knows every code the SNMP layer and the reader record', () => {
    for (const code of SNMP_ERROR_CODES) expect(READ_ERROR_KINDS, code).toContain(code);
    expect(READ_ERROR_KINDS).toContain('name-not-resolved');
    expect(READ_ERROR_KINDS).toContain('internal');
  });

  it('words each kind in Japanese without English', async () => {
    const t = await translator('ja');
    for (const code of READ_ERROR_KINDS) {
      const words = readErrorWords(t, { code, message: RAW });
      expect(words, code).not.toBe(RAW);
      expect(words, code).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(words.replace(/SNMPv3|SNMP/g, ''), code).not.toMatch(/[A-Za-z]/);
    }
  });

  it('says a timeout in the row of an unreachable device, the raw text kept apart', async () => {
    const t = await translator('ja');
    const reason = greyReason({ lastSeen: 1, lastError: { code: 'snmp-timeout', message: RAW } });
    expect(reason).toEqual({ kind: 'not-answering', code: 'snmp-timeout', message: RAW });
    if (reason?.kind !== 'not-answering') throw new Error('expected not-answering');
    expect(t('list.notAnswering', { message: readErrorWords(t, reason) })).toBe('応答なし: タイムアウト');
    expect((await translator('en'))('list.notAnswering', { message: readErrorWords(await translator('en'), reason) })).toBe('Not answering: timed out');
  });

  it('keeps the text of a code it has no words for', async () => {
    const t = await translator('ja');
    expect(readErrorWords(t, { code: 'something-new', message: 'the agent said so' })).toBe('the agent said so');
  });
});
