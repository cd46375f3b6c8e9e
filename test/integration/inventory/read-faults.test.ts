import type * as Dns from 'node:dns/promises';
import { lookup } from 'node:dns/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SnmpSettings } from '../../../src-main/core/inventory/inventory.service';
import type { SnmpTarget } from '../../../src-main/core/snmp/snmp-client';
import type { Simulator } from '../../../src-main/simulator/simulator';
import { answeringDemoFleet, openStack, projectProfiles, startFleet, targetOf, type InventoryStack } from './inventory-rig';

/**
 * Devices that cannot be read give a reading with ok: false and an error a person can act on;
 * the round goes on, one result per device in order, and the store keeps the last good data.
 */

// RFC 6761 reserves ".invalid", but this machine's resolver is not on loopback: answer such
// lookups in-process so that no DNS query leaves the machine. Any other name is a test bug.
vi.mock('node:dns/promises', async (importOriginal) => {
  const real = await importOriginal<typeof Dns>();
  const lookup = vi.fn(async (host: string): Promise<never> => {
    if (!host.endsWith('.invalid')) throw new Error(`the test tried to resolve "${host}"`);
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  });
  return { ...real, lookup, default: { ...real, lookup } };
});

const BASE = '127.43.0.1';
/** Loopback answers at once, so a short timeout only shortens waiting for the devices that never do. */
const FAST: SnmpSettings = { version: 'v2c', community: 'public', timeoutMs: 250, retries: 1 };
const UNRESOLVABLE = 'no-such-host.invalid';

const NAMES = ['good-1', 'silent', 'good-2', 'malformed', 'disappearing', 'never-read-disappearing', 'good-3'] as const;

