import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { AddressFileError } from '../../../src-shared/net/address-targets';
import { AppError } from '../../../src-shared/rpc/app-error';
import { initialDiscoveryForm, newCredential, type DiscoveryForm } from '../../../src-renderer/features/discovery/discovery-form';
import { problemText } from '../../../src-renderer/features/discovery/discovery-texts';
import { buildDiscoveryRequest, problemsOfError, visibleProblems, type FieldProblems } from '../../../src-renderer/features/discovery/discovery-validation';
import { en } from '../../../src-renderer/i18n/en';
import { ja } from '../../../src-renderer/i18n/ja';

const t = i18next.createInstance();
beforeAll(async () => {
  await t.init({ resources: { en: { translation: en }, ja: { translation: ja } }, lng: 'en', interpolation: { escapeValue: false }, initAsync: false });
});

function problemsOf(change: Partial<DiscoveryForm>): FieldProblems {
  const built = buildDiscoveryRequest({ ...initialDiscoveryForm(), addresses: '10.0.0.1', ...change });
  if (built.ok) throw new Error('the form was accepted');
  return built.problems;
}

/** Each field's message in English, as the wizard shows it. */
function messages(problems: FieldProblems): Record<string, string | null> {
  return Object.fromEntries(Object.entries(problems).map(([field, problem]) => [field, problemText(t.t, problem)]));
}

describe('wizard validation messages', () => {
  it('asks for a method when none is chosen', () => {
    const problems = problemsOf({ enabled: { addresses: false, addressFile: false, names: false, broadcast: false, slp: false, mdns: false } });
    expect(messages(problems)).toEqual({ methods: 'Choose at least one method.' });
  });

  it('asks for the addresses, a file and names of chosen methods', () => {
    const problems = problemsOf({ addresses: '  ', names: '', enabled: { addresses: true, addressFile: true, names: true, broadcast: false, slp: false, mdns: false } });
    expect(messages(problems)).toEqual({ addresses: 'Required.', addressFile: 'Choose a CSV file.', names: 'Required.' });
  });

  it('names the bounds of numbers out of range, and whole numbers', () => {
    const problems = problemsOf({ port: 0, retries: 9, ratePerSecond: 2.5, timeoutMs: Number.NaN, slpTtl: 300, enabled: { addresses: true, addressFile: false, names: false, broadcast: false, slp: true, mdns: false } });
    expect(messages(problems)).toEqual({ port: 'At least 1.', retries: 'At most 5.', ratePerSecond: 'Enter a whole number.', timeoutMs: 'Enter a number.', slpTtl: 'At most 255.' });
  });

  it('puts credential problems under the set and field concerned', () => {
    const problems = problemsOf({ credentials: [newCredential(), newCredential({ version: 'v1', community: '' }), newCredential({ version: 'v3', user: '', level: 'authNoPriv', authKey: 'short' })] });
    expect(messages(problems)).toEqual({ 'credentials.1.community': 'Required.', 'credentials.2.user': 'Required.', 'credentials.2.authKey': 'At least 8 characters.' });
  });

  it('words the same problems in Japanese', async () => {
    await t.changeLanguage('ja');
    try {
      expect(messages(problemsOf({ port: 70000 }))).toEqual({ port: '65535 以下にしてください。' });
    } finally {
      await t.changeLanguage('en');
    }
  });

  it('keeps "fill this in" quiet until a run was tried, but shows what was typed wrong at once', () => {
    const problems = problemsOf({ addresses: '', port: 0 });
    expect(Object.keys(visibleProblems(problems, false))).toEqual(['port']);
    expect(Object.keys(visibleProblems(problems, true)).sort()).toEqual(['addresses', 'port']);
  });
});

describe('a refused check or start, placed under its field', () => {
  const kinds = ['addresses', 'addressFile'] as const;

  it('shows a CSV file\'s line-numbered message under the file field', () => {
    const error = new AddressFileError('printers.csv', [{ line: 3, text: '10.0.0.x', message: '10.0.0.x: not an address, a range, a network or a host name' }]);
    const problems = problemsOfError(AppError.fromData(error.toData()), kinds);
    expect(messages(problems)).toEqual({ addressFile: 'printers.csv: 1 bad line\nline 3: 10.0.0.x: not an address, a range, a network or a host name' });
  });

  it('shows "method N (…)" under that method\'s field without the prefix', () => {
    const problems = problemsOfError(new AppError('invalid-argument', 'method 1 (addresses): 10.0.0.300: octet 300 is outside 0–255'), kinds);
    expect(messages(problems)).toEqual({ addresses: '10.0.0.300: octet 300 is outside 0–255' });
  });

  it('shows exclusion problems under the exclusions', () => {
    expect(messages(problemsOfError(new AppError('invalid-argument', 'exclusions: x: not an address'), kinds))).toEqual({ exclusions: 'x: not an address' });
  });

  it('places the router\'s schema issues by their path', () => {
    const error = new AppError('invalid-argument', 'discovery.start: …', { issues: ['request.options.port: Too big', 'request.methods.1.fileName: Too small'] });
    expect(messages(problemsOfError(error, kinds))).toEqual({ port: 'Too big', addressFile: 'Too small' });
  });

  it('shows everything else (a search already running, a lost connection) beside the Run button', () => {
    expect(messages(problemsOfError(new AppError('conflict', 'a search is already running (search 4)'), kinds))).toEqual({ general: 'a search is already running (search 4)' });
    expect(messages(problemsOfError('socket closed', kinds))).toEqual({ general: 'socket closed' });
  });
});
