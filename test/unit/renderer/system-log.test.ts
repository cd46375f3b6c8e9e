import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionLabel } from '../../../src-renderer/features/system-log/action-label';
import { auditFilterOf, detailText, EMPTY_AUDIT_FILTER, isFiltered, utcText } from '../../../src-renderer/features/system-log/audit-filter';
import { en } from '../../../src-renderer/i18n/en';
import { ja } from '../../../src-renderer/i18n/ja';
import { appContract } from '../../../src-shared/contract/app.contract';
import { wireNames } from '../../../src-shared/rpc/contract-builder';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { en: { translation: en }, ja: { translation: ja } }, lng: 'en', interpolation: { escapeValue: false }, initAsync: false });
});

describe('the system log filter', () => {
  it('sends only what is filled in, the "to" minute included', () => {
    expect(auditFilterOf(EMPTY_AUDIT_FILTER)).toEqual({ ok: true, filter: {} });
    const from = new Date(2026, 2, 1, 8, 30).getTime();
    const to = new Date(2026, 2, 1, 9, 0).getTime();
    expect(auditFilterOf({ from: '2026-03-01T08:30', to: '2026-03-01T09:00', user: ' alice ', action: 'devices.', outcome: 'refused', text: ' remove ' })).toEqual({
      ok: true,
      filter: { from, to: to + 59_999, user: 'alice', action: 'devices.', outcome: 'refused', text: 'remove' },
    });
  });

  it('names the field that is wrong: a date that is none, or "to" before "from"', () => {
    expect(auditFilterOf({ ...EMPTY_AUDIT_FILTER, from: '2026-02-31T08:00' })).toEqual({ ok: false, problem: 'from' });
    expect(auditFilterOf({ ...EMPTY_AUDIT_FILTER, to: 'tomorrow' })).toEqual({ ok: false, problem: 'to' });
    expect(auditFilterOf({ ...EMPTY_AUDIT_FILTER, from: '2026-03-02T00:00', to: '2026-03-01T00:00' })).toEqual({ ok: false, problem: 'order' });
  });

  it('knows when it narrows the log', () => {
    expect(isFiltered(EMPTY_AUDIT_FILTER)).toBe(false);
    expect(isFiltered({ ...EMPTY_AUDIT_FILTER, outcome: 'failed' })).toBe(true);
  });
});

describe('a system log row', () => {
  it('shows the stored UTC time in its tooltip and the detail as indented JSON', () => {
    expect(utcText(Date.UTC(2026, 0, 2, 3, 4, 5, 600))).toBe('2026-01-02 03:04:05 UTC');
    expect(detailText({ ids: [1, 2] })).toBe('{\n  "ids": [\n    1,\n    2\n  ]\n}');
    expect(detailText({})).toBeNull();
    expect(detailText(null)).toBeNull();
  });

  it('names the actions of accounts, the log, sign-ins and devices in words, in both languages, and falls back to the method', () => {
    // What issue 9's log shows most; other services' methods may grow faster than their names here (they fall back).
    const events = ['auth.signInLink', 'auth.sessionExpired', 'api.connect', 'accounts.createUser', 'accounts.createGroup', 'accounts.updateUser', 'accounts.resetPassword', 'devices.remove', 'devices.add', 'tasks.create'];
    const core = wireNames(appContract).filter((action) => action.startsWith('auth.') || action.startsWith('audit.'));
    const unnamed = [...core, ...events].filter((action) => actionLabel(i18n.t, action) === action);
    expect(unnamed).toEqual([]);
    expect(actionLabel(i18n.t, 'devices.remove')).toBe('Remove devices');
    expect(actionLabel(i18n.getFixedT('ja'), 'devices.remove')).toBe('デバイスの削除');
    expect(actionLabel(i18n.t, 'address-book.sync')).toBe('address-book.sync');
    expect(actionLabel(i18n.t, 'devices.toString')).toBe('devices.toString');
    expect(actionLabel(i18n.t, 'odd')).toBe('odd');
  });
});
