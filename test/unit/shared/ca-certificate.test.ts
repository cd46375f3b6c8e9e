import { describe, expect, it } from 'vitest';
import { caCertificateSchema } from '../../../src-shared/net/ca-certificate';
import { driverStoreSettingsSchema } from '../../../src-shared/plugins/drivers/driver-store';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----';

describe('caCertificateSchema (driver stores and directories)', () => {
  it('takes PEM text (trimmed) and empty, which stands for the authorities Node trusts', () => {
    expect(caCertificateSchema.parse(`  ${PEM}\n`)).toBe(PEM);
    expect(caCertificateSchema.parse(undefined)).toBe('');
  });

  it('refuses text that is not a PEM certificate, saying what to paste', () => {
    const result = caCertificateSchema.safeParse('MIIBszCCAVmgAwIBAgIUQ');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('-----BEGIN CERTIFICATE-----');
  });

  it('is the rule a driver store applies to its CA certificate', () => {
    const store = driverStoreSettingsSchema.safeParse({ name: 'FTP', host: 'ftp.example.com', caCertificate: 'not a certificate' });
    expect(store.success).toBe(false);
    expect(store.error?.issues[0]?.path).toEqual(['caCertificate']);
  });
});
