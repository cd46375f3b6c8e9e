import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceSummary } from '../../../src-main/core/store/device-views';
import type { SimulatedDeviceSpec, Simulator } from '../../../src-main/simulator/simulator';
import { answeringDemoFleet, measure, openStack, projectProfiles, startFleet, targetOf, V2C, type InventoryStack } from './inventory-rig';

/**
 * A printer is its serial and MAC; the address is a hint. The same printer answering at a new
 * address (DHCP gave it another lease) stays one device that remembers where it was.
 */

const BASE = '127.42.0.1';
/** The swap needs the simulator restarted on the same endpoints: fixed addresses and port. */
const SWAP_ADDRESSES = ['127.42.1.1', '127.42.1.2'] as const;
const SWAP_PORT = 1161;
const REPLACED_ADDRESS = '127.42.2.1';
const BEFORE = 'printer-before-move';
const AFTER = 'printer-after-move';
const CLONE_BASE = '127.42.3.1';
/** Fixed endpoints: the last case restarts the simulator with another printer at one of them. */
const CLONE_ADDRESSES = { original: '127.42.3.1', clone: '127.42.3.2', other: '127.42.3.3' } as const;
const CLONE_PORT = 1162;
const ORIGINAL = 'printer-original';
const CLONE = 'printer-with-copied-identity';
const OTHER = 'printer-polled-where-the-clone-now-is';

describe('a device that moved to another address', () => {
  let simulator: Simulator;
  let stack: InventoryStack;

  beforeAll(async () => {
    const [template] = answeringDemoFleet(1, 42);
    if (!template) throw new Error('empty demo fleet');
    // The same varbinds (serial, MAC, everything) at two addresses: the printer before and after the move.
    simulator = await startFleet(BASE, [
      { name: BEFORE, varbinds: template.varbinds },
      { name: AFTER, varbinds: template.varbinds, faults: { silent: true } },
    ]);
    stack = openStack(':memory:', await projectProfiles());
  });

  afterAll(async () => {
    await stack?.close();
    await simulator?.close();
  });

  it('stays one device with the same id, reports the address change and keeps the old address', async () => {
    const old = targetOf(simulator, BEFORE);
    const moved = targetOf(simulator, AFTER);
    const [first] = await stack.service.readTargets([old]);
    expect(first?.reading.ok).toBe(true);
    expect(first?.saved.change).toBe('new');
    const id = first?.saved.deviceId;

    simulator.device(BEFORE).setFaults({ silent: true });
    simulator.device(AFTER).setFaults({ silent: false });
    const outcomes = await stack.service.readTargets([moved]);

    expect(outcomes).toHaveLength(1);
    const [second] = outcomes;
    expect(second?.reading.ok).toBe(true);
    expect(second?.reading.identity.serial).toBe(first?.reading.identity.serial);
    expect(second?.saved).toMatchObject({ deviceId: id, change: 'updated', mergedIds: [] });
    expect(second?.saved.addressChanged).toEqual({ from: `${old.host}:${old.port}`, to: `${moved.host}:${moved.port}` });

    expect(stack.devices.listDevices().map((d) => ({ id: d.id, address: d.address, port: d.port }))).toEqual([
      { id, address: moved.host, port: moved.port },
    ]);
    expect(stack.devices.getDevice(id ?? -1)?.pastAddresses).toEqual([expect.objectContaining({ address: old.host, port: old.port })]);
  });

  it('polls the device at its new address afterwards, still with routine requests', async () => {
    const { value, traffic } = await measure(stack.client, () => stack.service.pollStored(V2C));
    expect(value.map((o) => ({ target: o.reading.target, ok: o.reading.ok }))).toEqual([
      { target: `${targetOf(simulator, AFTER).host}:${targetOf(simulator, AFTER).port}`, ok: true },
    ]);
    expect(value[0]?.saved.change).toBe('unchanged');
    expect(traffic.requests).toBeLessThanOrEqual(3);
  });
});

