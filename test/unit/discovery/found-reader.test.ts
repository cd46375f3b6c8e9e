import { describe, expect, it } from 'vitest';
import type { DiscoveryResult } from '../../../src-shared/contract/discovery.contract';
import { FoundReader, type FoundReaderDeps } from '../../../src-main/core/discovery/found-reader';
import type { ProbeAnswer } from '../../../src-main/core/discovery/snmp-scan/scan-types';
import type { FoundOutcome } from '../../../src-main/core/inventory/inventory.service';
import type { SnmpTarget } from '../../../src-main/core/snmp/snmp-client';
import { aFailedReading, anIdentity, aReading } from '../../helpers/reading-builders';

/**
 * The found reader's second read: a device that answered the probe but not its full read is
 * read once more when the probes are done; other failures are final at once. A fake inventory
 * answers per address from a script, so every count is exact.
 */

function anAnswer(address: string): ProbeAnswer {
  return { address, port: 161, credentialIndex: 0, sysDescr: 'Printer', sysObjectID: '1.3.6.1.4.1.11', sysName: address, isPrinter: true, via: 'unicast' };
}

/** What each read of an address gives, in order; the last entry repeats. */
type Script = Record<string, Array<'ok' | 'timeout' | 'auth-failed'>>;

function aReader(script: Script, signal = new AbortController().signal) {
  const reads: string[] = [];
  const results: DiscoveryResult[] = [];
  const logs: string[] = [];
  let nextId = 1;
  const ids = new Map<string, number>();
  const inventory: FoundReaderDeps['inventory'] = {
    readFound: async (targets: readonly SnmpTarget[]): Promise<FoundOutcome[]> =>
      targets.map((target) => {
        const steps = script[target.host] ?? ['ok'];
        const step = steps[Math.min(reads.filter((r) => r === target.host).length, steps.length - 1)];
        reads.push(target.host);
        if (step === 'timeout') return { reading: aFailedReading({ code: 'snmp-timeout', message: `no reply from ${target.host}` }, target.host), saved: null };
        if (step === 'auth-failed') return { reading: aFailedReading({ code: 'snmp-auth-failed', message: 'wrong community' }, target.host), saved: null };
        const deviceId = ids.get(target.host) ?? nextId++;
        ids.set(target.host, deviceId);
        return { reading: aReading({ target: target.host, identity: anIdentity({ serial: `SN-${target.host}` }) }), saved: { deviceId, change: 'new', addressChanged: null, mergedIds: [] } };
      }),
  };
  const reader = new FoundReader({
    inventory,
    devices: { listDevices: () => [], setCredentials: () => undefined },
    credentials: [{ version: 'v2c', community: 'public' }],
    timeoutMs: 1000,
    retries: 1,
    concurrency: 16,
    signal,
    onResult: (result) => results.push(result),
    onMethodsAdded: () => undefined,
    log: (line) => logs.push(line),
  });
  return { reader, reads, results, logs };
}

const outcomes = (results: DiscoveryResult[]): Record<string, string> => Object.fromEntries(results.map((r) => [r.address, r.outcome]));

describe('found reader: devices silent to their full read', () => {
  it('reads a device that gave no reply once more when the probes are done, and reports it once', async () => {
    const { reader, reads, results, logs } = aReader({ '10.0.0.2': ['timeout', 'ok'] });
    for (const a of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) reader.add(anAnswer(a), ['addresses']);
    await reader.drained();
    expect(outcomes(results)).toEqual({ '10.0.0.1': 'new', '10.0.0.3': 'new' }); // 10.0.0.2 waits for its second read
    await reader.finish();
    expect(outcomes(results)).toEqual({ '10.0.0.1': 'new', '10.0.0.2': 'new', '10.0.0.3': 'new' });
    expect(results).toHaveLength(3);
    expect(reads.filter((r) => r === '10.0.0.2')).toHaveLength(2);
    expect(reads.filter((r) => r === '10.0.0.1')).toHaveLength(1);
    expect(logs).toEqual(['discovery: reading 1 device(s) again that answered the probe but not their full read']);
  });

  it('reports a device silent to both reads as failed, with the read’s message, and never reads it a third time', async () => {
    const { reader, reads, results } = aReader({ '10.0.0.2': ['timeout'] });
    reader.add(anAnswer('10.0.0.2'), ['addresses']);
    await reader.finish();
    expect(results).toEqual([expect.objectContaining({ address: '10.0.0.2', outcome: 'failed', message: 'no reply from 10.0.0.2' })]);
    expect(reads).toEqual(['10.0.0.2', '10.0.0.2']);
  });

  it('takes any other failure as final at once (a wrong community is not a stalled read)', async () => {
    const { reader, reads, results } = aReader({ '10.0.0.4': ['auth-failed', 'ok'] });
    reader.add(anAnswer('10.0.0.4'), ['addresses']);
    await reader.drained();
    expect(results).toEqual([expect.objectContaining({ address: '10.0.0.4', outcome: 'failed', message: 'wrong community' })]);
    await reader.finish();
    expect(reads).toEqual(['10.0.0.4']);
  });

  it('does not read again once the search is cancelled, and still says what became of the device', async () => {
    const controller = new AbortController();
    const { reader, reads, results } = aReader({ '10.0.0.2': ['timeout', 'ok'] }, controller.signal);
    reader.add(anAnswer('10.0.0.2'), ['addresses']);
    await reader.drained();
    controller.abort();
    await reader.finish();
    expect(reads).toEqual(['10.0.0.2']);
    expect(results).toEqual([expect.objectContaining({ address: '10.0.0.2', outcome: 'failed' })]);
  });
});
