import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemText } from '../../../src-renderer/features/discovery/discovery-texts';
import { problemsOfError } from '../../../src-renderer/features/discovery/discovery-validation';
import { en } from '../../../src-renderer/i18n/en';
import { ja } from '../../../src-renderer/i18n/ja';
import { serverText } from '../../../src-renderer/i18n/server-text';
import { AppError } from '../../../src-shared/rpc/app-error';
import { SIGN_IN_FAILED } from '../../../src-main/core/auth/auth.service';

/** The console words the core's first-day errors in its language; English stays the fallback. */

const octet = { key: 'addressOctetRange', params: { token: '10.0.0.300', octet: '300' } } as const;

beforeAll(async () => {
  await i18next.init({ lng: 'ja', fallbackLng: 'en', resources: { en: { translation: en }, ja: { translation: ja } }, interpolation: { escapeValue: false } });
});

describe('worded server errors in the UI language', () => {
  it('shows a mistyped search address under its field in Japanese', () => {
    const error = new AppError('invalid-argument', 'method 1 (addresses): 10.0.0.300: octet 300 is outside 0–255', undefined, octet);
    const problems = Object.values(problemsOfError(error, ['addresses']));
    expect(problems).toHaveLength(1);
    expect(problemText(i18next.t, problems[0])).toBe('10.0.0.300: オクテット 300 が 0–255 の範囲外です');
  });

  it('keeps a message without a wording as the server wrote it, and English in English', async () => {
    const plain = new AppError('invalid-argument', 'method 1 (addresses): something new');
    expect(problemText(i18next.t, Object.values(problemsOfError(plain, ['addresses']))[0])).toBe('something new');
    expect(serverText(new AppError('unauthorized', SIGN_IN_FAILED, undefined, { key: 'signInFailed', params: {} }))).toMatch(/^サインインできませんでした/);
    expect(serverText({ message: SIGN_IN_FAILED, wording: { key: 'signInFailed', params: {} } })).toMatch(/^サインインできませんでした/);
    expect(serverText(new Error('boom'))).toBe('boom');
    await i18next.changeLanguage('en');
    expect(serverText(new AppError('unauthorized', SIGN_IN_FAILED, undefined, { key: 'signInFailed', params: {} }))).toBe(SIGN_IN_FAILED);
    await i18next.changeLanguage('ja');
  });
});