describe('two printers that swapped addresses between polls', () => {
  let stack: InventoryStack;
  let simulator: Simulator | undefined;
  const [first, second] = answeringDemoFleet(2, 43) as [SimulatedDeviceSpec, SimulatedDeviceSpec];
  const at = (spec: SimulatedDeviceSpec, address: string): SimulatedDeviceSpec => ({ ...spec, address, port: SWAP_PORT });
  const [one, two] = SWAP_ADDRESSES;

  beforeAll(async () => {
    stack = openStack(':memory:', await projectProfiles());
  });

  afterAll(async () => {
    await stack?.close();
    await simulator?.close();
  });

  const view = (d: DeviceSummary) => ({ id: d.id, serial: d.identity.serial, address: d.address, supplies: d.supplies, state: d.state, message: d.message });

  it('keeps each printer\'s readings on its own record: a routine poll notices the other printer and reads it in full', async () => {
    simulator = await startFleet(BASE, [at(first, one), at(second, two)]);
    const before = await stack.service.readTargets(SWAP_ADDRESSES.map((host) => ({ ...V2C, host, port: SWAP_PORT })));
    expect(before.map((o) => o.reading.ok)).toEqual([true, true]);
    const [firstId, secondId] = before.map((o) => o.saved.deviceId);
    const stored = stack.devices.listDevices().map(view);
    await simulator.close();

    // DHCP hands each printer the other's lease.
    simulator = await startFleet(BASE, [at(second, one), at(first, two)]);
    const outcomes = await stack.service.pollStored(V2C);

    expect(outcomes.map((o) => ({ ok: o.reading.ok, deviceId: o.saved.deviceId, addressChanged: o.saved.addressChanged }))).toEqual([
      { ok: true, deviceId: secondId, addressChanged: { from: `${two}:${SWAP_PORT}`, to: `${one}:${SWAP_PORT}` } },
      { ok: true, deviceId: firstId, addressChanged: { from: `${one}:${SWAP_PORT}`, to: `${two}:${SWAP_PORT}` } },
    ]);
    // The same records with their own serials, supplies and status; only the addresses swapped.
    expect(stack.devices.listDevices().map(view)).toEqual(stored.map((d) => ({ ...d, address: d.address === one ? two : one })));
  });

  it('goes back to routine polls once the swapped printers are relearned', async () => {
    const { value, traffic } = await measure(stack.client, () => stack.service.pollStored(V2C));
    expect(value.map((o) => o.saved.change)).toEqual(['unchanged', 'unchanged']);
    expect(traffic.requests).toBeLessThanOrEqual(3 * 2);
  });
});

describe('a printer replaced by another at the same address', () => {
  let stack: InventoryStack;
  let simulator: Simulator | undefined;
  const [old, replacement] = answeringDemoFleet(2, 44).map((spec): SimulatedDeviceSpec => ({ ...spec, address: REPLACED_ADDRESS, port: SWAP_PORT }));

  beforeAll(async () => {
    stack = openStack(':memory:', await projectProfiles());
  });

  afterAll(async () => {
    await stack?.close();
    await simulator?.close();
  });

  it('becomes a new device whose learned layout and profile are stored, while the old record keeps its data', async () => {
    if (!old || !replacement) throw new Error('demo fleet too small');
    simulator = await startFleet(BASE, [old]);
    const [before] = await stack.service.readTargets([{ ...V2C, host: REPLACED_ADDRESS, port: SWAP_PORT }]);
    const oldId = before?.saved.deviceId ?? -1;
    await simulator.close();
    simulator = await startFleet(BASE, [replacement]);

    const [outcome] = await stack.service.pollStored(V2C);

    expect(outcome?.reading.ok).toBe(true);
    expect(outcome?.saved.change).toBe('new');
    const newId = outcome?.saved.deviceId ?? -1;
    expect(newId).not.toBe(oldId);
    expect(outcome?.reading.identity.serial).not.toBe(before?.reading.identity.serial);
    expect(stack.devices.getSnapshot(newId), 'the replacement\'s layout is stored for routine polls after a restart').not.toBeNull();
    expect(stack.devices.getDevice(newId)?.profileId).toEqual(expect.any(String));
    expect(stack.devices.getDevice(oldId)?.supplies).toEqual(before?.reading.supplies);
  });
});

