import { describe, expect, it } from 'vitest';
import { associationInputSchema, queueUri, type IppCheck } from '../../../../src-shared/plugins/drivers/association';
import type { DriverSet } from '../../../../src-shared/plugins/drivers/driver-set';
import { proposalsFor, queueNameFor } from '../../../../src-main/plugins/drivers/associations.service';

const base = { storeId: null, folder: null, files: 0, bytes: 0, manifestSha256: null, createdAt: 0, createdBy: null, description: '', version: '', entryFile: null };
const sets: DriverSet[] = [
  { ...base, id: 1, name: 'Vendor PCL6', os: 'windows', arch: 'x64', kind: 'inf', driverName: 'Printdeck Laser 5000 PCL6', models: ['Printdeck Laser 5000 PCL6'], storeId: 1, folder: 'sets/x', files: 2, bytes: 9 },
  { ...base, id: 2, name: 'Everywhere', os: 'linux', arch: 'any', kind: 'driverless', driverName: 'everywhere', models: [] },
  { ...base, id: 3, name: 'Other model', os: 'linux', arch: 'any', kind: 'ppd', driverName: 'Acme 1', models: ['Acme 1'], storeId: 1, folder: 'sets/y' },
];
const check = (ready: boolean): IppCheck => ({ deviceId: 1, checkedAt: 1, ready, uri: 'ipp://10.0.0.5:631/ipp/print', ippVersions: [], documentFormats: [], features: [], makeAndModel: null, reason: ready ? null : 'not IPP Everywhere: IPP 1.1' });

describe('associations', () => {
  it('defaults to black-and-white, one-sided, the printer\'s paper, IPP on its usual port', () => {
    expect(associationInputSchema.parse({ name: 'A', deviceId: 1, setId: 1, queueName: 'Q' })).toMatchObject({ protocol: 'ipp', port: null, defaults: { color: 'monochrome', duplex: 'one-sided', paperSize: null } });
    expect(associationInputSchema.safeParse({ name: 'A', deviceId: 1, setId: 1, queueName: 'Floor 3/#1' }).error?.issues[0]?.message).toContain('CUPS refuses spaces');
  });

  it('makes the URI of each protocol, IPv6 in brackets', () => {
    expect(queueUri('10.0.0.5', { protocol: 'ipp', port: null, resource: '' })).toBe('ipp://10.0.0.5:631/ipp/print');
    expect(queueUri('10.0.0.5', { protocol: 'ipps', port: 8443, resource: '/ipp/secure' })).toBe('ipps://10.0.0.5:8443/ipp/secure');
    expect(queueUri('fe80::1', { protocol: 'raw', port: null, resource: '' })).toBe('socket://[fe80::1]:9100');
    expect(queueUri('printer.example.com', { protocol: 'lpd', port: null, resource: 'PASSTHRU' })).toBe('lpd://printer.example.com:515/PASSTHRU');
  });

  it('proposes driverless first for a ready device, vendor sets of its model first otherwise', () => {
    const device = { label: 'Floor 3 / Laser', model: 'Laser 5000' };
    expect(proposalsFor(device, check(true), sets).map((p) => [p.setId, p.protocol])).toEqual([
      [2, 'ipp'],
      [1, 'ipp'],
    ]);
    const notReady = proposalsFor(device, check(false), sets);
    expect(notReady.map((p) => [p.setId, p.protocol])).toEqual([
      [1, 'raw'],
      [2, 'ipp'],
    ]);
    expect(notReady[1]?.reason).toBe('driverless, but the device is not IPP Everywhere: IPP 1.1');
    expect(proposalsFor(device, null, sets).at(-1)?.reason).toContain('not checked for IPP Everywhere yet');
    expect(queueNameFor('Floor 3 / Laser')).toBe('Floor-3-Laser');
    expect(queueNameFor('///')).toBe('Printer');
  });
});
