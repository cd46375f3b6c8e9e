import { describe, expect, it } from 'vitest';
import { discoveryRequestSchema } from '../../../src-shared/contract/discovery.contract';
import { maskRequest } from '../../../src-main/core/discovery/discovery-plan';
import { MASK, runSettingLines } from '../../../src-renderer/features/discovery/run-settings';

describe('runSettingLines: what a past search ran with, as the history shows it', () => {
  const request = discoveryRequestSchema.parse({
    methods: [
      { kind: 'addresses', spec: '127.20.0.1-127.20.0.200' },
      { kind: 'names', names: ['prn-1', 'prn-2'] },
    ],
    options: {
      port: 1161,
      ratePerSecond: 500,
      exclusions: '127.20.0.9',
      credentials: [
        { version: 'v2c', community: 's3cret-community' },
        { version: 'v3', user: 'admin', level: 'authPriv', authProtocol: 'sha', authKey: 'auth-pass-123', privProtocol: 'aes', privKey: 'priv-pass-456' },
      ],
    },
  });

  it('lists methods, credential sets and options from the stored (masked) request', () => {
    const lines = runSettingLines(maskRequest(request));
    expect(lines.map((l) => `${l.label}${l.method ? `/${l.method}` : ''}${l.version ? `/${l.version}` : ''}=${l.value}`)).toEqual([
      'method/addresses=127.20.0.1-127.20.0.200',
      'method/names=prn-1, prn-2',
      `credential/v2c=${MASK}`,
      'credential/v3=admin · authPriv',
      'port=1161',
      'timeoutMs=1000',
      'retries=1',
      'ratePerSecond=500',
      'concurrency=64',
      'printersOnly=yes',
      'exclusions=127.20.0.9',
    ]);
  });

  it('never shows a community or key, even from a request stored unmasked', () => {
    const text = JSON.stringify(runSettingLines(request));
    for (const secret of ['s3cret-community', 'auth-pass-123', 'priv-pass-456']) expect(text).not.toContain(secret);
  });

  it('an unreadable request gives no lines rather than an error', () => {
    expect(runSettingLines(null)).toEqual([]);
    expect(runSettingLines('x')).toEqual([]);
    expect(runSettingLines({ methods: 'x', options: 3 })).toEqual([]);
  });
});