describe('a device that reports the serial and MAC of another one that still answers', () => {
  let simulator: Simulator;
  let stack: InventoryStack;
  const [template, other] = answeringDemoFleet(2, 45) as [SimulatedDeviceSpec, SimulatedDeviceSpec];
  const fixed = { port: CLONE_PORT };
  /** The original and its clone (every varbind copied), and a third printer answering as `atOther`. */
  const fleet = (atOther: SimulatedDeviceSpec, cloneFaults?: SimulatedDeviceSpec['faults']): SimulatedDeviceSpec[] => [
    { name: ORIGINAL, varbinds: template.varbinds, address: CLONE_ADDRESSES.original, ...fixed },
    { name: CLONE, varbinds: template.varbinds, address: CLONE_ADDRESSES.clone, ...fixed, faults: cloneFaults },
    { name: OTHER, varbinds: atOther.varbinds, address: CLONE_ADDRESSES.other, ...fixed },
  ];

  beforeAll(async () => {
    // The clone answers with every varbind of the original: serial, MAC, sysName, all of it.
    simulator = await startFleet(CLONE_BASE, fleet(other));
    stack = openStack(':memory:', await projectProfiles());
  });

  afterAll(async () => {
    await stack?.close();
    await simulator?.close();
  });

  const original = () => targetOf(simulator, ORIGINAL);
  const clone = () => targetOf(simulator, CLONE);
  const endpointOf = (t: { host: string; port?: number }) => `${t.host}:${t.port ?? 161}`;

  it('does not take the row over: the original keeps its address and shows the conflict, nothing of the clone is saved', async () => {
    const [first] = await stack.service.readTargets([original()]);
    const id = first?.saved.deviceId ?? -1;

    const [second] = await stack.service.readTargets([clone()]);

    expect(second?.reading.ok).toBe(true);
    expect(second?.saved).toMatchObject({ deviceId: id, addressChanged: null, identityConflict: { heldAt: endpointOf(original()), alsoAt: endpointOf(clone()) } });
    const device = stack.devices.getDevice(id);
    expect(device).toMatchObject({ address: original().host, port: original().port, pastAddresses: [] });
    expect(device?.identityConflict).toEqual({ address: clone().host, port: clone().port, seenAt: expect.any(Number) });
    expect(stack.devices.listDevices()).toHaveLength(1);
  });

  it('makes the first of two new devices with one identity in one round the device, and the second a conflict', async () => {
    const fresh = openStack(':memory:', await projectProfiles());
    try {
      const outcomes = await fresh.service.readTargets([original(), clone()]);
      expect(outcomes.map((o) => ({ change: o.saved.change, conflict: o.saved.identityConflict ?? null }))).toEqual([
        { change: 'new', conflict: null },
        { change: 'updated', conflict: { heldAt: endpointOf(original()), alsoAt: endpointOf(clone()) } },
      ]);
      expect(fresh.devices.listDevices().map((d) => ({ address: d.address, conflict: d.identityConflict?.address ?? null }))).toEqual([{ address: original().host, conflict: clone().host }]);
    } finally {
      await fresh.close();
    }
  });

  it('decides from the same round when it read both addresses, whichever comes first', async () => {
    for (const order of [[clone(), original()], [original(), clone()]]) {
      const outcomes = await stack.service.readTargets(order);
      expect(outcomes.map((o) => o.saved.identityConflict?.alsoAt ?? null).filter((c) => c !== null)).toEqual([endpointOf(clone())]);
      expect(stack.devices.listDevices().map((d) => endpointOf({ host: d.address, port: d.port }))).toEqual([endpointOf(original())]);
    }
  });

  it('keeps routine polls of the original at its own address', async () => {
    const outcomes = await stack.service.pollStored(V2C);
    expect(outcomes.map((o) => ({ ok: o.reading.ok, target: o.reading.target, moved: o.saved.addressChanged }))).toEqual([{ ok: true, target: endpointOf(original()), moved: null }]);
  });

  it('records a conflict, not a move, when a stored device\'s address now answers with the identity of another live one', async () => {
    // A second stored printer; then its address is taken by a device with the original's identity.
    simulator.device(CLONE).setFaults({ silent: true });
    const [read] = await stack.service.readTargets([targetOf(simulator, OTHER)]);
    const otherId = read?.saved.deviceId ?? -1;
    const originalId = stack.devices.listDevices().find((d) => d.address === original().host)?.id ?? -1;
    await simulator.close();
    simulator = await startFleet(CLONE_BASE, fleet(template, { silent: true }));

    const outcomes = await stack.service.pollStored(V2C);

    const conflict = outcomes.find((o) => o.saved.identityConflict);
    expect(conflict?.saved).toMatchObject({ deviceId: originalId, identityConflict: { heldAt: endpointOf(original()), alsoAt: endpointOf(targetOf(simulator, OTHER)) } });
    expect(stack.devices.getDevice(originalId)).toMatchObject({ address: original().host, identityConflict: { address: targetOf(simulator, OTHER).host } });
    expect(stack.devices.getDevice(otherId)?.address).toBe(targetOf(simulator, OTHER).host);
  });

  it('moves the device once its own address no longer answers', async () => {
    simulator.device(ORIGINAL).setFaults({ silent: true });
    simulator.device(OTHER).setFaults({ silent: true });
    simulator.device(CLONE).setFaults({ silent: false });
    const originalId = stack.devices.listDevices().find((d) => d.address === original().host)?.id ?? -1;

    const [moved] = await stack.service.readTargets([clone()]);

    expect(moved?.saved).toMatchObject({ deviceId: originalId, addressChanged: { from: endpointOf(original()), to: endpointOf(clone()) } });
    expect(moved?.saved.identityConflict).toBeUndefined();
    expect(stack.devices.getDevice(originalId)).toMatchObject({ address: clone().host, port: clone().port });
  });

  it('clears the conflict once the other address answers as another device', async () => {
    const originalId = stack.devices.listDevices().find((d) => d.identity.serial !== null && d.address === CLONE_ADDRESSES.clone)?.id ?? -1;
    expect(stack.devices.getDevice(originalId)?.identityConflict?.address).toBe(CLONE_ADDRESSES.other);
    await simulator.close();
    simulator = await startFleet(CLONE_BASE, fleet(other));

    const [read] = await stack.service.readTargets([targetOf(simulator, OTHER)]);

    expect(read?.saved.conflictsCleared).toEqual([originalId]);
    expect(stack.devices.getDevice(originalId)?.identityConflict).toBeNull();
  });
});
