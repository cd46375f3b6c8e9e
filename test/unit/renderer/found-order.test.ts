import { describe, expect, it } from 'vitest';
import type { DiscoveryOutcome, DiscoveryResult } from '../../../src-shared/contract/discovery.contract';
import { orderFound } from '../../../src-renderer/features/discovery/found-order';

function result(address: string, outcome: DiscoveryOutcome): DiscoveryResult {
  return { deviceId: null, address, port: 161, outcome, methods: ['addresses'], previousAddress: null, label: address, message: null };
}

describe('orderFound: the progress panel\'s found list', () => {
  const found = [result('10.0.0.1', 'unchanged'), result('10.0.0.2', 'unchanged'), result('10.0.0.9', 'new'), result('10.0.0.3', 'lost'), result('10.0.0.8', 'new'), result('10.0.0.4', 'updated'), result('10.0.0.5', 'failed'), result('10.0.0.6', 'skipped')];

  it('lists new devices first, then updated, lost, failed, skipped, unchanged; arrival order within', () => {
    expect(orderFound(found, null).map((r) => `${r.outcome} ${r.address}`)).toEqual([
      'new 10.0.0.9',
      'new 10.0.0.8',
      'updated 10.0.0.4',
      'lost 10.0.0.3',
      'failed 10.0.0.5',
      'skipped 10.0.0.6',
      'unchanged 10.0.0.1',
      'unchanged 10.0.0.2',
    ]);
    expect(found[0]?.outcome).toBe('unchanged'); // the live list itself is left alone
  });

  it('a pressed tile lists its outcome only', () => {
    expect(orderFound(found, 'unchanged').map((r) => r.address)).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(orderFound(found, 'lost').map((r) => r.address)).toEqual(['10.0.0.3']);
    expect(orderFound(found, 'skipped')).toHaveLength(1);
  });
});
