import { describe, expect, it } from 'vitest';
import { auditTargets, MASK, maskedDetail } from '../../../src-main/core/audit/audit-detail';
import { neutraliseCell, restoreCell } from '../../../src-shared/csv/csv-cell';

describe('what the system log keeps of an argument', () => {
  it('masks secrets wherever they sit, by key, and keeps an unset one visible as unset', () => {
    const detail = maskedDetail({
      smtp: { host: 'smtp.example.test', password: 'p@ss', user: 'u' },
      pop: { password: '' },
      request: { options: { credentials: [{ version: 'v2c', community: 'private' }, { version: 'v3', user: 'ops', authKey: 'a-key', privKey: 'p-key' }] } },
      communities: ['public', 'secret'],
      token: null,
    });
    expect(detail).toEqual({
      smtp: { host: 'smtp.example.test', password: MASK, user: 'u' },
      pop: { password: '' },
      request: { options: { credentials: [{ version: 'v2c', community: MASK }, { version: 'v3', user: 'ops', authKey: MASK, privKey: MASK }] } },
      communities: MASK,
      token: null,
    });
  });

  it('masks keys of every kind (an SSH private key, an API key) and passphrases, not only passwords', () => {
    const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
    expect(maskedDetail({ login: { name: 'Lab', user: 'root', privateKey: key, passphrase: 'pp', apiKey: 'k', clientSecret: 's', refreshToken: 't' } })).toEqual({
      login: { name: 'Lab', user: 'root', privateKey: MASK, passphrase: MASK, apiKey: MASK, clientSecret: MASK, refreshToken: MASK },
    });
  });

  it('shortens long texts and long lists, so an import is logged by its size', () => {
    const csv = 'address\n'.repeat(10_000);
    expect(maskedDetail({ csv })).toEqual({ csv: `${csv.slice(0, 200)}… (80000 characters)` });
    const ids = Array.from({ length: 120 }, (_, i) => i + 1);
    expect((maskedDetail({ ids }) as { ids: unknown[] }).ids).toHaveLength(51);
  });

  it('names the targets by the service and the key', () => {
    expect(auditTargets('devices.remove', { ids: [3, 4] })).toEqual(['device 3', 'device 4']);
    expect(auditTargets('groups.addDevices', { id: 2, deviceIds: [7] })).toEqual(['group 2', 'device 7']);
    expect(auditTargets('accounts.resetPassword', { id: 5, password: 'x' })).toEqual(['user 5']);
    expect(auditTargets('accounts.revokeToken', { id: 9 })).toEqual(['token 9']);
    expect(auditTargets('accounts.updateGroup', { id: 4, name: 'Desk' })).toEqual(['group 4', 'name Desk']);
    expect(auditTargets('tasks.cancel', { executionId: 12 })).toEqual(['execution 12']);
    expect(auditTargets('devices.add', { address: '10.0.0.5' })).toEqual(['address 10.0.0.5']);
    expect(auditTargets('system.setMonitoring', 'garbage')).toEqual([]);
  });
});

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1', `'+1`],
    ['-2', `'-2`],
    ['@SUM(1+1)', `'@SUM(1+1)`],
    ['\t=cmd', `'\t=cmd`],
    ['\r=cmd', `'\r=cmd`],
    ['Front desk', 'Front desk'],
    ['10.0.0.5', '10.0.0.5'],
    ['', ''],
    [`'=x`, `''=x`],
    [`'quoted'`, `'quoted'`],
  ])('%j is written as %j and read back as it was', (cell, written) => {
    expect(neutraliseCell(cell)).toBe(written);
    expect(restoreCell(written)).toBe(cell);
  });
});
