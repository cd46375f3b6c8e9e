import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';
import { createSnmpClient } from '../../../src-main/core/snmp/create-snmp-client';
import type { SnmpClient, SnmpTarget } from '../../../src-main/core/snmp/snmp-client';
import { startSimulator, type SimFaults, type Simulator } from '../../../src-main/simulator/simulator';

/** Devices that fail the way real ones do: silence, loss, garbage, vanishing mid-walk. */

const SYS_DESCR = '1.3.6.1.2.1.1.1.0';
const ALERT_DESCRIPTION = '1.3.6.1.2.1.43.18.1.1.8';

/** A device with a 200-row alert description column, long enough to need many bulk rounds. */
function deviceData(): VarBind[] {
  const rows: VarBind[] = [{ oid: SYS_DESCR, value: { type: 'OctetString', value: Buffer.from('Faulty printer') } }];
  for (let i = 1; i <= 200; i++) rows.push({ oid: `${ALERT_DESCRIPTION}.1.${i}`, value: { type: 'OctetString', value: Buffer.from(`alert ${i}`) } });
  return rows;
}

const NAMES = ['silent', 'lossy', 'garbage', 'truncating', 'confused', 'vanishing', 'slow'] as const;
type Name = (typeof NAMES)[number];

let simulator: Simulator;
let client: SnmpClient;
const targets = {} as Record<Name, SnmpTarget>;

beforeAll(async () => {
  simulator = await startSimulator({
    baseAddress: '127.32.0.1',
    port: 0,
    seed: 7,
    devices: NAMES.map((name) => ({ name, varbinds: deviceData() })),
  });
  for (const d of simulator.devices) targets[d.name as Name] = { host: d.address, port: d.port, version: 'v2c', timeoutMs: 150, retries: 1 };
});

afterAll(async () => {
  await simulator?.close();
});

afterEach(async () => {
  await client?.close();
});

function faults(name: Name, f: Partial<SimFaults>): SnmpTarget {
  simulator.device(name).setFaults(f);
  client = createSnmpClient();
  return targets[name];
}

describe('net-snmp client against faulty simulated devices', () => {
  it('a silent device times out, with a message naming host:port, after timeout × attempts', async () => {
    const target = faults('silent', { silent: true });
    const started = performance.now();
    const failure = client.get(target, [SYS_DESCR]);
    await expect(failure).rejects.toMatchObject({ code: 'snmp-timeout', message: expect.stringContaining(`${target.host}:${target.port}`) });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1000);
    expect(client.stats()).toMatchObject({ timeouts: 1, requests: 1 });
  });

  it('5 % loss is absorbed by retries: 400 GETs all succeed', async () => {
    const target = { ...faults('lossy', { dropPercent: 5 }), retries: 3, timeoutMs: 100 };
    const before = simulator.stats().dropped;
    const results = await Promise.allSettled(Array.from({ length: 400 }, () => client.get(target, [SYS_DESCR])));
    const dropped = simulator.stats().dropped - before;
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(dropped).toBeGreaterThan(5); // the loss really happened
    expect(client.stats().timeouts).toBe(0);
  });

  it('garbage replies are snmp-malformed, not a timeout', async () => {
    const target = faults('garbage', { malformed: true });
    await expect(client.get(target, [SYS_DESCR])).rejects.toMatchObject({ code: 'snmp-malformed', message: expect.stringContaining(target.host) });
  });

  it('truncated replies are snmp-malformed', async () => {
    const target = faults('truncating', { truncate: true });
    await expect(client.walk(target, ALERT_DESCRIPTION)).rejects.toMatchObject({ code: 'snmp-malformed' });
  });

  it('replies with a wrong request id are ignored (snmp-timeout)', async () => {
    const target = faults('confused', { wrongRequestId: true });
    await expect(client.get(target, [SYS_DESCR])).rejects.toMatchObject({ code: 'snmp-timeout' });
  });

  it('a device that disappears mid-walk fails the walk with snmp-timeout', async () => {
    const target = faults('vanishing', { disappearAfterRequests: 3 });
    const before = client.stats().requests;
    await expect(client.walk(target, ALERT_DESCRIPTION, { maxRepetitions: 10 })).rejects.toMatchObject({ code: 'snmp-timeout' });
    expect(client.stats().requests - before).toBe(4); // three answered rounds, the fourth unanswered
  });

  it('a reply slower than the timeout is still accepted from the retry window', async () => {
    const target = { ...faults('slow', { delayMs: 120 }), timeoutMs: 100, retries: 2 };
    const [vb] = await client.get(target, [SYS_DESCR]);
    expect(Buffer.from(vb?.value.value as Uint8Array).toString()).toBe('Faulty printer');
  });
});