describe('reading devices that misbehave', () => {
  let simulator: Simulator;
  let stack: InventoryStack;
  const at = (name: (typeof NAMES)[number], settings: SnmpSettings = FAST): SnmpTarget => targetOf(simulator, name, settings);

  beforeAll(async () => {
    const fleet = answeringDemoFleet(NAMES.length, 43).map((spec, i) => ({ ...spec, name: NAMES[i] ?? spec.name }));
    simulator = await startFleet(BASE, fleet);
    simulator.device('silent').setFaults({ silent: true });
    simulator.device('malformed').setFaults({ malformed: true });
    stack = openStack(':memory:', await projectProfiles());
  });

  afterAll(async () => {
    await stack?.close();
    await simulator?.close();
  });

  it('reports a silent device as an snmp-timeout naming its address', async () => {
    const target = at('silent');
    const [outcome] = await stack.service.readTargets([target]);
    expect(outcome?.reading).toMatchObject({ ok: false, error: { code: 'snmp-timeout' }, status: { state: 'offline' } });
    expect(outcome?.reading.error?.message).toContain(`${target.host}:${target.port}`);
  });

  it('reports a wrong community as an snmp-timeout (agents do not answer it)', async () => {
    const target = at('good-1', { ...FAST, community: 'not-the-community' });
    const [outcome] = await stack.service.readTargets([target]);
    expect(outcome?.reading).toMatchObject({ ok: false, error: { code: 'snmp-timeout' } });
    expect(outcome?.reading.error?.message).toMatch(/community/);
  });

  it('reports replies that are not SNMP as snmp-malformed, naming the address', async () => {
    const target = at('malformed');
    const [outcome] = await stack.service.readTargets([target]);
    expect(outcome?.reading).toMatchObject({ ok: false, error: { code: 'snmp-malformed' } });
    expect(outcome?.reading.error?.message).toContain(`malformed reply from ${target.host}:${target.port}`);
  });

  it(`reports a host name that does not resolve (${UNRESOLVABLE}) as name-not-resolved`, async () => {
    const [outcome] = await stack.service.readTargets([{ ...FAST, host: UNRESOLVABLE, port: 1161 }]);
    expect(outcome?.reading).toMatchObject({ ok: false, error: { code: 'name-not-resolved' } });
    expect(outcome?.reading.error?.message).toContain(UNRESOLVABLE);
    expect(lookup).toHaveBeenCalledWith(UNRESOLVABLE);
  });

  it('fails a full read when the device vanishes mid-read, and the store keeps its last good data with the error', async () => {
    const target = at('disappearing');
    const [good] = await stack.service.readTargets([target]);
    expect(good?.reading.ok).toBe(true);
    const id = good?.saved.deviceId ?? -1;
    const before = stack.devices.getDevice(id);

    simulator.device('disappearing').setFaults({ disappearAfterRequests: 3 });
    const [failed] = await stack.service.readTargets([target]);

    expect(failed?.reading).toMatchObject({ ok: false, error: { code: 'snmp-timeout' } });
    expect(failed?.saved.deviceId).toBe(id);
    const after = stack.devices.getDevice(id);
    expect(after?.lastError).toEqual(failed?.reading.error);
    expect(after?.lastAttempt).toBeGreaterThan(before?.lastAttempt ?? Infinity);
    // Everything the last good reading said is still there.
    const kept = (d: typeof after) => d && { identity: d.identity, state: d.state, message: d.message, supplies: d.supplies, trays: d.trays, counters: d.counters, alerts: d.alerts, lastSeen: d.lastSeen };
    expect(kept(after)).toEqual(kept(before));
    expect(after?.supplies.length).toBeGreaterThan(0);
  });

  it('keeps the last good data through failed routine polls and clears the error once the device answers again', async () => {
    const device = stack.devices.listDevices().find((d) => d.address === at('disappearing').host);
    const id = device?.id ?? -1;
    const [failed] = await stack.service.pollStored(FAST, { ids: [id] });
    expect(failed?.reading).toMatchObject({ ok: false, error: { code: 'snmp-timeout' } });
    expect(stack.devices.getDevice(id)?.supplies).toEqual(device?.supplies.map((s) => expect.objectContaining(s)));

    simulator.device('disappearing').setFaults({ disappearAfterRequests: null });
    const [recovered] = await stack.service.pollStored(FAST, { ids: [id] });
    expect(recovered?.reading.ok).toBe(true);
    expect(stack.devices.getDevice(id)).toMatchObject({ lastError: null, state: device?.state, message: device?.message });
  });

  it('records a device that vanishes during its first read as an address with the error', async () => {
    simulator.device('never-read-disappearing').setFaults({ disappearAfterRequests: 3 });
    const target = at('never-read-disappearing');
    const [outcome] = await stack.service.readTargets([target]);
    expect(outcome?.reading).toMatchObject({ ok: false, error: { code: 'snmp-timeout' } });
    expect(outcome?.saved.change).toBe('new');
    expect(stack.devices.getDevice(outcome?.saved.deviceId ?? -1)).toMatchObject({
      address: target.host,
      port: target.port,
      source: 'added',
      lastSeen: null,
      lastError: outcome?.reading.error,
      supplies: [],
    });
  });

  it('reads a mixed round of good and bad devices into one result per device, in order', async () => {
    const targets: SnmpTarget[] = [
      at('good-1'),
      at('silent'),
      { ...FAST, host: UNRESOLVABLE, port: 1161 },
      at('good-2'),
      at('good-3', { ...FAST, community: 'not-the-community' }),
      at('malformed'),
      at('good-3'),
    ];
    const outcomes = await stack.service.readTargets(targets, { concurrency: 3 });
    expect(outcomes.map((o) => ({ target: o.reading.target, ok: o.reading.ok, code: o.reading.error?.code ?? null }))).toEqual([
      { target: `${targets[0]?.host}:${targets[0]?.port}`, ok: true, code: null },
      { target: `${targets[1]?.host}:${targets[1]?.port}`, ok: false, code: 'snmp-timeout' },
      { target: `${UNRESOLVABLE}:1161`, ok: false, code: 'name-not-resolved' },
      { target: `${targets[3]?.host}:${targets[3]?.port}`, ok: true, code: null },
      { target: `${targets[4]?.host}:${targets[4]?.port}`, ok: false, code: 'snmp-timeout' },
      { target: `${targets[5]?.host}:${targets[5]?.port}`, ok: false, code: 'snmp-malformed' },
      { target: `${targets[6]?.host}:${targets[6]?.port}`, ok: true, code: null },
    ]);
    expect(outcomes.filter((o) => !o.reading.ok).every((o) => o.reading.error !== null && o.reading.error.message.length > 0)).toBe(true);
  });
});
